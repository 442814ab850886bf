namespace Innovation.Modules.Networks.Features.Networks;

internal static class GetNetwork
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Versioned<Network>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Versioned<Network>>
    {
        public async Task<Versioned<Network>> Handle(Query query, CancellationToken cancellationToken)
        {
            var row = await db.ReadAsync(c => NetworkTable.FindVisibleAsync(c, query.Id, query.Caller), cancellationToken);
            return new(row.ToNetwork(), row.Version);
        }
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapRead("/{id:guid}", (id, caller) => new Query(id, caller))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("GetNetwork")
            .WithSummary("Get a network")
            .WithDescription("A network of the caller's académie. Its ETag also moves when its membership changes. A network of another académie " +
                "is a 404.");
}
