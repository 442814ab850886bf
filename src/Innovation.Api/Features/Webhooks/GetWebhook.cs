using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;

namespace Innovation.Api.Features.Webhooks;

internal static class GetWebhook
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Versioned<Webhook>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Versioned<Webhook>>
    {
        public async Task<Versioned<Webhook>> Handle(Query query, CancellationToken cancellationToken)
        {
            var webhook = (await db.ReadAsync(c => WebhookTable.FindVisibleAsync(c, query.Id, query.Caller), cancellationToken)).ToWebhook();
            return new(webhook, webhook.Version);
        }
    }

    public static void Map(RouteGroupBuilder webhooks) =>
        webhooks.MapRead("/{id:guid}", (id, caller) => new Query(id, caller))
            .WithName("GetWebhook")
            .WithSummary("Get a webhook subscription")
            .WithDescription("A subscription of the caller's académie, without its secret; one of another académie is a 404. Its ETag moves when " +
                "an administrator changes it, when a delivery fails, and when deliveries succeed again.");
}
