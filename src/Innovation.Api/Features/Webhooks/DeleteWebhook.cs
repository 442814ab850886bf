using Dapper;
using Innovation.Api.Features.Audit;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;

namespace Innovation.Api.Features.Webhooks;

internal static class DeleteWebhook
{
    internal const string DeleteSql = "DELETE FROM host.webhook_subscription WHERE id = @Id AND version = @Version";

    internal sealed record Command(Guid Id, int? IfMatch, Caller Caller) : IRequest<Unit>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public Task<Unit> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var row = await WebhookTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                if ((command.IfMatch is { } expected && expected != row.Version)
                    || await c.ExecuteAsync(DeleteSql, new { row.Id, row.Version }, t) == 0)
                {
                    throw ETags.Stale(row.Version);
                }

                await HostAudit.WebhookAsync(c, t, command.Caller.Id, time.GetUtcNow(), "delete", row.ToWebhook(), null);
                return Unit.Value;
            }, cancellationToken);
    }

    public static void Map(RouteGroupBuilder webhooks) =>
        webhooks.MapDelete("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id, ETags.RequiredIfMatch(http.Request), http.Caller()), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteWebhook")
            .WithSummary("Delete a webhook subscription")
            .WithDescription("Stops delivery for good and removes the subscription with its delivery log. Requires If-Match.")
            .RequiresIfMatch()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
