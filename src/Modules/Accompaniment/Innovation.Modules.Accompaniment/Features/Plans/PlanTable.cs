using System.Data.Common;
using System.Text.Json;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Accompaniment.Contracts;
using Innovation.Modules.Accompaniment.Features.FollowUp;

namespace Innovation.Modules.Accompaniment.Features.Plans;

/// <summary>An accompaniment plan of a project.</summary>
/// <param name="Id">The plan's id.</param>
/// <param name="ProjectId">The accompanied project.</param>
/// <param name="Status">proposed, active (a carrier accepted it), declined (a carrier declined it) or closed.</param>
/// <param name="Types">The types and their periods, by start.</param>
/// <param name="Goals">The goals, each tied to a diagnosed need.</param>
/// <param name="Accompanists">The accompanists and their planned load, by school year.</param>
/// <param name="PendingRevision">A change proposed to the active plan, waiting for a carrier to accept or decline it.</param>
/// <param name="DeclineReason" example="L'équipe préfère attendre la rentrée.">Why a carrier declined the plan.</param>
/// <param name="ClosingSummary" example="Objectifs atteints ; l'équipe poursuit seule.">How the accompaniment ended.</param>
/// <param name="ProposedAt">When the plan was proposed.</param>
/// <param name="DecidedAt">When a carrier accepted or declined it.</param>
/// <param name="ClosedAt">When it was closed.</param>
/// <param name="FollowUp">The follow-up sheets' schedule, when the plan sets an interval.</param>
internal sealed record AccompanimentPlan(
    Guid Id, Guid ProjectId, PlanStatus Status, IReadOnlyList<TypePeriod> Types, IReadOnlyList<PlanGoal> Goals,
    IReadOnlyList<PlanAccompanist> Accompanists, AccompanimentPlanDraft? PendingRevision, string? DeclineReason, string? ClosingSummary,
    DateTimeOffset ProposedAt, DateTimeOffset? DecidedAt, DateTimeOffset? ClosedAt, FollowUpSchedule? FollowUp);

/// <summary>
/// The <c>accompaniment.accompaniment_plan</c> table and its content tables (type periods, goals, accompanists), rewritten
/// together; a pending revision is kept as the draft's JSON until a carrier decides on it.
/// </summary>
internal static class PlanTable
{
    internal const string SelectSql = """
        SELECT id AS Id, project_id AS ProjectId, academie AS Academie, status AS Status, revision AS Revision, closing_summary AS ClosingSummary,
               decline_reason AS DeclineReason, version AS Version, proposed_at AS ProposedAt, decided_at AS DecidedAt, closed_at AS ClosedAt,
               follow_up_weeks AS FollowUpWeeks
        FROM accompaniment.accompaniment_plan

        """;

    internal const string FindSql = SelectSql + "WHERE id = @Id";

    internal const string InsertSql = """
        INSERT INTO accompaniment.accompaniment_plan (id, project_id, academie, status, revision, closing_summary, decline_reason, version,
                                                      proposed_at, decided_at, closed_at)
        VALUES (@Id, @ProjectId, @Academie, @Status, @Revision, @ClosingSummary, @DeclineReason, @Version, @ProposedAt, @DecidedAt, @ClosedAt)
        """;

    internal const string UpdateSql = """
        UPDATE accompaniment.accompaniment_plan
        SET status = @Status, revision = @Revision, closing_summary = @ClosingSummary, decline_reason = @DeclineReason, version = @Version,
            decided_at = @DecidedAt, closed_at = @ClosedAt
        WHERE id = @Id AND version = @Version - 1
        """;

    internal const string TypesSql = """
        SELECT plan_id AS PlanId, type AS Type, start_date AS Start, end_date AS EndDate FROM accompaniment.plan_type_period WHERE plan_id IN @Ids
        """;

    internal const string GoalsSql = """
        SELECT plan_id AS PlanId, need_code AS NeedCode, description AS Description FROM accompaniment.plan_goal WHERE plan_id IN @Ids
        """;

    internal const string AccompanistsSql = """
        SELECT plan_id AS PlanId, person_id AS PersonId, role AS Role, school_year AS SchoolYear, planned_hours AS PlannedHours
        FROM accompaniment.plan_accompanist WHERE plan_id IN @Ids
        """;

    internal const string DeleteTypesSql = "DELETE FROM accompaniment.plan_type_period WHERE plan_id = @PlanId";

    internal const string DeleteGoalsSql = "DELETE FROM accompaniment.plan_goal WHERE plan_id = @PlanId";

    internal const string DeleteAccompanistsSql = "DELETE FROM accompaniment.plan_accompanist WHERE plan_id = @PlanId";

    internal const string InsertTypeSql = """
        INSERT INTO accompaniment.plan_type_period (plan_id, type, start_date, end_date) VALUES (@PlanId, @Type, @Start, @End)
        """;

    internal const string InsertGoalSql = """
        INSERT INTO accompaniment.plan_goal (plan_id, need_code, description) VALUES (@PlanId, @NeedCode, @Description)
        """;

    internal const string InsertAccompanistSql = """
        INSERT INTO accompaniment.plan_accompanist (plan_id, person_id, school_year, role, planned_hours)
        VALUES (@PlanId, @PersonId, @SchoolYear, @Role, @PlannedHours)
        """;

    internal const string FollowUpWeeksSql = "UPDATE accompaniment.accompaniment_plan SET follow_up_weeks = @Weeks WHERE id = @PlanId";

    private static readonly JsonSerializerOptions RevisionJson = ApiJson.Options;

    /// <summary>Writes a new plan, its content and its <c>AccompanimentProposed</c> event.</summary>
    public static async Task InsertAsync(DbConnection c, DbTransaction t, Row row, AccompanimentPlanDraft content)
    {
        await c.ExecuteAsync(InsertSql, row, t);
        await WriteContentAsync(c, t, row.Id, content);
        await Outbox.EnqueueAsync(c, t, AccompanimentModule.Schema, new AccompanimentProposed(Snapshot(row, content)), row.ProposedAt);
    }

    /// <summary>Saves a change of the plan's row (its version already bumped): 412 when someone changed it meanwhile.</summary>
    public static async Task UpdateAsync(DbConnection c, DbTransaction t, Row row)
    {
        if (await c.ExecuteAsync(UpdateSql, row, t) == 0)
        {
            throw ETags.Stale(row.Version);
        }
    }

    /// <summary>The plan of one row (see <see cref="LoadAsync"/>).</summary>
    public static async Task<AccompanimentPlan> LoadOneAsync(Db db, DbConnection c, Row row, DateOnly today, DbTransaction? t = null) =>
        (await LoadAsync(db, c, [row], today, t))[0];

    /// <summary>
    /// Saves a change of a plan's row in the change's transaction: one version up, the row (412 when someone changed it meanwhile),
    /// the audit entry of <paramref name="action"/> from the plan <paramref name="before"/> to the plan after, which it returns with
    /// its new version.
    /// </summary>
    public static async Task<Versioned<AccompanimentPlan>> SaveChangeAsync(
        Db db, DbConnection c, DbTransaction t, Row row, AccompanimentPlan before, string action, Caller caller, DateTimeOffset now, DateOnly today)
    {
        row.Version++;
        await UpdateAsync(c, t, row);
        var after = await LoadOneAsync(db, c, row, today, t);
        await AccompanimentAudit.RecordAsync(c, t, caller, now, row.Academie, PlanParent.Rules.ResourceType, row.Id, row.ProjectId, action,
            before, after);
        return new Versioned<AccompanimentPlan>(after, row.Version);
    }

    /// <summary>Replaces the plan's types, goals and accompanists.</summary>
    public static async Task WriteContentAsync(DbConnection c, DbTransaction t, Guid planId, AccompanimentPlanDraft content)
    {
        var key = new { PlanId = planId };
        await c.ExecuteAsync(DeleteTypesSql, key, t);
        await c.ExecuteAsync(DeleteGoalsSql, key, t);
        await c.ExecuteAsync(DeleteAccompanistsSql, key, t);
        await c.ExecuteAsync(InsertTypeSql, content.Types!.Select(p => new
        {
            PlanId = planId, Type = StableCode.Of(p.Type!.Value), Start = p.Start!.Value, p.End,
        }), t);
        await c.ExecuteAsync(InsertGoalSql, content.Goals!.Select(g => new
        {
            PlanId = planId, NeedCode = StableCode.Of(g.NeedCode!.Value), Description = g.Description!.Trim(),
        }), t);
        await c.ExecuteAsync(InsertAccompanistSql, content.Accompanists!.Select(a => new
        {
            PlanId = planId, PersonId = a.PersonId!.Value, a.SchoolYear, Role = StableCode.Of(a.Role!.Value), PlannedHours = a.PlannedHours!.Value,
        }), t);
        await c.ExecuteAsync(FollowUpWeeksSql, new { PlanId = planId, Weeks = content.FollowUpIntervalWeeks }, t);
    }

    /// <summary>The plans of these rows with their content, in the rows' order; <paramref name="today"/> tells which sheet is overdue.</summary>
    public static async Task<List<AccompanimentPlan>> LoadAsync(
        Db db, DbConnection c, IReadOnlyList<Row> rows, DateOnly today, DbTransaction? t = null)
    {
        var ids = new { Ids = db.Dialect.IdList(rows.Select(r => r.Id)) };
        var types = (await c.QueryAsync<TypeRow>(TypesSql, ids, t)).ToLookup(x => x.PlanId);
        var goals = (await c.QueryAsync<GoalRow>(GoalsSql, ids, t)).ToLookup(x => x.PlanId);
        var accompanists = (await c.QueryAsync<AccompanistRow>(AccompanistsSql, ids, t)).ToLookup(x => x.PlanId);
        var lastSheets = await FollowUpSchedule.LastSheetsAsync(c, ids, t);
        return [.. rows.Select(r => r.ToPlan(Content(types[r.Id], goals[r.Id], accompanists[r.Id], r.FollowUpWeeks),
            FollowUpSchedule.Of(r, lastSheets.GetValueOrDefault(r.Id), today)))];
    }

    public static AccompanimentSnapshot Snapshot(Row row, AccompanimentPlanDraft content) => new(
        row.Id, row.ProjectId, row.Academie, row.Status, [.. content.Types!.Select(p => StableCode.Of(p.Type!.Value)).Distinct()],
        content.Accompanists!.Select(a => a.PersonId).Distinct().Count(), content.Accompanists!.Sum(a => a.PlannedHours ?? 0), row.Version);

    public static string RevisionText(AccompanimentPlanDraft draft) => JsonSerializer.Serialize(draft, RevisionJson);

    private static AccompanimentPlanDraft Content(
        IEnumerable<TypeRow> types, IEnumerable<GoalRow> goals, IEnumerable<AccompanistRow> people, int? followUpWeeks) => new(
        [.. types.OrderBy(x => x.Start).ThenBy(x => x.Type, StringComparer.Ordinal)
            .Select(x => new TypePeriod(StableCode.Parse<AccompanimentType>(x.Type), x.Start, x.EndDate))],
        [.. goals.Select(x => new PlanGoal(StableCode.Parse<NeedCode>(x.NeedCode), x.Description)).OrderBy(g => g.NeedCode)],
        [.. people.OrderBy(x => x.SchoolYear, StringComparer.Ordinal).ThenBy(x => x.PersonId)
            .Select(x => new PlanAccompanist(x.PersonId, StableCode.Parse<AccompanistRole>(x.Role), x.SchoolYear, x.PlannedHours))],
        followUpWeeks);

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid ProjectId { get; set; }
        public string Academie { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Revision { get; set; }
        public string? ClosingSummary { get; set; }
        public string? DeclineReason { get; set; }
        public int Version { get; set; }
        public DateTimeOffset ProposedAt { get; set; }
        public DateTimeOffset? DecidedAt { get; set; }
        public DateTimeOffset? ClosedAt { get; set; }
        public int? FollowUpWeeks { get; set; }

        public PlanStatus PlanStatus => StableCode.Parse<PlanStatus>(Status);

        public AccompanimentPlanDraft? PendingRevision =>
            Revision is null ? null : JsonSerializer.Deserialize<AccompanimentPlanDraft>(Revision, RevisionJson);

        public AccompanimentPlan ToPlan(AccompanimentPlanDraft content, FollowUpSchedule? followUp) => new(
            Id, ProjectId, PlanStatus, content.Types!, content.Goals!, content.Accompanists!, PendingRevision, DeclineReason, ClosingSummary,
            ProposedAt, DecidedAt, ClosedAt, followUp);
    }

    internal sealed class TypeRow
    {
        public Guid PlanId { get; set; }
        public string Type { get; set; } = "";
        public DateOnly Start { get; set; }
        public DateOnly? EndDate { get; set; }
    }

    internal sealed class GoalRow
    {
        public Guid PlanId { get; set; }
        public string NeedCode { get; set; } = "";
        public string Description { get; set; } = "";
    }

    internal sealed class AccompanistRow
    {
        public Guid PlanId { get; set; }
        public Guid PersonId { get; set; }
        public string Role { get; set; } = "";
        public string SchoolYear { get; set; } = "";
        public int PlannedHours { get; set; }
    }
}
