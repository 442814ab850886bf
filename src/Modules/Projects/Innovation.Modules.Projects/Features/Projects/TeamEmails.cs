using System.Text.Json.Nodes;
using Innovation.BuildingBlocks.Audit;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// A team member's e-mail is personal data of the people directory: it is shown to callers with <c>people:read</c> and to the
/// project's own team (a member recognised by their token's e-mail); anyone else, a key with <c>projects:read</c> only say,
/// reads it as null. Names stay: they say who carries the project.
/// </summary>
internal static class TeamEmails
{
    public static bool Shown(Caller caller, IEnumerable<string?> emails) =>
        caller.Has(AuditLog.PersonalDataScope)
        || (caller.Email is { } own && emails.Any(e => string.Equals(e?.Trim(), own, StringComparison.OrdinalIgnoreCase)));

    public static Project VisibleTo(Caller caller, Project project) =>
        Shown(caller, project.Team.Select(m => m.Email)) ? project : project with { Team = [.. project.Team.Select(m => m with { Email = null })] };

    /// <summary>The stored document as the caller may read it (rewritten only for a caller who may not see the e-mails).</summary>
    public static string VisibleTo(Caller caller, string document)
    {
        if (caller.Has(AuditLog.PersonalDataScope) || JsonNode.Parse(document) is not JsonObject { } project
            || project["team"] is not JsonArray team)
        {
            return document;
        }

        var members = team.OfType<JsonObject>().ToList();
        if (Shown(caller, members.Select(m => m["email"] is JsonValue email && email.TryGetValue<string>(out var text) ? text : null)))
        {
            return document;
        }

        foreach (var member in members.Where(m => m.ContainsKey("email")))
        {
            member["email"] = null;
        }

        return project.ToJsonString(ApiJson.Options);
    }
}
