using FluentValidation;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Messaging;

namespace Innovation.Api.Features.Webhooks;

/// <summary>A webhook subscription as an administrator writes it (create or replace).</summary>
/// <param name="Url" example="https://sync.ac-versailles.fr/innovation/webhooks">Where events are POSTed: an https URL whose host resolves
/// only to public addresses (no loopback, private, link-local or reserved range), at most 2,000 characters.</param>
/// <param name="EventTypes">Event types to deliver (see <c>GET /api/v1/events</c>), e.g. <c>["SchoolRegistered"]</c>; omit (or null) for every
/// type.</param>
/// <param name="Description" example="Rectorate directory sync">What the subscription is for, at most 500 characters.</param>
/// <param name="Enabled">Whether events are delivered; default true. Re-enabling resumes with the first event not yet delivered.</param>
/// <param name="Academie" example="25">Académie code (or name) whose events are delivered; defaults to the credential's (a national credential
/// that omits it receives every académie's events). It cannot change.</param>
internal sealed record WebhookDraft(string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool? Enabled, string? Academie);

internal sealed class WebhookDraftValidator : AbstractValidator<WebhookDraft>
{
    public WebhookDraftValidator(IntegrationEventTypes eventTypes)
    {
        RuleFor(d => d.Url).NotEmpty().MaximumLength(2000);
        RuleFor(d => d.EventTypes).Must(types => types is null || types.Count is > 0 and <= 100)
            .WithMessage("Name 1 to 100 event types, or omit eventTypes to receive every type.");
        RuleForEach(d => d.EventTypes).Must(type => eventTypes.Find(type) is not null)
            .WithMessage(type => $"Unknown event type. Known types: {string.Join(", ", eventTypes.Names.Order(StringComparer.Ordinal))}.");
        RuleFor(d => d.Description).MaximumLength(500);
        RuleFor(d => d.Academie).MaximumLength(60);
    }
}

internal static class WebhookUrlRule
{
    /// <summary>The target rules on a draft's URL (a 400 on <c>url</c>); run outside any transaction, since it may ask the DNS.</summary>
    public static async Task CheckAsync(this WebhookTargets targets, string url, CancellationToken cancellationToken)
    {
        if (await targets.RefusalAsync(url, cancellationToken) is { } refusal)
        {
            throw RequestValidationException.For("url", refusal);
        }
    }
}
