using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Evaluation.Features.Questionnaires;

internal static class ListQuestionnaires
{
    internal const string ListSql = QuestionnaireTable.SelectSql + """

        WHERE (@Academie IS NULL OR academie = @Academie)
          AND (@Purpose IS NULL OR purpose = @Purpose)
          AND (@LineageId IS NULL OR lineage_id = @LineageId)
          AND (@After IS NULL OR id > @After)
        ORDER BY id
        {{limit @Take}}
        """;

    /// <summary>The filters and paging of the questionnaire list.</summary>
    /// <param name="Purpose" example="satisfaction">satisfaction, perceivedChange, uncoveredNeeds, evaluationOfAccompaniment or other.</param>
    /// <param name="LineageId">Only the editions of this lineage (the id of its first edition).</param>
    /// <param name="Limit" example="50">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    internal sealed record Filters(
        [property: FromQuery(Name = "purpose"), EnumCodes(typeof(QuestionnairePurpose))] string? Purpose,
        [property: FromQuery(Name = "lineageId")] Guid? LineageId,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<Questionnaire>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Questionnaire>>
    {
        public Task<Page<Questionnaire>> Handle(Query query, CancellationToken cancellationToken)
        {
            var purpose = EnumCodesAttribute.Parse<QuestionnairePurpose>(query.Filters.Purpose, "purpose");
            var page = PageRequest.AfterId(Limit.Resolve(query.Filters.Limit), query.Filters.Cursor);
            var parameters = new
            {
                query.Caller.Academie,
                Purpose = purpose is { } p ? StableCode.Of(p) : null,
                query.Filters.LineageId,
                page.After,
                page.Take,
            };
            return db.ReadAsync(async c =>
            {
                var rows = (await c.QueryAsync<QuestionnaireTable.Row>(db.Sql(ListSql), parameters)).Select(r => r.ToQuestionnaire()).ToList();
                return page.PageOf(rows, q => q.Id.ToString());
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder questionnaires) =>
        questionnaires.MapQuery("/", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("ListQuestionnaires")
            .WithSummary("List questionnaires")
            .WithDescription("The questionnaires of the caller's académie (every edition, the built-in evaluation of accompaniment included), "
                + "ordered by id (creation order), with cursor pagination (`limit` 1–200, default 50). Every filter given must hold. "
                + "Unknown query parameters are rejected.");
}
