using System.Globalization;
using Innovation.Modules.Accompaniment.Features.FollowUp;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Accompaniment.Features.Queue;

/// <summary>Where a project of the queue stands.</summary>
internal enum QueueStage
{
    AwaitingDiagnosis,
    AwaitingAccompaniment,
    AwaitingFollowUpSheet,
}

/// <summary>A project waiting for support.</summary>
/// <param name="ProjectId">The project (read it with the Projects API).</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Status">submitted or validated.</param>
/// <param name="Departements">The départements of its schools.</param>
/// <param name="Themes">Its national theme codes.</param>
/// <param name="QueuedAt">Since when it waits: its submission (or validation) since it last left those statuses.</param>
/// <param name="Stage">awaitingDiagnosis (no diagnosis yet) or awaitingAccompaniment (diagnosed, no plan other than declined ones);
/// awaitingFollowUpSheet (with <c>overdueSheet=true</c>: an active plan's follow-up sheet is overdue, waiting since its due day).</param>
/// <param name="CurrentDiagnosisId">Its current diagnosis, when it has one.</param>
/// <param name="PlanId">At the awaitingFollowUpSheet stage: the active plan whose sheet is overdue.</param>
internal sealed record QueuedProject(
    Guid ProjectId, string Academie, string Status, IReadOnlyList<string> Departements, IReadOnlyList<string> Themes, DateTimeOffset QueuedAt,
    QueueStage Stage, Guid? CurrentDiagnosisId, Guid? PlanId = null);

internal static class ListQueue
{
    internal const string ListSql = """
        SELECT p.id AS ProjectId, p.academie AS Academie, p.status AS Status, p.queued_at AS QueuedAt,
               (SELECT {{string_agg pd.departement, ',' ORDER BY pd.departement}} FROM accompaniment.project_departement pd
                WHERE pd.project_id = p.id) AS Departements,
               (SELECT {{string_agg pt.theme, ',' ORDER BY pt.theme {{binary}}}} FROM accompaniment.project_theme pt
                WHERE pt.project_id = p.id) AS Themes,
               (SELECT cd.id FROM accompaniment.diagnosis cd WHERE cd.project_id = p.id ORDER BY cd.diagnosed_on DESC, cd.id DESC {{limit 1}})
                 AS CurrentDiagnosisId
        FROM accompaniment.project p
        WHERE p.status IN ('submitted', 'validated') AND p.queued_at IS NOT NULL
          AND (@CallerAcademie IS NULL OR p.academie = @CallerAcademie)
          AND NOT EXISTS (SELECT 1 FROM accompaniment.accompaniment_plan ap WHERE ap.project_id = p.id AND ap.status <> 'declined')
          AND (@Stage IS NULL
               OR (@Stage = 'awaitingDiagnosis' AND NOT EXISTS (SELECT 1 FROM accompaniment.diagnosis d WHERE d.project_id = p.id))
               OR (@Stage = 'awaitingAccompaniment' AND EXISTS (SELECT 1 FROM accompaniment.diagnosis d WHERE d.project_id = p.id)))
          AND (@Departement IS NULL OR EXISTS (SELECT 1 FROM accompaniment.project_departement fd
                                               WHERE fd.project_id = p.id AND fd.departement = @Departement))
          AND (@Theme IS NULL OR EXISTS (SELECT 1 FROM accompaniment.project_theme ft WHERE ft.project_id = p.id AND ft.theme = @Theme))
          AND (@Network IS NULL OR EXISTS (SELECT 1 FROM accompaniment.project_school ps JOIN accompaniment.network_school ns ON ns.uai = ps.uai
                                           WHERE ps.project_id = p.id AND ns.network_id = @Network
                                             AND (ns.valid_from IS NULL OR ns.valid_from <= @Today)
                                             AND (ns.valid_to IS NULL OR ns.valid_to >= @Today)))
          AND (@AfterAt IS NULL OR p.queued_at > @AfterAt OR (p.queued_at = @AfterAt AND p.id > @AfterId))
        ORDER BY p.queued_at, p.id
        {{limit @Take}}
        """;

    /// <summary>Filters of the queue.</summary>
    /// <param name="Departement">Only projects with a school in this département (95 or 095).</param>
    /// <param name="Network">Only projects with a school that is a current member of this network.</param>
    /// <param name="Theme">Only projects with this national theme.</param>
    /// <param name="Stage">Only projects at this stage.</param>
    /// <param name="Limit">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="OverdueSheet">true: instead, the projects whose active plan's follow-up sheet is overdue, longest overdue first.</param>
    internal sealed record Filters(
        [property: FromQuery(Name = "departement")] string? Departement,
        [property: FromQuery(Name = "network")] Guid? Network,
        [property: FromQuery(Name = "theme")] string? Theme,
        [property: FromQuery(Name = "stage"), EnumCodes(typeof(QueueStage))] string? Stage,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor,
        [property: FromQuery(Name = "overdueSheet")] bool? OverdueSheet = null);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<QueuedProject>>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Query, Page<QueuedProject>>
    {
        public async Task<Page<QueuedProject>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var stage = EnumCodesAttribute.Parse<QueueStage>(filters.Stage, "stage");
            if (filters.Theme is { Length: > 40 })
            {
                throw RequestValidationException.For("theme", "A theme code is at most 40 characters.");
            }

            // The key is the last project's "queuedAt|id": oldest first, ties by id.
            var page = PageRequest.AfterKey(Limit.Resolve(filters.Limit), filters.Cursor);
            DateTimeOffset? afterAt = null;
            Guid? afterId = null;
            if (page.After is { } after)
            {
                var parts = after.Split('|');
                if (parts.Length != 2 || !Guid.TryParse(parts[1], out var id)
                    || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
                {
                    throw RequestValidationException.For("cursor", Cursor.NotIssued);
                }

                (afterAt, afterId) = (at, id);
            }

            if (filters.OverdueSheet == true || stage == QueueStage.AwaitingFollowUpSheet)
            {
                return await OverdueSheets.PageAsync(db, query.Caller, filters, Today.Of(time), afterAt, afterId, page, cancellationToken);
            }

            var rows = await db.ReadAsync(c => c.QueryAsync<Row>(db.Sql(ListSql), new
            {
                CallerAcademie = query.Caller.Academie,
                Stage = stage is { } s ? StableCode.Of(s) : null,
                Departement = string.IsNullOrWhiteSpace(filters.Departement) ? null : Departements.Normalize(filters.Departement),
                Theme = string.IsNullOrWhiteSpace(filters.Theme) ? null : filters.Theme.Trim(),
                filters.Network,
                Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
                AfterAt = afterAt,
                AfterId = afterId,
                page.Take,
            }), cancellationToken);
            return page.PageOf([.. rows.Select(r => r.ToQueuedProject())], p => $"{p.QueuedAt.UtcDateTime:O}|{p.ProjectId}");
        }
    }

    internal sealed class Row
    {
        public Guid ProjectId { get; set; }
        public string Academie { get; set; } = "";
        public string Status { get; set; } = "";
        public DateTimeOffset QueuedAt { get; set; }
        public string? Departements { get; set; }
        public string? Themes { get; set; }
        public Guid? CurrentDiagnosisId { get; set; }

        public QueuedProject ToQueuedProject() => new(
            ProjectId, Academie, Status, Split(Departements), Split(Themes), QueuedAt,
            CurrentDiagnosisId is null ? QueueStage.AwaitingDiagnosis : QueueStage.AwaitingAccompaniment, CurrentDiagnosisId);

        private static string[] Split(string? list) => list?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapQuery("/queue", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("ListAccompanimentQueue")
            .WithSummary("List the projects waiting for support")
            .WithDescription("The académie's submitted or validated projects that have no needs diagnosis yet, or a diagnosis but no "
                + "accompaniment plan (a declined plan does not count), oldest first, with cursor pagination (`limit` 1–200, default 50). "
                + "Filters `departement`, `network` (current member schools), `theme` and `stage` combine. Fed by the Projects lifecycle "
                + "events, so a project appears a moment after its submission. Unknown query parameters are rejected. "
                + "`overdueSheet=true` (or `stage=awaitingFollowUpSheet`) lists instead the projects whose active plan has a follow-up sheet "
                + "overdue, longest overdue first, with the same filters.");
}
