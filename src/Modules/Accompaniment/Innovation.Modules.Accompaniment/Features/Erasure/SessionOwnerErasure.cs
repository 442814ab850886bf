using System.Text.Json;
using System.Text.Json.Nodes;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Accompaniment.Features.Plans;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Accompaniment.Features.Erasure;

/// <summary>
/// The right to erasure reaching accompaniment: the module holds people as directory ids (who led a diagnosis, accompanists, session
/// participants and accompanists, next-step owners), which name no one once Networks has erased the person, so they stay and the
/// hours stay true. The one place where a name sits next to an id is a next step's free <c>who</c> with its <c>ownerPersonId</c>:
/// every step the erased person owns loses its <c>who</c>, and each plan concerned moves one version up (its sessions share its ETag).
/// The sessions' audit entries hold their next steps too: the same <c>who</c> is removed there (ADR 0020). Runs once per event (inbox).
/// </summary>
internal sealed class SessionOwnerErasure(Db db, TimeProvider time) : INotificationHandler<IntegrationEvent<PersonErased>>
{
    internal const string OwnedStepsSql = """
        SELECT s.id AS Id, s.plan_id AS PlanId, s.next_steps AS NextSteps
        FROM accompaniment.plan_session s JOIN accompaniment.accompaniment_plan ap ON ap.id = s.plan_id
        WHERE ap.academie = @Academie AND s.next_steps LIKE @Pattern
        """;

    internal const string UpdateStepsSql = "UPDATE accompaniment.plan_session SET next_steps = @NextSteps WHERE id = @Id";

    internal const string BumpPlanSql = "UPDATE accompaniment.accompaniment_plan SET version = version + 1 WHERE id = @PlanId";

    public Task Handle(IntegrationEvent<PersonErased> notification, CancellationToken cancellationToken)
    {
        var erased = notification.Payload;
        return db.ProcessOnceAsync(AccompanimentModule.Schema, nameof(SessionOwnerErasure), notification.Id, time.GetUtcNow(), async (c, t) =>
        {
            var sessions = await c.QueryAsync<SessionSteps>(OwnedStepsSql, new { erased.Academie, Pattern = $"%\"{erased.PersonId}\"%" }, t);
            var plans = new HashSet<Guid>();
            foreach (var session in sessions)
            {
                var steps = JsonSerializer.Deserialize<List<NextStep>>(session.NextSteps, ApiJson.Options)!;
                if (!steps.Any(s => s.OwnerPersonId == erased.PersonId && s.Who is not null))
                {
                    continue;
                }

                var kept = steps.Select(s => s.OwnerPersonId == erased.PersonId ? s with { Who = null } : s).ToList();
                await c.ExecuteAsync(UpdateStepsSql, new { session.Id, NextSteps = JsonSerializer.Serialize(kept, ApiJson.Options) }, t);
                plans.Add(session.PlanId);
            }

            await c.ExecuteAsync(BumpPlanSql, plans.Select(id => new { PlanId = id }), t);
            await AuditTrail.ScrubMentionsAsync(c, t, AccompanimentModule.Schema, erased.Academie, $"\"{erased.PersonId}\"",
                value => ClearOwnedSteps(value, erased.PersonId));
        }, cancellationToken);
    }

    /// <summary>In an audited value, the next steps (an array of steps) <paramref name="owner"/> owns lose their <c>who</c>.</summary>
    private static bool ClearOwnedSteps(JsonNode value, Guid owner)
    {
        var cleared = false;
        foreach (var step in value is JsonArray steps ? steps.OfType<JsonObject>() : [])
        {
            if (step["who"] is not null && step["ownerPersonId"] is JsonValue id && id.TryGetValue<string>(out var text)
                && Guid.TryParse(text, out var person) && person == owner)
            {
                step["who"] = null;
                cleared = true;
            }
        }

        return cleared;
    }

    internal sealed class SessionSteps
    {
        public Guid Id { get; set; }
        public Guid PlanId { get; set; }
        public string NextSteps { get; set; } = "[]";
    }
}
