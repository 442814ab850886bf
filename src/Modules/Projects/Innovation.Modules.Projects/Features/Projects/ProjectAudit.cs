using System.Data.Common;
using System.Text.Json.Nodes;
using Innovation.BuildingBlocks.Audit;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// A project's own audit entries (ADR 0020): the project as the API shows it, its schools by UAI; the team's names and
/// e-mails are personal data, found again by their e-mail keys when the person is erased.
/// </summary>
internal static class ProjectAudit
{
    private static readonly string[] Personal = ["team"];

    public static Task RecordAsync(
        DbConnection connection, DbTransaction transaction, string action, ProjectTable.Record? before, ProjectTable.Record? after, Caller caller,
        DateTimeOffset now) =>
        AuditTrail.RecordAsync(connection, transaction, ProjectsModule.Schema, Entry(action, before, after, caller, now));

    /// <summary>The rows of an import batch (before: null for a created project), in one bulk statement.</summary>
    public static Task RecordManyAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<(ProjectTable.Record? Before, ProjectTable.Record After)> rows,
        Caller caller, DateTimeOffset now) =>
        AuditTrail.RecordManyAsync(connection, transaction, ProjectsModule.Schema, rows.Select(r => Entry("import", r.Before, r.After, caller, now)));

    private static AuditEntry Entry(string action, ProjectTable.Record? before, ProjectTable.Record? after, Caller caller, DateTimeOffset now)
    {
        var row = (after ?? before)!.Row;
        return new AuditEntry(now, caller.Id, row.Academie, "project", row.Id.ToString(), action, View(before), View(after))
        {
            PersonalFields = Personal,
            Subjects = new[] { before, after }.OfType<ProjectTable.Record>().SelectMany(r => r.Team).Select(m => m.Email).OfType<string>()
                .Select(PersonErased.KeyOf),
        };
    }

    /// <summary>After a team member's erasure: their name and e-mail leave every project entry that held them.</summary>
    public static Task AnonymiseAsync(DbConnection connection, DbTransaction transaction, string emailKey) =>
        AuditTrail.AnonymiseAsync(connection, transaction, ProjectsModule.Schema, emailKey, team =>
        {
            foreach (var member in (team as JsonArray ?? []).OfType<JsonObject>())
            {
                if (member["email"]?.GetValue<string>() is { } email && PersonErased.KeyOf(email) == emailKey)
                {
                    (member["name"], member["email"]) = (null, null);
                }
            }

            return team;
        });

    private static object? View(ProjectTable.Record? record) => record?.ToProject() is not { } p ? null : new
    {
        p.Title, p.Summary, p.Academie, p.Status, Schools = p.Schools.Select(s => s.Uai), p.Themes, p.Tags, p.Levels, p.PupilsConcerned,
        p.PlannedStart, p.PlannedEnd, p.IsPublic, p.ExternalReference, p.Team, p.Canvas, p.HasExperimentation,
    };
}
