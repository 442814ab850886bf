using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Api.Features.Webhooks;

internal static class ListWebhooks
{
    internal const string ListSql = $$$"""
        SELECT {{{WebhookTable.Columns}}}
        FROM host.webhook_subscription
        WHERE (@Academie IS NULL OR academie = @Academie) AND id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY id
        {{limit @Take}}
        """;

    internal sealed record Query(Caller Caller, int Limit, string? Cursor) : IRequest<Page<Webhook>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Webhook>>
    {
        public async Task<Page<Webhook>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.AfterId(query.Limit, query.Cursor);
            var rows = await db.ReadAsync(
                c => c.QueryAsync<WebhookTable.Row>(db.Sql(ListSql), new { query.Caller.Academie, page.After, page.Take }), cancellationToken);
            return page.PageOf(rows.Select(r => r.ToWebhook()).ToList(), w => w.Id.ToString());
        }
    }

    public static void Map(RouteGroupBuilder webhooks) =>
        webhooks.MapGet("/", async (
                HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "limit")] int? limit = null, [FromQuery(Name = "cursor")] string? cursor = null) =>
                TypedResults.Ok(await mediator.Send(new Query(http.Caller(), Limit.Resolve(limit), cursor), ct)))
            .WithName("ListWebhooks")
            .WithSummary("List webhook subscriptions")
            .WithDescription("The subscriptions of the caller's académie (every subscription for a national credential), disabled ones included. " +
                "Secrets are never returned.")
            .Produces<Page<Webhook>>()
            .ProducesValidationProblem();
}
