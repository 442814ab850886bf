using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

internal static class ListCampaigns
{
    internal const string ListSql = CampaignTable.SelectSql + """

        WHERE (@Academie IS NULL OR academie = @Academie)
          AND (@Status IS NULL OR status = @Status)
          AND (@TargetType IS NULL OR target_type = @TargetType)
          AND (@TargetId IS NULL OR target_id = @TargetId)
          AND (@QuestionnaireId IS NULL OR questionnaire_id = @QuestionnaireId)
          AND (@After IS NULL OR id > @After)
        ORDER BY id
        {{limit @Take}}
        """;

    /// <summary>The filters and paging of the campaign list.</summary>
    /// <param name="Status" example="open">draft, open or closed.</param>
    /// <param name="TargetType" example="accompaniment">project, network or accompaniment.</param>
    /// <param name="TargetId">The project, network or accompaniment plan the campaigns are sent to.</param>
    /// <param name="QuestionnaireId">The questionnaire edition they send.</param>
    /// <param name="Limit" example="50">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    internal sealed record Filters(
        [property: FromQuery(Name = "status"), EnumCodes(typeof(CampaignStatus))] string? Status,
        [property: FromQuery(Name = "targetType"), EnumCodes(typeof(CampaignTargetType))] string? TargetType,
        [property: FromQuery(Name = "targetId")] Guid? TargetId,
        [property: FromQuery(Name = "questionnaireId")] Guid? QuestionnaireId,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<Campaign>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Campaign>>
    {
        public Task<Page<Campaign>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var status = EnumCodesAttribute.Parse<CampaignStatus>(filters.Status, "status");
            var targetType = EnumCodesAttribute.Parse<CampaignTargetType>(filters.TargetType, "targetType");
            var page = PageRequest.AfterId(Limit.Resolve(filters.Limit), filters.Cursor);
            var parameters = new
            {
                query.Caller.Academie,
                Status = status is { } s ? StableCode.Of(s) : null,
                TargetType = targetType is { } tt ? StableCode.Of(tt) : null,
                filters.TargetId,
                filters.QuestionnaireId,
                page.After,
                page.Take,
            };
            return db.ReadAsync(async c =>
            {
                var rows = (await c.QueryAsync<CampaignTable.Row>(db.Sql(ListSql), parameters)).Select(r => r.ToCampaign()).ToList();
                return page.PageOf(rows, x => x.Id.ToString());
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder campaigns) =>
        campaigns.MapQuery("/", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("ListCampaigns")
            .WithSummary("List questionnaire campaigns")
            .WithDescription("The campaigns of the caller's académie (those opened for closed accompaniments included), ordered by id "
                + "(creation order), with cursor pagination (`limit` 1–200, default 50). Every filter given must hold. Unknown query "
                + "parameters are rejected.");
}
