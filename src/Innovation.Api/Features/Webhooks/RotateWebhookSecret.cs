using Innovation.Api.Features.Audit;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.Extensions.Options;

namespace Innovation.Api.Features.Webhooks;

/// <summary>A subscription's new signing secret, shown this once.</summary>
/// <param name="Id" example="01968f2a-3c4b-7d5e-8f90-a1b2c3d4e5f6">Subscription id.</param>
/// <param name="Secret" example="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw">The new signing secret. Store it now.</param>
/// <param name="PreviousSecretExpiresAt">Until when deliveries are also signed with the previous secret.</param>
internal sealed record RotatedWebhookSecret(Guid Id, string Secret, DateTimeOffset PreviousSecretExpiresAt);

internal static class RotateWebhookSecret
{
    internal sealed record Command(Guid Id, Caller Caller) : IRequest<(RotatedWebhookSecret Secret, int Version)>;

    internal sealed class Handler(Db db, TimeProvider time, IOptions<WebhookOptions> options)
        : IRequestHandler<Command, (RotatedWebhookSecret Secret, int Version)>
    {
        public Task<(RotatedWebhookSecret Secret, int Version)> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var row = await WebhookTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                var before = row.ToWebhook();
                var now = time.GetUtcNow();
                row.PreviousSecret = row.Secret;
                row.PreviousSecretExpiresAt = now + options.Value.SecretRotationGrace;
                row.Secret = WebhookSignature.NewSecret();
                if (!await WebhookTable.UpdateAsync(c, t, row, now))
                {
                    throw ProblemException.Conflict("concurrent_update", "The subscription changed during the rotation: rotate again.");
                }

                // The view holds no secret: the entry shows the rotation by the grace's end (previousSecretExpiresAt).
                await HostAudit.WebhookAsync(c, t, command.Caller.Id, now, "rotateSecret", before, row.ToWebhook());
                return (new RotatedWebhookSecret(row.Id, row.Secret, row.PreviousSecretExpiresAt.Value), row.Version);
            }, cancellationToken);
    }

    public static void Map(RouteGroupBuilder webhooks) =>
        webhooks.MapPost("/{id:guid}/rotate-secret", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (secret, version) = await mediator.Send(new Command(id, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Ok(secret);
            })
            .WithName("RotateWebhookSecret")
            .WithSummary("Rotate a webhook's signing secret")
            .WithDescription("Issues a new secret, returned once. For the grace period (`Webhooks:SecretRotationGrace`, 24 h by default) every " +
                "delivery carries two signatures, space-separated in `webhook-signature`: one with the new secret, one with the previous one, so " +
                "the receiver can switch without losing a delivery. Rotating again within the grace drops the oldest secret. No If-Match is " +
                "needed: a compromised secret must be replaceable at once.")
            .WithIdempotency()
            .ReturnsETag()
            .Produces<RotatedWebhookSecret>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
