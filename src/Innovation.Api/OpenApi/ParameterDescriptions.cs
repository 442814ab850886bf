using System.Globalization;
using System.Text.Json.Nodes;
using Innovation.BuildingBlocks.Http;
using Microsoft.OpenApi;

namespace Innovation.Api.OpenApi;

/// <summary>
/// The description and bounds of the parameters every list and every child resource shares (<c>limit</c>, <c>cursor</c>, the
/// ids in a path), so that no parameter of the document goes undescribed; an endpoint's own XML description wins.
/// </summary>
internal static class ParameterDescriptions
{
    private static readonly Dictionary<string, string> Query = new(StringComparer.Ordinal)
    {
        ["cursor"] = "The `nextCursor` of the previous page; omit it for the first page.",
        ["q"] = "Words to search for; accents and case are ignored.",
        ["academie"] = "Académie code or name (national callers; others only ever see their own).",
        ["after"] = "The id of the last event processed, or a `nextCursor`: the events after it.",
        ["departement"] = "A département code as the directory writes it (`095`, `02A`).",
        ["schoolYear"] = "A school year written `2026-2027`.",
        ["status"] = "Only the items with this status.",
        ["type"] = "Only the items of this type.",
        ["kind"] = "Only the items of this kind.",
        ["scope"] = "Only the indicators of this scope.",
        ["scopeId"] = "With `scope`: the id of the project, experimentation or network.",
        ["code"] = "Only the items with this code.",
        ["standing"] = "Only the candidates or only the laureates.",
        ["priorityEducation"] = "Only the schools of this priority-education status.",
        ["school"] = "Only the items that include this school (a UAI).",
        ["person"] = "Only the items that include this person (an id of the directory).",
        ["activeYear"] = "Only the networks active in this school year (`2026-2027`).",
        ["format"] = "The export's format: `csv` (the default) or `json`.",
        ["by"] = "How to roll up the indicators: `project`, `network`, `theme`, `departement` or `academie`.",
        ["details"] = "`false` leaves out the indicator lines and keeps only the roll-ups.",
    };

    private static readonly Dictionary<string, string> Path = new(StringComparer.Ordinal)
    {
        ["uai"] = "The school's UAI: 7 digits and a letter, e.g. `0951099D`.",
        ["year"] = "The prize year, e.g. `2026`.",
        ["issue"] = "The gazette issue: a month written `2026-10`.",
        ["list"] = "A code list's name: the name of its enum schema in this document, e.g. `ProjectTheme`.",
    };

    public static void Complete(OpenApiParameter parameter, string route)
    {
        // A page's limit (Limit.Resolve); an endpoint with other bounds (the map's features) describes its own.
        if (parameter is { In: ParameterLocation.Query, Name: "limit", Description: null or "" } && parameter.Schema is OpenApiSchema limit)
        {
            limit.Minimum = "1";
            limit.Maximum = Cursor.MaxLimit.ToString(CultureInfo.InvariantCulture);
            limit.Default = JsonValue.Create(Cursor.DefaultLimit);
            parameter.Description = $"Items per page, 1 to {Cursor.MaxLimit} (default {Cursor.DefaultLimit}).";
        }

        if (!string.IsNullOrEmpty(parameter.Description) || parameter.Name is null)
        {
            return;
        }

        parameter.Description = parameter.In switch
        {
            ParameterLocation.Query => Query.GetValueOrDefault(parameter.Name),
            ParameterLocation.Path when Path.TryGetValue(parameter.Name, out var known) => known,
            ParameterLocation.Path => $"The {Owner(parameter.Name, route)}'s id.",
            _ => null,
        };
    }

    // `{id}` names the resource of the segment before it (`/projects/{id}` → project); `{fundingId}` names itself.
    private static string Owner(string name, string route)
    {
        if (name != "id")
        {
            return Words(name[..^2]);
        }

        var segments = route.Split('/');
        var at = Array.IndexOf(segments, "{id}");
        var collection = at > 0 ? segments[at - 1] : "resource";
        return collection switch
        {
            "people" => "person",
            "api-keys" => "API key",
            "webhooks" => "webhook subscription",
            _ => Words(collection.EndsWith('s') ? collection[..^1] : collection),
        };
    }

    private static string Words(string camel) =>
        string.Concat(camel.Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString())).Replace('-', ' ');
}
