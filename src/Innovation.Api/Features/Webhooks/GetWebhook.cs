using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;

namespace Innovation.Api.Features.Webhooks;

internal static class GetWebhook
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Webhook>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Webhook>
    {
        public async Task<Webhook> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.ReadAsync(c => WebhookTable.FindVisibleAsync(c, query.Id, query.Caller), cancellationToken)).ToWebhook();
    }

    public static void Map(RouteGroupBuilder webhooks) =>
        webhooks.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var webhook = await mediator.Send(new Query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, webhook.Version, webhook);
            })
            .WithName("GetWebhook")
            .WithSummary("Get a webhook subscription")
            .WithDescription("A subscription of the caller's académie, without its secret; one of another académie is a 404. Its ETag moves when " +
                "an administrator changes it, when a delivery fails, and when deliveries succeed again.")
            .ReturnsETag()
            .Produces<Webhook>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
