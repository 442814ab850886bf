namespace Innovation.Modules.Evaluation.Features.Indicators;

/// <summary>An indicator as a client writes it (create and replace).</summary>
/// <param name="Code" example="TX-PAROLE">A short code, unique within the scope (letters, digits, `.`, `_`, `-`; at most 40 characters).</param>
/// <param name="Label" example="Temps de parole moyen par élève">What is measured (at most 200 characters).</param>
/// <param name="Unit">percent (0–100), count (a whole number ≥ 0), ratio, score, hours, days or euros (≥ 0 but score).</param>
/// <param name="Direction">higherIsBetter or lowerIsBetter: which way is progress.</param>
/// <param name="Scope">project, experimentation, network or academie: what the indicator is about. Fixed once created.</param>
/// <param name="ScopeId">The project's, experimentation's or network's id; none for the académie. Fixed once created.</param>
/// <param name="Baseline">The value at the start, and its date.</param>
/// <param name="Target">The value aimed at, and by when (after the baseline, in the indicator's direction).</param>
/// <param name="DataSource" example="Relevés des enseignants">Where the values come from (at most 500 characters).</param>
/// <param name="CollectionMethod" example="Chronométrage sur trois séances par période">How they are collected (at most 500 characters).</param>
/// <param name="ComparisonGroup">An optional group measured alike without the innovation, to compare changes with.</param>
/// <param name="Academie" example="25">Académie code or name for an experimentation or académie indicator; defaults to the caller's (a
/// national credential must give it). A project's or a network's indicator belongs to its académie.</param>
internal sealed record IndicatorDraft(
    string? Code, string? Label, IndicatorUnit? Unit, IndicatorDirection? Direction, IndicatorScope? Scope, Guid? ScopeId,
    IndicatorPointDraft? Baseline, IndicatorPointDraft? Target, string? DataSource, string? CollectionMethod,
    ComparisonGroupDraft? ComparisonGroup, string? Academie)
{
    /// <summary>
    /// The académie of an experimentation or académie indicator: the one named, else the caller's; a 400 for none or an unknown one.
    /// </summary>
    public Task<string> NamedAcademieAsync(IMediator mediator, Caller caller, CancellationToken cancellationToken) =>
        DraftAcademie.NamedOrCallersAsync(Academie, mediator, caller, IndicatorDraftValidator.AcademieRequired, cancellationToken);
}

/// <summary>A value at a date.</summary>
/// <param name="Value" example="12.5">The value, in the indicator's unit.</param>
/// <param name="Date" example="2025-09-01">Its date.</param>
internal sealed record IndicatorPointDraft(double? Value, DateOnly? Date);

/// <summary>A comparison group as a client writes it.</summary>
/// <param name="Label" example="Classes de CM1 sans classe dehors">Who the group is (at most 200 characters).</param>
/// <param name="Baseline" example="12">The group's value at the indicator's baseline date.</param>
/// <param name="Values">The group's values, one per period (at most 200, each period once).</param>
internal sealed record ComparisonGroupDraft(string? Label, double? Baseline, IReadOnlyList<ComparisonValueDraft>? Values);

/// <summary>One value of a comparison group.</summary>
/// <param name="Period" example="2025-2026">A school year (2024-2025), a month (2025-03) or a day (2025-03-14).</param>
/// <param name="Value" example="13">The group's value for that period.</param>
internal sealed record ComparisonValueDraft(string? Period, double? Value);

internal sealed class IndicatorDraftValidator : AbstractValidator<IndicatorDraft>
{
    public const string AcademieRequired = "A national credential must name the indicator's académie.";

    public IndicatorDraftValidator()
    {
        RuleFor(d => d.Code).NotEmpty().MaximumLength(40).Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$")
            .WithMessage("A code holds letters, digits, '.', '_' and '-', and starts with a letter or a digit.");
        RuleFor(d => d.Label).NotEmpty().MaximumLength(200);
        RuleFor(d => d.Unit).NotNull();
        RuleFor(d => d.Direction).NotNull();
        RuleFor(d => d.Scope).NotNull();
        RuleFor(d => d.ScopeId).NotNull().When(d => d.Scope is not null and not IndicatorScope.Academie)
            .WithMessage("A project, experimentation or network indicator names its scopeId.");
        RuleFor(d => d.ScopeId).Null().When(d => d.Scope == IndicatorScope.Academie)
            .WithMessage("An académie indicator has no scopeId (use academie).");
        Point(d => d.Baseline, "baseline");
        Point(d => d.Target, "target");
        RuleFor(d => d.Target!.Date).Must((d, date) => date > d.Baseline!.Date).OverridePropertyName("target.date")
            .When(d => d.Baseline?.Date is not null && d.Target?.Date is not null).WithMessage("The target's date comes after the baseline's.");
        RuleFor(d => d.Target!.Value).Must((d, value) => d.Direction == IndicatorDirection.HigherIsBetter ? value > d.Baseline!.Value
                : value < d.Baseline!.Value)
            .OverridePropertyName("target.value")
            .When(d => d.Direction is not null && d.Baseline?.Value is not null && d.Target?.Value is not null)
            .WithMessage(d => d.Direction == IndicatorDirection.HigherIsBetter
                ? "The target is above the baseline (the indicator is higherIsBetter)."
                : "The target is below the baseline (the indicator is lowerIsBetter).");
        RuleFor(d => d.DataSource).MaximumLength(500);
        RuleFor(d => d.CollectionMethod).MaximumLength(500);
        // A group's own fields are checked when there is a group (ChildRules skips null), under the names the flat rules had.
        RuleFor(d => d.ComparisonGroup!).ChildRules(group =>
        {
            group.RuleFor(g => g.Label).NotEmpty().MaximumLength(200).WithName("Comparison Group Label");
            group.RuleFor(g => g.Baseline).NotNull().WithName("Comparison Group Baseline");
        });
        RuleFor(d => d.ComparisonGroup!.Baseline!.Value).Must((d, v) => Fits(d.Unit, v)).OverridePropertyName("comparisonGroup.baseline")
            .When(d => d.ComparisonGroup?.Baseline is not null).WithMessage((d, v) => Units.Problem(d.Unit!.Value, v));
        RuleFor(d => d.ComparisonGroup!.Values).Must(v => v is null || v.Count <= 200).WithMessage("At most 200 values.")
            .Must(v => v is null || v.Select(x => Period.Parse(x.Period)?.Code).Distinct().Count() == v.Count).WithMessage("Each period once.")
            .When(d => d.ComparisonGroup is not null);
        RuleForEach(d => d.ComparisonGroup!.Values).ChildRules(value =>
        {
            value.RuleFor(x => x.Period).Must(p => Period.Parse(p) is not null).WithMessage(Period.Rule);
            value.RuleFor(x => x.Value).NotNull();
        }).When(d => d.ComparisonGroup is not null);
        RuleForEach(d => d.ComparisonGroup!.Values).Must((d, x) => x.Value is null || Fits(d.Unit, x.Value.Value))
            .WithMessage((d, x) => Units.Problem(d.Unit!.Value, x.Value!.Value)).When(d => d.ComparisonGroup is not null);
    }

    /// <summary>A value and a date, both required, the value in the indicator's unit.</summary>
    private void Point(System.Linq.Expressions.Expression<Func<IndicatorDraft, IndicatorPointDraft?>> point, string name)
    {
        var get = point.Compile();
        RuleFor(point).NotNull().ChildRules(given =>
        {
            given.RuleFor(p => p!.Value).NotNull().WithName(name + ".value");
            given.RuleFor(p => p!.Date).NotNull().WithName(name + ".date");
        });
        RuleFor(d => get(d)!.Value!.Value).Must((d, v) => Fits(d.Unit, v)).OverridePropertyName(name + ".value")
            .When(d => get(d)?.Value is not null).WithMessage((d, v) => Units.Problem(d.Unit!.Value, v));
    }

    private static bool Fits(IndicatorUnit? unit, double value) => unit is null || Units.Problem(unit.Value, value) is null;
}
