using System.Data.Common;
using System.Text.Json.Nodes;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Projects.Features.People;

/// <summary>
/// The right to erasure reaching project teams: every team member whose e-mail has the erased
/// person's key loses name, e-mail and key (role and position stay, with <c>erased_at</c>), in every
/// académie, and each project concerned moves one version up; the audit entries that held them lose them too. Runs once
/// per event (inbox).
/// </summary>
internal sealed class TeamMemberErasure(Db db, TimeProvider time) : INotificationHandler<IntegrationEvent<PersonErased>>
{
    /// <summary>Bump first: the key that finds the projects is gone after the second statement.</summary>
    internal const string EraseSql = """
        UPDATE projects.project SET version = version + 1, updated_by = @Actor, updated_at = @Now
        WHERE id IN (SELECT project_id FROM projects.project_member WHERE email_key = CAST(@EmailKey AS VARCHAR(8000)));
        UPDATE projects.project_member SET name = NULL, email = NULL, email_key = NULL, erased_at = @Now
        WHERE email_key = CAST(@EmailKey AS VARCHAR(8000))
        """;

    internal const string ProjectsOfMemberSql =
        "SELECT DISTINCT project_id FROM projects.project_member WHERE email_key = CAST(@EmailKey AS VARCHAR(8000))";

    /// <summary>Who the change is recorded as (updated_by): the erasure, not a caller.</summary>
    internal const string Actor = "erasure";

    public Task Handle(IntegrationEvent<PersonErased> notification, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.ProcessOnceAsync(ProjectsModule.Schema, nameof(TeamMemberErasure), notification.Id, now,
            async (c, t) =>
            {
                // The projects' stored views hold the team's names and e-mails: they are composed again.
                var projects = (await c.QueryAsync<Guid>(ProjectsOfMemberSql, new { notification.Payload.EmailKey }, t)).ToList();
                await c.ExecuteAsync(EraseSql, new { notification.Payload.EmailKey, Actor, Now = now }, t);
                await ProjectTable.RewriteViewsAsync(c, t, projects);
                await AnonymiseAuditAsync(c, t, notification.Payload.EmailKey);
            }, cancellationToken);
    }

    /// <summary>The erased member's name and e-mail leave every project audit entry that held them (ADR 0020).</summary>
    private static Task AnonymiseAuditAsync(DbConnection connection, DbTransaction transaction, string emailKey) =>
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
}
