using Innovation.Modules.Accompaniment.Features.Queue;

namespace Innovation.Modules.Accompaniment.Features.FollowUp;

/// <summary>
/// The queue's <c>overdueSheet=true</c>: projects whose active plan's follow-up sheet is overdue, longest overdue first. The due day
/// is computed from the plan's interval, acceptance and latest sheet (<see cref="FollowUpSchedule"/>) over the académie's active plans
/// with an interval, which are few (one or two per accompanied project), then paged on (due day, project id).
/// </summary>
internal static class OverdueSheets
{
    internal const string ActivePlansSql = """
        SELECT p.id AS ProjectId, p.academie AS Academie, p.status AS Status, ap.id AS PlanId, ap.follow_up_weeks AS FollowUpWeeks,
               ap.decided_at AS DecidedAt,
               (SELECT MAX(fs.written_on) FROM accompaniment.plan_followup_sheet fs WHERE fs.plan_id = ap.id) AS LastSheetOn,
               (SELECT {{string_agg pd.departement, ',' ORDER BY pd.departement}} FROM accompaniment.project_departement pd
                WHERE pd.project_id = p.id) AS Departements,
               (SELECT {{string_agg pt.theme, ',' ORDER BY pt.theme {{binary}}}} FROM accompaniment.project_theme pt
                WHERE pt.project_id = p.id) AS Themes,
               (SELECT cd.id FROM accompaniment.diagnosis cd WHERE cd.project_id = p.id ORDER BY cd.diagnosed_on DESC, cd.id DESC {{limit 1}})
                 AS CurrentDiagnosisId
        FROM accompaniment.accompaniment_plan ap
        JOIN accompaniment.project p ON p.id = ap.project_id
        WHERE ap.status = 'active' AND ap.follow_up_weeks IS NOT NULL
          AND (@CallerAcademie IS NULL OR ap.academie = @CallerAcademie)
          AND (@Departement IS NULL OR EXISTS (SELECT 1 FROM accompaniment.project_departement fd
                                               WHERE fd.project_id = p.id AND fd.departement = @Departement))
          AND (@Theme IS NULL OR EXISTS (SELECT 1 FROM accompaniment.project_theme ft WHERE ft.project_id = p.id AND ft.theme = @Theme))
          AND (@Network IS NULL OR EXISTS (SELECT 1 FROM accompaniment.project_school ps JOIN accompaniment.network_school ns ON ns.uai = ps.uai
                                           WHERE ps.project_id = p.id AND ns.network_id = @Network
                                             AND (ns.valid_from IS NULL OR ns.valid_from <= @Today)
                                             AND (ns.valid_to IS NULL OR ns.valid_to >= @Today)))
        """;

    public static async Task<Page<QueuedProject>> PageAsync(
        Db db, Caller caller, ListQueue.Filters filters, DateOnly today, DateTimeOffset? afterAt, Guid? afterId, PageRequest<string?> page,
        CancellationToken cancellationToken)
    {
        var rows = await db.ReadAsync(c => c.QueryAsync<Row>(db.Sql(ActivePlansSql), new
        {
            CallerAcademie = caller.Academie,
            Departement = string.IsNullOrWhiteSpace(filters.Departement) ? null : Departements.Normalize(filters.Departement),
            Theme = string.IsNullOrWhiteSpace(filters.Theme) ? null : filters.Theme.Trim(),
            filters.Network,
            Today = today,
        }), cancellationToken);

        // A project with several overdue plans waits since its oldest due day.
        var overdue = rows
            .Select(r => (Row: r, Schedule: FollowUpSchedule.Of(r.FollowUpWeeks, PlanStatus.Active, r.DecidedAt, r.LastSheetOn, today)))
            .Where(x => x.Schedule is { Overdue: true })
            .Select(x => x.Row.ToQueuedProject(new DateTimeOffset(x.Schedule!.NextSheetDue!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)))
            .GroupBy(p => p.ProjectId).Select(g => g.OrderBy(p => p.QueuedAt).ThenBy(p => p.PlanId).First())
            .Where(p => afterAt is null || p.QueuedAt > afterAt || (p.QueuedAt == afterAt && p.ProjectId.CompareTo(afterId) > 0))
            .OrderBy(p => p.QueuedAt).ThenBy(p => p.ProjectId)
            .Take(page.Take)
            .ToList();
        return page.PageOf(overdue, p => $"{p.QueuedAt.UtcDateTime:O}|{p.ProjectId}");
    }

    internal sealed class Row
    {
        public Guid ProjectId { get; set; }
        public string Academie { get; set; } = "";
        public string Status { get; set; } = "";
        public Guid PlanId { get; set; }
        public int FollowUpWeeks { get; set; }
        public DateTimeOffset? DecidedAt { get; set; }
        public DateOnly? LastSheetOn { get; set; }
        public string? Departements { get; set; }
        public string? Themes { get; set; }
        public Guid? CurrentDiagnosisId { get; set; }

        public QueuedProject ToQueuedProject(DateTimeOffset due) => new(
            ProjectId, Academie, Status, Split(Departements), Split(Themes), due, QueueStage.AwaitingFollowUpSheet, CurrentDiagnosisId, PlanId);

        private static string[] Split(string? list) => list?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
    }
}
