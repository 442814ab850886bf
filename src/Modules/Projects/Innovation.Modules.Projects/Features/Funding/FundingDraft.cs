using FluentValidation;
using Innovation.Modules.Projects.Domain;

namespace Innovation.Modules.Projects.Features.Funding;

/// <summary>A funding line as a client writes it (create or replace). Amounts are euros as JSON numbers with at most 2 decimals.</summary>
/// <param name="Scheme">The funding scheme.</param>
/// <param name="Year" example="2026">The funding year (the year of the call or budget).</param>
/// <param name="AmountRequested" example="4500.50">Euros requested (≥ 0, at most 2 decimals).</param>
/// <param name="AmountGranted" example="3000">Euros granted, once known (≥ 0, at most 2 decimals, not above the request unless <c>isTopUp</c>).</param>
/// <param name="IsTopUp">True for a top-up (<i>abondement</i>): the grant may then exceed the request. Default false.</param>
/// <param name="Note" example="Crédits votés en commission de novembre.">A note.</param>
internal sealed record FundingDraft(FundingScheme? Scheme, int? Year, decimal? AmountRequested, decimal? AmountGranted, bool? IsTopUp, string? Note);

internal sealed class FundingDraftValidator : AbstractValidator<FundingDraft>
{
    /// <summary>The largest amount DECIMAL(12, 2) holds.</summary>
    public const decimal MaxAmount = 9_999_999_999.99m;

    public FundingDraftValidator()
    {
        RuleFor(f => f.Scheme).NotNull().IsInEnum();
        RuleFor(f => f.Year).NotNull().InclusiveBetween(2000, 2100);
        RuleFor(f => f.AmountRequested).NotNull().InclusiveBetween(0m, MaxAmount)
            .Must(HaveAtMostTwoDecimals).WithMessage("Amounts are euros with at most 2 decimals.");
        RuleFor(f => f.AmountGranted).InclusiveBetween(0m, MaxAmount)
            .Must(HaveAtMostTwoDecimals).WithMessage("Amounts are euros with at most 2 decimals.");
        RuleFor(f => f.AmountGranted).LessThanOrEqualTo(f => f.AmountRequested)
            .When(f => f.AmountGranted is not null && f.AmountRequested is not null && f.IsTopUp != true)
            .WithMessage(f => $"The amount granted ({f.AmountGranted}) exceeds the amount requested ({f.AmountRequested}); set isTopUp to true for a top-up.");
        RuleFor(f => f.Note).MaximumLength(1000);
    }

    private static bool HaveAtMostTwoDecimals(decimal? amount) => amount is not { } value || decimal.Round(value, 2) == value;
}
