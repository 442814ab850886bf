namespace Innovation.Modules.Networks.Features.Networks;

internal static class ListTrainingNeeds
{
    internal sealed record Query(Guid NetworkId, Caller Caller) : IRequest<Page<TrainingNeed>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<TrainingNeed>>
    {
        public Task<Page<TrainingNeed>> Handle(Query query, CancellationToken cancellationToken) =>
            NetworkChildren.ListAsync<TrainingNeeds.Row, TrainingNeed>(
                db, query.NetworkId, query.Caller, TrainingNeeds.ListSql, networkId => new { NetworkId = networkId }, r => r.ToNeed(),
                cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapGet("/{id:guid}/training-needs", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id, http.Caller()), ct)))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("ListTrainingNeeds")
            .WithSummary("List the training needs declared in a network")
            .WithDescription("Every need declared by the network's schools (past members' included), in declaration order, in one page.")
            .Produces<Page<TrainingNeed>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
