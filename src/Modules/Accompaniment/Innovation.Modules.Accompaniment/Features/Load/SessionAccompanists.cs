using System.Data.Common;
using System.Text.Json;
using Innovation.Modules.Accompaniment.Features.Plans;

namespace Innovation.Modules.Accompaniment.Features.Load;

/// <summary>
/// The accompanists who held a session: each must be an accompanist of the plan (any school year), checked in the session's
/// transaction against the plan itself, whose accompanists were checked against the académie's directory when it was written.
/// </summary>
internal static class SessionAccompanists
{
    internal const string OfPlanSql = "SELECT DISTINCT person_id FROM accompaniment.plan_accompanist WHERE plan_id = @PlanId";

    public static IReadOnlyList<Guid> Of(PlanSessions.Row row) =>
        row.Accompanists is null ? [] : JsonSerializer.Deserialize<List<Guid>>(row.Accompanists, ApiJson.Options)!;

    /// <summary>A 400 naming each of the session's accompanists who is not an accompanist of the plan.</summary>
    public static async Task EnsureOfThePlanAsync(DbConnection c, DbTransaction t, Guid planId, PlanSessions.Row row)
    {
        var ids = Of(row);
        if (ids.Count == 0)
        {
            return;
        }

        var ofThePlan = (await c.QueryAsync<Guid>(OfPlanSql, new { PlanId = planId }, t)).ToHashSet();
        var errors = ids.Select((id, i) => (id, i)).Where(x => !ofThePlan.Contains(x.id))
            .ToDictionary(x => $"accompanistIds[{x.i}]", x => new[] { $"Person '{x.id}' is not an accompanist of the plan." });
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}
