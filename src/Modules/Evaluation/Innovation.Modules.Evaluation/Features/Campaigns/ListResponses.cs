using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

internal static class ListResponses
{
    /// <summary>The named campaign and the paging of its responses.</summary>
    /// <param name="Id">The resource's id.</param>
    /// <param name="Limit" example="50">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    internal sealed record Paging(
        [property: FromRoute(Name = "id")] Guid Id,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Paging Paging, Caller Caller) : IRequest<Page<CampaignResponse>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<CampaignResponse>>
    {
        public Task<Page<CampaignResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.AfterId(Limit.Resolve(query.Paging.Limit), query.Paging.Cursor);
            return db.ReadAsync(async c =>
            {
                var campaign = await CampaignTable.FindVisibleAsync(c, query.Paging.Id, query.Caller);
                if (campaign.IsAnonymous)
                {
                    throw ProblemException.Conflict("anonymous_campaign",
                        $"Campaign {campaign.Id} is anonymous: its responses are read only through its results.");
                }

                var rows = await c.QueryAsync<ResponseTable.Row>(
                    db.Sql(ResponseTable.ListSql), new { CampaignId = campaign.Id, page.After, page.Take });
                return page.PageOf([.. rows.Select(r => r.ToResponse())], r => r.Id.ToString());
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder campaigns) =>
        campaigns.MapQuery("/{id:guid}/responses", (Paging paging, Caller caller) => new Query(paging, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("ListCampaignResponses")
            .WithSummary("List a named campaign's responses")
            .WithDescription("The responses of a named campaign with their respondent (whose name is gone once erased), in the order received, "
                + "with cursor pagination (`limit` 1–200, default 50). An anonymous campaign is a 409 `anonymous_campaign`: its responses "
                + "are read only through its results. A campaign of another académie is a 404.")
            .ProducesProblem(StatusCodes.Status409Conflict);
}
