using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Modules.Networks.Features.Conventions;

internal static class ListNetworkConventions
{
    internal const string ListSql = ConventionTable.SelectSql + "WHERE network_id = @NetworkId ORDER BY start_date, id";

    internal sealed record Query(Guid NetworkId, Caller Caller) : IRequest<Page<Convention>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Convention>>
    {
        public Task<Page<Convention>> Handle(Query query, CancellationToken cancellationToken) =>
            NetworkChildren.ListAsync<ConventionTable.Row, Convention>(
                db, query.NetworkId, query.Caller, ListSql, networkId => new { NetworkId = networkId }, r => r.ToConvention(), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapGet("/{id:guid}/conventions", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id, http.Caller()), ct)))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("ListNetworkConventions")
            .WithSummary("List a network's conventions")
            .WithDescription("Every convention of the network, by start date, in one page.")
            .Produces<Page<Convention>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
