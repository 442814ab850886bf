using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Modules.Networks.Features.Meetings;

internal static class GetMeeting
{
    internal sealed record Query(Guid NetworkId, Guid MeetingId, Caller Caller) : IRequest<MeetingTable.Row>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, MeetingTable.Row>
    {
        public Task<MeetingTable.Row> Handle(Query query, CancellationToken cancellationToken) =>
            NetworkChildren.ReadAsync(db, query.NetworkId, query.Caller, (c, network) =>
                NetworkChildren.FindAsync<MeetingTable.Row>(c, MeetingTable.FindSql, network.Id, query.MeetingId, MeetingTable.Child.What),
                cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapGet("/{id:guid}/events/{eventId:guid}", async (
                Guid id, Guid eventId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Query(id, eventId, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return ETags.IsNotModified(http.Request, row.Version)
                    ? Results.StatusCode(StatusCodes.Status304NotModified)
                    : TypedResults.Ok(row.ToMeeting());
            })
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("GetNetworkEvent")
            .WithSummary("Get a network event")
            .WithDescription("One event of a network, with its attendance.")
            .ReturnsETag()
            .Produces<NetworkEvent>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
