using Innovation.BuildingBlocks.Search;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Evaluation.Features.Reports;

internal static class ListReports
{
    internal const string ListSql = ReportTable.ColumnsSql + """

        FROM evaluation.report r
        WHERE (@Academie IS NULL OR r.academie = @Academie)
          AND (@Kind IS NULL OR r.kind = @Kind)
          AND (@AttachedType IS NULL OR r.attached_type = @AttachedType)
          AND (@AttachedId IS NULL OR r.attached_id = @AttachedId)
        AND (@Q1 IS NULL OR EXISTS (SELECT 1 FROM evaluation.report_search_term q1 WHERE q1.report_id = r.id AND q1.term LIKE @Q1 ESCAPE '\'))
        AND (@Q2 IS NULL OR EXISTS (SELECT 1 FROM evaluation.report_search_term q2 WHERE q2.report_id = r.id AND q2.term LIKE @Q2 ESCAPE '\'))
        AND (@Q3 IS NULL OR EXISTS (SELECT 1 FROM evaluation.report_search_term q3 WHERE q3.report_id = r.id AND q3.term LIKE @Q3 ESCAPE '\'))
        AND (@Q4 IS NULL OR EXISTS (SELECT 1 FROM evaluation.report_search_term q4 WHERE q4.report_id = r.id AND q4.term LIKE @Q4 ESCAPE '\'))
        AND (@Q5 IS NULL OR EXISTS (SELECT 1 FROM evaluation.report_search_term q5 WHERE q5.report_id = r.id AND q5.term LIKE @Q5 ESCAPE '\'))
          AND (@After IS NULL OR r.id > @After)
        ORDER BY r.id
        {{limit @Take}}
        """;

    /// <summary>The filters and paging of the report list. Every filter given must hold.</summary>
    /// <param name="Kind" example="monograph">practiceNarrative or monograph.</param>
    /// <param name="AttachedType" example="project">project, experimentation or network.</param>
    /// <param name="AttachedId">The project, experimentation or network the reports are about.</param>
    /// <param name="Q" example="classe dehors">Words searched in the title and text (case and accents ignored, each word a prefix, all
    /// words required; at most 5).</param>
    /// <param name="Limit" example="50">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    internal sealed record Filters(
        [property: FromQuery(Name = "kind"), EnumCodes(typeof(ReportKind))] string? Kind,
        [property: FromQuery(Name = "attachedType"), EnumCodes(typeof(ReportAttachmentType))] string? AttachedType,
        [property: FromQuery(Name = "attachedId")] Guid? AttachedId,
        [property: FromQuery(Name = "q")] string? Q,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<Report>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Report>>
    {
        public Task<Page<Report>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var kind = EnumCodesAttribute.Parse<ReportKind>(filters.Kind, "kind");
            var attached = EnumCodesAttribute.Parse<ReportAttachmentType>(filters.AttachedType, "attachedType");
            var patterns = SearchQuery.PrefixPatterns(filters.Q, "q");
            var page = PageRequest.AfterId(Limit.Resolve(filters.Limit), filters.Cursor);
            var parameters = new
            {
                query.Caller.Academie,
                Kind = kind is { } k ? StableCode.Of(k) : null,
                AttachedType = attached is { } a ? StableCode.Of(a) : null,
                filters.AttachedId,
                Q1 = patterns.ElementAtOrDefault(0),
                Q2 = patterns.ElementAtOrDefault(1),
                Q3 = patterns.ElementAtOrDefault(2),
                Q4 = patterns.ElementAtOrDefault(3),
                Q5 = patterns.ElementAtOrDefault(4),
                page.After,
                page.Take,
            };
            return db.ReadAsync(async c =>
            {
                var rows = await c.QueryAsync<ReportTable.Row>(db.Sql(ListSql), parameters);
                return page.PageOf([.. rows.Select(r => r.ToReport())], r => r.Id.ToString());
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapQuery("/", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("ListReports")
            .WithSummary("List and search practice narratives and monographs")
            .WithDescription("The reports of the caller's académie, ordered by id (creation order), with cursor pagination (`limit` 1–200, "
                + "default 50). Every filter given must hold: `kind`, what they are attached to (`attachedType`, `attachedId`), and `q`, "
                + "words searched in the title and text with the shared search (case and accents ignored, each word the start of a word, "
                + "all words required; authors' names are not searched). Unknown query parameters are rejected.");
}
