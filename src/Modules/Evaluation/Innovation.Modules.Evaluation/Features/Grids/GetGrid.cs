namespace Innovation.Modules.Evaluation.Features.Grids;

internal static class GetGrid
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Versioned<Grid>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Versioned<Grid>>
    {
        public Task<Versioned<Grid>> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c => (await GridTable.FindVisibleAsync(c, query.Id, query.Caller)).ToVersioned(), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder grids) =>
        grids.MapRead("/{id:guid}", (id, caller) => new Query(id, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetGrid")
            .WithSummary("Read a self-positioning grid")
            .WithDescription("One grid with its criteria and levels. A grid of another académie is a 404. Answers 304 to If-None-Match.");
}
