using FluentValidation;
using Innovation.Api.Features.Audit;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;

namespace Innovation.Api.Features.Webhooks;

internal static class UpdateWebhook
{
    internal sealed record Command(Guid Id, WebhookDraft Body, int? IfMatch, Caller Caller) : IRequest<Versioned<Webhook>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<WebhookDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, WebhookTargets targets, TimeProvider time) : IRequestHandler<Command, Versioned<Webhook>>
    {
        public async Task<Versioned<Webhook>> Handle(Command command, CancellationToken cancellationToken)
        {
            // Only a new URL is checked: a subscription whose host stopped resolving can still be disabled or described.
            var before = await db.ReadAsync(c => WebhookTable.FindVisibleAsync(c, command.Id, command.Caller), cancellationToken);
            if (before.Url != command.Body.Url!.Trim())
            {
                await targets.CheckAsync(command.Body.Url.Trim(), cancellationToken);
            }

            return await db.WriteAsync(async (c, t) =>
            {
                var row = await WebhookTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                var old = row.ToWebhook();
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                var body = command.Body;
                if (body.Academie is { } academie && !string.Equals(academie, row.Academie, StringComparison.Ordinal))
                {
                    throw RequestValidationException.For("academie",
                        $"A subscription cannot move to another académie (it has {row.Academie ?? "none"}).");
                }

                var now = time.GetUtcNow();
                var url = body.Url!.Trim();
                var enabled = body.Enabled != false;
                if (url != row.Url || (enabled && !row.Enabled))
                {
                    // A new address, or an administrator's go-ahead, deserves a fresh series of attempts, starting now.
                    row.ConsecutiveFailures = 0;
                    row.NextAttemptAt = null;
                }

                if (enabled != row.Enabled)
                {
                    row.DisabledAt = enabled ? null : now;
                    row.DisabledReason = enabled ? null : WebhookTable.DisabledByAdministrator;
                }

                row.Url = url;
                row.Enabled = enabled;
                row.EventTypes = body.EventTypes is null ? null : string.Join(' ', body.EventTypes.Distinct(StringComparer.Ordinal));
                row.Description = string.IsNullOrWhiteSpace(body.Description) ? null : body.Description.Trim();
                if (!await WebhookTable.UpdateAsync(c, t, row, now))
                {
                    throw ETags.Stale(row.Version);
                }

                var webhook = row.ToWebhook();
                await HostAudit.WebhookAsync(c, t, command.Caller.Id, now, "update", old, webhook);
                return new Versioned<Webhook>(webhook, webhook.Version);
            }, cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder webhooks) =>
        webhooks.MapChange<WebhookDraft, Webhook>(
                "PUT", "/{id:guid}", (id, body, ifMatch, caller) => new Command(id, body, ifMatch, caller), StatusCodes.Status404NotFound)
            .WithName("UpdateWebhook")
            .WithSummary("Replace a webhook subscription (enable, disable)")
            .WithDescription("Replaces URL, event types, description and `enabled` (default true; the académie cannot change). Requires If-Match. " +
                "Disabling stops delivery; enabling resumes it with the first event not yet delivered (the one a failing subscription stopped " +
                "on), with a fresh count of failures. A new URL is checked as at registration.");
}
