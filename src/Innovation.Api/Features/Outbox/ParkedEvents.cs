using Innovation.Api.Messaging;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;

namespace Innovation.Api.Features.Outbox;

/// <summary>Events whose delivery failed too often, and the way to send them again.</summary>
internal static class ParkedEvents
{
    internal sealed record ListQuery(Caller Caller) : IRequest<IReadOnlyList<ParkedEvent>>;

    internal sealed record RetryCommand(Guid Id, Caller Caller) : IRequest<Unit>;

    internal sealed class ListHandler(OutboxMonitor monitor) : IRequestHandler<ListQuery, IReadOnlyList<ParkedEvent>>
    {
        public async Task<IReadOnlyList<ParkedEvent>> Handle(ListQuery query, CancellationToken cancellationToken) =>
            (await monitor.ParkedAsync(cancellationToken)).Where(e => query.Caller.Sees(e.Academie)).ToList();
    }

    internal sealed class RetryHandler(OutboxMonitor monitor) : IRequestHandler<RetryCommand, Unit>
    {
        public async Task<Unit> Handle(RetryCommand command, CancellationToken cancellationToken)
        {
            var visible = (await monitor.ParkedAsync(cancellationToken)).Any(e => e.Id == command.Id && command.Caller.Sees(e.Academie));
            if (!visible || !await monitor.RetryAsync(command.Id, cancellationToken))
            {
                throw ProblemException.NotFound("parked event", command.Id.ToString());
            }

            return Unit.Value;
        }
    }

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/outbox/parked", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new ParkedEventList(await mediator.Send(new ListQuery(http.Caller()), ct))))
            .WithName("ListParkedEvents")
            .WithSummary("List parked events")
            .WithDescription("Events whose delivery to a subscriber failed `Messaging:MaxAttempts` times. They are kept, never dropped, and hold " +
                "back later events of the same aggregate until retried.")
            .Produces<ParkedEventList>();

        admin.MapPost("/outbox/parked/{id:guid}/retry", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RetryCommand(id, http.Caller()), ct);
                return TypedResults.Accepted((string?)null);
            })
            .WithName("RetryParkedEvent")
            .WithSummary("Retry a parked event")
            .WithDescription("Puts the event back in the delivery queue with a fresh attempt count; the dispatcher picks it up at once.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The parked events visible to the caller.</summary>
    /// <param name="Items">Parked events, oldest first per module.</param>
    internal sealed record ParkedEventList(IReadOnlyList<ParkedEvent> Items);
}
