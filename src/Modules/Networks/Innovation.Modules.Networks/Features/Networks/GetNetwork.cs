namespace Innovation.Modules.Networks.Features.Networks;

internal static class GetNetwork
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<NetworkTable.Row>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, NetworkTable.Row>
    {
        public Task<NetworkTable.Row> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(c => NetworkTable.FindVisibleAsync(c, query.Id, query.Caller), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, row.Version, row.ToNetwork());
            })
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("GetNetwork")
            .WithSummary("Get a network")
            .WithDescription("A network of the caller's académie. Its ETag also moves when its membership changes. A network of another académie " +
                "is a 404.")
            .ReturnsETag()
            .Produces<Network>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
