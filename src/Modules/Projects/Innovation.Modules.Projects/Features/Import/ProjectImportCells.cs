using System.Text.Json;
using Innovation.BuildingBlocks.Imports;

namespace Innovation.Modules.Projects.Features.Import;

/// <summary>
/// How the project import reads its list cells: texts and codes delimited by '|', and team members as <c>role:name:email</c> texts or
/// JSON.
/// </summary>
internal static class ProjectImportCells
{
    /// <summary>Separator of list cells (schools, themes, tags, levels, team) in CSV.</summary>
    public const string ListSeparator = "|";

    private const string NotTexts = $"Expected texts delimited by '{ListSeparator}', or a JSON array of texts.";

    /// <summary>A list: texts delimited by '|', or (NDJSON) a JSON array of texts.</summary>
    internal static List<string>? Texts(ImportCheck row, ImportField field) => row.Texts(field, ListSeparator, NotTexts);

    /// <summary>A list of codes (themes, levels), in any case, with or without separators.</summary>
    internal static List<TEnum>? Codes<TEnum>(ImportCheck row, ImportField field) where TEnum : struct, Enum =>
        row.Values(field, ListSeparator, NotTexts, ImportValues.LooseCode<TEnum>,
            static t => $"Unknown value '{t}': use {ImportValues.CodeList<TEnum>()}.");

    /// <summary>The canvas: its six cells in the canvas's order, or null when every one is empty.</summary>
    internal static Canvas? CanvasOf(ImportCheck row, params ImportField[] items)
    {
        var texts = items.Select(row.Text).ToArray();
        return texts.All(t => t is null) ? null : new Canvas(texts[0], texts[1], texts[2], texts[3], texts[4], texts[5]);
    }

    /// <summary>
    /// The team cell: members delimited by '|' (<see cref="ParseTeamText"/>), or in NDJSON a JSON array (<see cref="ParseTeamJson"/>).
    /// </summary>
    internal static List<TeamMemberDraft>? Team(ImportCheck row, ImportField team)
    {
        var cell = row[team];
        if (string.IsNullOrWhiteSpace(cell.Text))
        {
            return null;
        }

        var (members, problem) = cell.IsStructured ? ParseTeamJson(cell.Text) : ParseTeamText(cell.Text);
        if (problem is not null)
        {
            row.Unreadable(team, problem);
        }

        return members;
    }

    /// <summary>A role code, or its French name (porteur, co-porteur, contributeur, chef d'établissement).</summary>
    internal static TeamRole? ParseRole(string text) => new string([.. text.Where(char.IsLetter)]).ToLowerInvariant() switch
    {
        "porteur" => TeamRole.Carrier,
        "coporteur" => TeamRole.CoCarrier,
        "contributeur" => TeamRole.Contributor,
        "chefdetablissement" or "cheffedetablissement" => TeamRole.HeadOfSchoolSponsor,
        _ => ImportValues.LooseCode<TeamRole>(text),
    };

    private const string TeamExample = "carrier:Ada Lovelace:ada.lovelace@ac-versailles.fr";

    /// <summary>
    /// Members delimited by '|', each <c>role:name:email</c>: the role runs to the first ':', the
    /// e-mail from the last one, and the name (which may hold ':') in between.
    /// </summary>
    internal static (List<TeamMemberDraft>? Members, string? Problem) ParseTeamText(string text)
    {
        var members = new List<TeamMemberDraft>();
        var items = text.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < items.Length; i++)
        {
            var (member, problem) = MemberText(i, items[i]);
            if (problem is not null)
            {
                return (null, problem);
            }

            members.Add(member!);
        }

        return (members, null);
    }

    /// <summary>NDJSON: an array of <c>{"role", "name", "email"}</c> objects or of <c>role:name:email</c> texts.</summary>
    internal static (List<TeamMemberDraft>? Members, string? Problem) ParseTeamJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return (null,
                $"Expected a JSON array of members ({{\"role\":\"carrier\",\"name\":\"…\",\"email\":\"…\"}}) or a text like {TeamExample}.");
        }

        var members = new List<TeamMemberDraft>();
        var i = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            (TeamMemberDraft? Member, string? Problem) parsed = element.ValueKind switch
            {
                JsonValueKind.String => MemberText(i, element.GetString()!.Trim()),
                JsonValueKind.Object => Member(i, Property(element, "role"), Property(element, "name"), Property(element, "email")),
                _ => (null, $"Team member {i + 1}: expected an object with role, name and email."),
            };
            if (parsed.Problem is not null)
            {
                return (null, parsed.Problem);
            }

            members.Add(parsed.Member!);
            i++;
        }

        return (members, null);
    }

    private static string? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.ToString();
            }
        }

        return null;
    }

    /// <summary>One <c>role:name:email</c> member (the role up to the first ':', the e-mail after the last one).</summary>
    private static (TeamMemberDraft? Member, string? Problem) MemberText(int index, string item)
    {
        var (first, last) = (item.IndexOf(':', StringComparison.Ordinal), item.LastIndexOf(':'));
        return first < 0 || first == last
            ? (null, $"Team member {index + 1}: '{item}' is not role:name:email (e.g. {TeamExample}).")
            : Member(index, item[..first], item[(first + 1)..last], item[(last + 1)..]);
    }

    private static (TeamMemberDraft? Member, string? Problem) Member(int index, string? role, string? name, string? email)
    {
        var parsed = role is null ? null : ParseRole(role.Trim());
        if (parsed is null)
        {
            return (null,
                $"Team member {index + 1}: unknown role '{role?.Trim()}': use carrier, coCarrier, contributor or headOfSchoolSponsor (or porteur, " +
                $"co-porteur, contributeur, chef d'établissement).");
        }

        return (new TeamMemberDraft(parsed, string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            string.IsNullOrWhiteSpace(email) ? null : email.Trim()), null);
    }
}
