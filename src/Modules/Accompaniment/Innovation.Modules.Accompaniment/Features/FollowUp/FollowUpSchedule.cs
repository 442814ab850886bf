using System.Data.Common;
using Innovation.Modules.Accompaniment.Features.Plans;

namespace Innovation.Modules.Accompaniment.Features.FollowUp;

/// <summary>When the team's next follow-up sheet is due. Only an active plan has sheets due; a sheet's content never changes it.</summary>
/// <param name="IntervalWeeks" example="6">The plan's interval between two sheets, in weeks.</param>
/// <param name="LastSheetOn" example="2026-12-01">The day of the latest sheet, if any.</param>
/// <param name="NextSheetDue" example="2027-01-12">The day the next sheet is due: the interval after the latest sheet, or after the
/// plan's acceptance when it has none (or when the latest is older). Absent unless the plan is active.</param>
/// <param name="Overdue">The due day has passed (today, UTC) with no newer sheet.</param>
internal sealed record FollowUpSchedule(int IntervalWeeks, DateOnly? LastSheetOn, DateOnly? NextSheetDue, bool Overdue)
{
    internal const string LastSheetsSql = """
        SELECT plan_id AS PlanId, MAX(written_on) AS LastOn FROM accompaniment.plan_followup_sheet WHERE plan_id IN @Ids GROUP BY plan_id
        """;

    /// <summary>The day of each plan's latest sheet; <paramref name="ids"/> is the <c>{ Ids }</c> parameter of the plans.</summary>
    public static async Task<Dictionary<Guid, DateOnly>> LastSheetsAsync(DbConnection c, object ids, DbTransaction? t) =>
        (await c.QueryAsync<LastSheet>(LastSheetsSql, ids, t)).ToDictionary(x => x.PlanId, x => x.LastOn);

    public static FollowUpSchedule? Of(PlanTable.Row plan, DateOnly? lastSheetOn, DateOnly today) =>
        Of(plan.FollowUpWeeks, plan.PlanStatus, plan.DecidedAt, lastSheetOn, today);

    public static FollowUpSchedule? Of(int? weeks, PlanStatus status, DateTimeOffset? acceptedAt, DateOnly? lastSheetOn, DateOnly today)
    {
        if (weeks is not { } interval)
        {
            return null;
        }

        if (status != PlanStatus.Active || acceptedAt is not { } accepted)
        {
            return new(interval, lastSheetOn, null, false);
        }

        var from = DateOnly.FromDateTime(accepted.UtcDateTime);
        if (lastSheetOn is { } last && last > from)
        {
            from = last;
        }

        var due = from.AddDays(7 * interval);
        return new(interval, lastSheetOn, due, today > due);
    }

    internal sealed class LastSheet
    {
        public Guid PlanId { get; set; }
        public DateOnly LastOn { get; set; }
    }
}
