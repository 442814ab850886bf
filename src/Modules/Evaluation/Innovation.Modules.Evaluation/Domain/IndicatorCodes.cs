namespace Innovation.Modules.Evaluation.Domain;

/// <summary>The unit an indicator is measured in; it decides which values are possible (<see cref="Units.Problem"/>).</summary>
internal enum IndicatorUnit
{
    Percent,
    Count,
    Ratio,
    Score,
    Hours,
    Days,
    Euros,
}

/// <summary>Which way is progress: a rate of success goes up, a rate of absence goes down.</summary>
internal enum IndicatorDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>What an indicator is about: a project, an experimentation, a network, or the académie as a whole.</summary>
internal enum IndicatorScope
{
    Project,
    Experimentation,
    Network,
    Academie,
}

/// <summary>The values each unit admits: a percent lies in 0–100, a count is a whole number of at least 0, and so on.</summary>
internal static class Units
{
    public const string Rule =
        "A percent lies between 0 and 100; a count is a whole number of at least 0; a ratio, hours, days and euros are at least 0; "
        + "a score is any number.";

    /// <summary>Why <paramref name="value"/> is not a value of <paramref name="unit"/>, or null when it is one.</summary>
    public static string? Problem(IndicatorUnit unit, double value) => unit switch
    {
        _ when !double.IsFinite(value) => "A value is a finite number.",
        IndicatorUnit.Percent when value is < 0 or > 100 => $"{Format(value)} is not a percent: a percent lies between 0 and 100.",
        IndicatorUnit.Count when value < 0 || value != Math.Floor(value) => $"{Format(value)} is not a count: a whole number of at least 0.",
        IndicatorUnit.Ratio or IndicatorUnit.Hours or IndicatorUnit.Days or IndicatorUnit.Euros when value < 0 =>
            $"{Format(value)} is below 0, which a value in {StableCode.Of(unit)} cannot be.",
        _ => null,
    };

    private static string Format(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Where a measurement stands: submitted (waiting for review), approved (counts in dashboards) or returned with a reason (to be
/// corrected, which submits it again).
/// </summary>
internal enum MeasurementStatus
{
    Submitted,
    Approved,
    Returned,
}
