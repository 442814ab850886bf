using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Evaluation.Features.Grids;

internal static class ListGrids
{
    internal const string ListSql = GridTable.SelectSql + """

        WHERE (@Academie IS NULL OR academie = @Academie) AND (@After IS NULL OR id > @After)
        ORDER BY id
        {{limit @Take}}
        """;

    /// <summary>Paging of the grid list.</summary>
    /// <param name="Limit" example="50">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    internal sealed record Paging([property: FromQuery(Name = "limit")] int? Limit, [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Paging Paging, Caller Caller) : IRequest<Page<Grid>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Grid>>
    {
        public Task<Page<Grid>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.AfterId(Limit.Resolve(query.Paging.Limit), query.Paging.Cursor);
            return db.ReadAsync(async c =>
            {
                var rows = await c.QueryAsync<GridTable.Row>(db.Sql(ListSql), new { query.Caller.Academie, page.After, page.Take });
                return page.PageOf([.. rows.Select(r => r.ToGrid())], g => g.Id.ToString());
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder grids) =>
        grids.MapQuery("/", (Paging paging, Caller caller) => new Query(paging, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("ListGrids")
            .WithSummary("List self-positioning grids")
            .WithDescription("The grids of the caller's académie, ordered by id (creation order), with cursor pagination (`limit` 1–200, "
                + "default 50). Unknown query parameters are rejected.");
}
