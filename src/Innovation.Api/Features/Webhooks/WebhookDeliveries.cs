using System.Globalization;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Api.Features.Webhooks;

/// <summary>What became of one delivery attempt.</summary>
internal enum DeliveryOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>The attempt failed; the event is tried again after a delay.</summary>
    Failed,

    /// <summary>
    /// The attempt failed once too often, or the receiver answered 410 Gone: the subscription was disabled, and the event waits for it
    /// to be enabled again.
    /// </summary>
    Undelivered,
}

/// <summary>One delivery attempt of an event to a subscription.</summary>
/// <param name="Id" example="01968f2a-3c4b-7d5e-8f90-a1b2c3d4e5f6">Attempt id, for a redelivery.</param>
/// <param name="EventId" example="01968f2a-9a1b-7c2d-8e3f-405162738495">The event (the feed's <c>id</c>, sent as <c>webhook-id</c>).</param>
/// <param name="EventType" example="SchoolRegistered">The event's type.</param>
/// <param name="Attempt" example="1">Which attempt at this event this was (1 for the first; a manual redelivery counts from 1 again).</param>
/// <param name="Outcome">What became of it.</param>
/// <param name="StatusCode" example="200">The receiver's HTTP status; null when none came (refused address, connection error, timeout).</param>
/// <param name="DurationMs" example="84">Milliseconds from sending to the answer's headers (or to the failure).</param>
/// <param name="Error">Why the attempt failed; null when delivered.</param>
/// <param name="Manual">True for a redelivery an administrator asked for.</param>
/// <param name="RedeliveryPending">True while a redelivery of this attempt's event waits to be sent.</param>
/// <param name="AttemptedAt">When the attempt was made.</param>
internal sealed record WebhookDelivery(
    Guid Id, Guid EventId, string EventType, int Attempt, DeliveryOutcome Outcome, int? StatusCode, int DurationMs, string? Error, bool Manual,
    bool RedeliveryPending, DateTimeOffset AttemptedAt);

internal static class WebhookDeliveries
{
    internal const string PageSql = """
        SELECT sequence AS Sequence, id AS Id, event_id AS EventId, event_type AS EventType, attempt AS Attempt, outcome AS Outcome,
               status_code AS StatusCode, duration_ms AS DurationMs, error AS Error, manual AS Manual,
               redelivery_requested_at AS RedeliveryRequestedAt, attempted_at AS AttemptedAt
        FROM host.webhook_delivery
        WHERE subscription_id = @Id AND (@Before IS NULL OR sequence < @Before)
        ORDER BY sequence DESC
        {{limit @Take}}
        """;

    internal const string RequestRedeliverySql = """
        UPDATE host.webhook_delivery SET redelivery_requested_at = @Now
        WHERE id = @DeliveryId AND subscription_id = @Id AND redelivery_requested_at IS NULL
        """;

    internal const string DeliveryExistsSql = "SELECT COUNT(*) FROM host.webhook_delivery WHERE id = @DeliveryId AND subscription_id = @Id";

    internal sealed record ListQuery(Guid Id, Caller Caller, int Limit, string? Cursor) : IRequest<Page<WebhookDelivery>>;

    internal sealed record RedeliverCommand(Guid Id, Guid DeliveryId, Caller Caller) : IRequest<Unit>;

    internal sealed class ListHandler(Db db) : IRequestHandler<ListQuery, Page<WebhookDelivery>>
    {
        public async Task<Page<WebhookDelivery>> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            long? before = Cursor.Decode(query.Cursor) is { } key
                ? long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence
                    : throw RequestValidationException.For("cursor", Cursor.NotIssued)
                : null;
            var rows = await db.ReadAsync(async c =>
            {
                await WebhookTable.FindVisibleAsync(c, query.Id, query.Caller);
                return (await c.QueryAsync<Row>(db.Sql(PageSql), new { query.Id, Before = before, Take = query.Limit + 1 })).ToList();
            }, cancellationToken);
            var page = Page<Row>.From(rows, query.Limit, r => r.Sequence.ToString(CultureInfo.InvariantCulture));
            return new Page<WebhookDelivery>(page.Items.Select(r => r.ToDelivery()).ToList(), page.NextCursor);
        }
    }

    internal sealed class RedeliverHandler(Db db, TimeProvider time) : IRequestHandler<RedeliverCommand, Unit>
    {
        public Task<Unit> Handle(RedeliverCommand command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                await WebhookTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                var args = new { command.Id, command.DeliveryId, Now = time.GetUtcNow() };
                await c.ExecuteAsync(RequestRedeliverySql, args, t);
                return await c.ExecuteScalarAsync<int>(DeliveryExistsSql, args, t) > 0
                    ? Unit.Value
                    : throw ProblemException.NotFound("delivery", command.DeliveryId.ToString());
            }, cancellationToken);
    }

    internal sealed class Row
    {
        public long Sequence { get; init; }
        public Guid Id { get; init; }
        public Guid EventId { get; init; }
        public string EventType { get; init; } = "";
        public int Attempt { get; init; }
        public string Outcome { get; init; } = "";
        public int? StatusCode { get; init; }
        public int DurationMs { get; init; }
        public string? Error { get; init; }
        public bool Manual { get; init; }
        public DateTimeOffset? RedeliveryRequestedAt { get; init; }
        public DateTimeOffset AttemptedAt { get; init; }

        public WebhookDelivery ToDelivery() => new(Id, EventId, EventType, Attempt, StableCode.Parse<DeliveryOutcome>(Outcome), StatusCode,
            DurationMs, Error, Manual, RedeliveryRequestedAt is not null, AttemptedAt);
    }

    public static void Map(RouteGroupBuilder webhooks)
    {
        webhooks.MapGet("/{id:guid}/deliveries", async (
                Guid id, HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "limit")] int? limit = null, [FromQuery(Name = "cursor")] string? cursor = null) =>
                TypedResults.Ok(await mediator.Send(new ListQuery(id, http.Caller(), Limit.Resolve(limit), cursor), ct)))
            .WithName("ListWebhookDeliveries")
            .WithSummary("List a webhook's delivery attempts")
            .WithDescription("Every attempt, newest first: event, attempt number, outcome, HTTP status, duration and error. An event the " +
                "subscription gave up on (`undelivered`) is delivered again, first, when the subscription is enabled again.")
            .Produces<Page<WebhookDelivery>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", async (
                Guid id, Guid deliveryId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RedeliverCommand(id, deliveryId, http.Caller()), ct);
                return TypedResults.Accepted((string?)null);
            })
            .WithName("RedeliverWebhookEvent")
            .WithSummary("Send an event to a webhook again")
            .WithDescription("Queues one more attempt of that attempt's event, made as soon as possible (even while the subscription is " +
                "disabled, to test a repaired receiver), recorded in the log as `manual`. It does not change the subscription's position in the " +
                "feed or its failure count. Asking again while it is pending changes nothing.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
