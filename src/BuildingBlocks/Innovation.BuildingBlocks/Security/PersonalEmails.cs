using System.Text.Json.Nodes;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Http;

namespace Innovation.BuildingBlocks.Security;

/// <summary>
/// An e-mail held in a resource (a team member's, say) is personal data of the people directory: it is shown to callers with
/// <c>people:read</c> (<see cref="AuditLog.PersonalDataScope"/>) and to the people the resource names (a caller recognised by their
/// token's e-mail); anyone else, a key with a module's read scope only say, reads it as null. Names stay.
/// </summary>
public static class PersonalEmails
{
    /// <summary>True when <paramref name="caller"/> may read <paramref name="emails"/>, the e-mails one resource holds.</summary>
    public static bool Shown(Caller caller, IEnumerable<string?> emails) =>
        caller.Has(AuditLog.PersonalDataScope)
        || (caller.Email is { } own && emails.Any(e => string.Equals(e?.Trim(), own, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// A stored JSON document as the caller may read it: the <c>email</c> of every member of its array <paramref name="list"/>
    /// set to null unless <see cref="Shown"/> (the document is rewritten only then).
    /// </summary>
    public static string VisibleTo(Caller caller, string document, string list)
    {
        if (caller.Has(AuditLog.PersonalDataScope) || JsonNode.Parse(document) is not JsonObject { } resource
            || resource[list] is not JsonArray members)
        {
            return document;
        }

        var people = members.OfType<JsonObject>().ToList();
        if (Shown(caller, people.Select(m => m["email"] is JsonValue email && email.TryGetValue<string>(out var text) ? text : null)))
        {
            return document;
        }

        foreach (var person in people.Where(m => m.ContainsKey("email")))
        {
            person["email"] = null;
        }

        return resource.ToJsonString(ApiJson.Options);
    }
}
