using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Evaluation.Features.Grids;

internal static class ListPositionings
{
    internal const string ListSql = PositioningTable.SelectSql + """

        WHERE grid_id = @GridId
          AND (@PersonId IS NULL OR person_id = @PersonId)
          AND (@Team IS NULL OR team = @Team)
          AND (@After IS NULL OR id > @After)
        ORDER BY id
        {{limit @Take}}
        """;

    /// <summary>The grid, whose positionings on it, and paging.</summary>
    /// <param name="Id">The resource's id.</param>
    /// <param name="PersonId">Only this person's positionings.</param>
    /// <param name="Team" example="Équipe du collège Jean Moulin">Only this team's positionings.</param>
    /// <param name="Limit" example="50">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    internal sealed record Filters(
        [property: FromRoute(Name = "id")] Guid Id,
        [property: FromQuery(Name = "personId")] Guid? PersonId,
        [property: FromQuery(Name = "team")] string? Team,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<Positioning>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Positioning>>
    {
        public Task<Page<Positioning>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.AfterId(Limit.Resolve(query.Filters.Limit), query.Filters.Cursor);
            return db.ReadAsync(async c =>
            {
                var grid = await GridTable.FindVisibleAsync(c, query.Filters.Id, query.Caller);
                var rows = await c.QueryAsync<PositioningTable.Row>(db.Sql(ListSql), new
                {
                    GridId = grid.Id, query.Filters.PersonId, Team = string.IsNullOrWhiteSpace(query.Filters.Team) ? null : query.Filters.Team.Trim(),
                    page.After, page.Take,
                });
                return page.PageOf([.. rows.Select(r => r.ToPositioning())], p => p.Id.ToString());
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder grids) =>
        grids.MapQuery("/{id:guid}/positionings", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("ListGridPositionings")
            .WithSummary("List the positionings on a grid")
            .WithDescription("The positionings on a grid in the order recorded, optionally of one person or one team, with cursor "
                + "pagination (`limit` 1–200, default 50). A grid of another académie is a 404.");
}
