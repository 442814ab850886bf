namespace Innovation.Modules.Evaluation.Features.Measurements;

/// <summary>A measurement as a client writes it (submit, correct, import).</summary>
/// <param name="Value" example="14.5">The value, in the indicator's unit (a percent lies in 0–100, a count is a whole number ≥ 0…).</param>
/// <param name="Period" example="2025-2026">The period it stands for: a school year (2024-2025), a month (2025-03) or a day (2025-03-14).
/// Give a period or a date, not both. Fixed once submitted.</param>
/// <param name="Date" example="2026-03-14">The day it stands for, instead of a period.</param>
/// <param name="Source" example="Relevé de séance">Where the value comes from (at most 200 characters).</param>
/// <param name="CollectedBy">Who collected it: a person of the académie's directory.</param>
/// <param name="Comment" example="Trois séances observées.">A comment (at most 1,000 characters).</param>
internal sealed record MeasurementDraft(double? Value, string? Period, DateOnly? Date, string? Source, Guid? CollectedBy, string? Comment)
{
    /// <summary>The period the draft names (its date's day, else its period); only after validation.</summary>
    public Period ThePeriod => Date is { } day ? Domain.Period.Of(day) : Domain.Period.Parse(Period)!.Value;
}

internal sealed class MeasurementDraftValidator : AbstractValidator<MeasurementDraft>
{
    public MeasurementDraftValidator()
    {
        RuleFor(d => d.Value).NotNull();
        RuleFor(d => d.Value!.Value).Must(double.IsFinite).OverridePropertyName("value").When(d => d.Value is not null)
            .WithMessage("A value is a finite number.");
        RuleFor(d => d.Period).Must((d, p) => string.IsNullOrWhiteSpace(p) != (d.Date is null))
            .WithMessage("Give a period or a date (one of them).");
        RuleFor(d => d.Period).Must(p => Domain.Period.Parse(p) is not null).When(d => !string.IsNullOrWhiteSpace(d.Period))
            .WithMessage(Domain.Period.Rule);
        RuleFor(d => d.Source).MaximumLength(200);
        RuleFor(d => d.Comment).MaximumLength(1000);
    }
}

/// <summary>The checks of a measurement that need its indicator or the people directory.</summary>
internal static class MeasurementRules
{
    /// <summary>The 400 of a value its indicator's unit does not admit.</summary>
    public static void EnsureUnit(IndicatorUnit unit, double value)
    {
        if (Units.Problem(unit, value) is { } problem)
        {
            throw RequestValidationException.For("value", problem);
        }
    }

    /// <summary>
    /// The 400 of a collector who is not in the directory of <paramref name="academie"/> (unknown, erased or of another académie).
    /// </summary>
    public static async Task EnsureCollectorAsync(IMediator mediator, string academie, Guid? personId, CancellationToken cancellationToken)
    {
        if (personId is { } id && !await IsCollectorAsync(mediator, academie, id, cancellationToken))
        {
            throw RequestValidationException.For("collectedBy", CollectorProblem(id, academie));
        }
    }

    public static async Task<bool> IsCollectorAsync(IMediator mediator, string academie, Guid personId, CancellationToken cancellationToken) =>
        (await mediator.Send(new Networks.Contracts.FindPeople([personId]), cancellationToken)).Any(p => p.Academie == academie);

    public static string CollectorProblem(Guid personId, string academie) =>
        $"Person '{personId}' is not in the people directory of académie {academie}.";
}
