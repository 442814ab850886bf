namespace Innovation.Modules.Evaluation.Features.Grids;

internal static class GetGrid
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<GridTable.Row>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, GridTable.Row>
    {
        public Task<GridTable.Row> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(c => GridTable.FindVisibleAsync(c, query.Id, query.Caller), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder grids) =>
        grids.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, row.Version, row.ToGrid());
            })
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetGrid")
            .WithSummary("Read a self-positioning grid")
            .WithDescription("One grid with its criteria and levels. A grid of another académie is a 404. Answers 304 to If-None-Match.")
            .ReadsVersioned<Grid>();
}
