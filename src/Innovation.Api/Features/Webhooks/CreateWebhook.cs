using Dapper;
using FluentValidation;
using Innovation.Api.Features.Audit;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Networks.Contracts;
using MediatR;

namespace Innovation.Api.Features.Webhooks;

/// <summary>The created subscription. <c>secret</c> is shown this once and cannot be read again (rotate it to get a new one).</summary>
/// <param name="Id" example="01968f2a-3c4b-7d5e-8f90-a1b2c3d4e5f6">Subscription id.</param>
/// <param name="Academie" example="25">The académie whose events are delivered; null for every académie (national subscription).</param>
/// <param name="Url" example="https://sync.ac-versailles.fr/innovation/webhooks">Where events are POSTed.</param>
/// <param name="EventTypes">Event types delivered, e.g. <c>SchoolRegistered</c>; null for every type.</param>
/// <param name="Description" example="Rectorate directory sync">What the subscription is for.</param>
/// <param name="Enabled">False once disabled by an administrator or after too many consecutive failures; delivery then waits.</param>
/// <param name="DisabledReason">Why the subscription was disabled; null while enabled.</param>
/// <param name="DisabledAt">When it was disabled; null while enabled.</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last success (the next event waits for its delivery).</param>
/// <param name="NextAttemptAt">When the failed delivery is tried again; null when not waiting.</param>
/// <param name="PreviousSecretExpiresAt">After a secret rotation, until when deliveries are also signed with the previous secret.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Secret" example="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw">The signing secret (Standard Webhooks: <c>whsec_</c> and the base64
/// of the HMAC-SHA256 key). Store it now.</param>
internal sealed record CreatedWebhook(
    Guid Id, string? Academie, string Url, IReadOnlyList<string>? EventTypes, string? Description, bool Enabled, string? DisabledReason,
    DateTimeOffset? DisabledAt, int ConsecutiveFailures, DateTimeOffset? NextAttemptAt, DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Secret)
    : Webhook(Id, Academie, Url, EventTypes, Description, Enabled, DisabledReason, DisabledAt, ConsecutiveFailures, NextAttemptAt,
        PreviousSecretExpiresAt, CreatedAt, UpdatedAt);

internal static class CreateWebhook
{
    internal sealed record Command(WebhookDraft Body, Caller Caller) : IRequest<Versioned<CreatedWebhook>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<WebhookDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, WebhookTargets targets, TimeProvider time)
        : IRequestHandler<Command, Versioned<CreatedWebhook>>
    {
        public async Task<Versioned<CreatedWebhook>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (body, caller) = (command.Body, command.Caller);
            await targets.CheckAsync(body.Url!.Trim(), cancellationToken);
            var academie = caller.Academie;
            if (body.Academie is { } requested)
            {
                academie = (await mediator.Send(new FindAcademie(requested), cancellationToken))?.Code
                    ?? throw RequestValidationException.For("academie", $"Unknown académie '{requested}'. See GET /api/v1/academies.");
                if (!caller.Sees(academie))
                {
                    throw ProblemException.Forbidden("academie_forbidden",
                        "An académie administrator can only subscribe to its own académie's events.");
                }
            }

            var now = time.GetUtcNow();
            var row = new WebhookTable.Row
            {
                Id = SortableId.New(now),
                Academie = academie,
                Url = body.Url!.Trim(),
                EventTypes = body.EventTypes is null ? null : string.Join(' ', body.EventTypes.Distinct(StringComparer.Ordinal)),
                Description = string.IsNullOrWhiteSpace(body.Description) ? null : body.Description.Trim(),
                Secret = WebhookSignature.NewSecret(),
                Enabled = body.Enabled != false,
                DisabledAt = body.Enabled == false ? now : null,
                DisabledReason = body.Enabled == false ? WebhookTable.DisabledByAdministrator : null,
                Version = 1,
                CreatedAt = now,
                UpdatedAt = now,
            };

            var webhook = row.ToWebhook();
            // Delivery starts with the events committed after the registration: the feed's last position is its starting point.
            await db.WriteAsync(async (c, t) =>
            {
                await c.ExecuteAsync(WebhookTable.InsertSql, row, t);
                await HostAudit.WebhookAsync(c, t, caller.Id, now, "create", null, webhook);
            }, cancellationToken);
            return new(new CreatedWebhook(webhook.Id, webhook.Academie, webhook.Url, webhook.EventTypes, webhook.Description, webhook.Enabled,
                webhook.DisabledReason, webhook.DisabledAt, webhook.ConsecutiveFailures, webhook.NextAttemptAt, webhook.PreviousSecretExpiresAt,
                webhook.CreatedAt, webhook.UpdatedAt, row.Secret) { Version = row.Version }, row.Version);
        }
    }

    public static void Map(RouteGroupBuilder webhooks) =>
        webhooks.MapCreate<WebhookDraft, CreatedWebhook>(
                "/", (body, caller) => new Command(body, caller), created => $"/api/v1/admin/webhooks/{created.Id}")
            .WithName("CreateWebhook")
            .WithSummary("Subscribe to the event feed by webhook")
            .WithDescription("Registers a URL that receives each event of the feed (`GET /api/v1/events`) of the académie, optionally only some " +
                "types, committed after the registration: a POST of the same JSON as a feed item, signed per Standard Webhooks (`webhook-id` = the " +
                "event id, `webhook-timestamp`, `webhook-signature`). Events go out one by one in feed order, at least once; failures are retried " +
                "with exponential backoff, and too many consecutive failures disable the subscription. The URL must be https and resolve to public " +
                "addresses only (400 on `url` otherwise). The secret is returned once.");
}
