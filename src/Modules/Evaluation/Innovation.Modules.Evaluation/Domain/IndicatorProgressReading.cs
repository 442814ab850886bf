namespace Innovation.Modules.Evaluation.Domain;

/// <summary>Where an indicator stands against the time elapsed between its baseline and its target date.</summary>
internal enum ProgressStatus
{
    /// <summary>No approved value yet.</summary>
    NoData,

    /// <summary>At least as far as the time elapsed.</summary>
    OnTrack,

    /// <summary>Behind, but at least half as far as the time elapsed.</summary>
    Late,

    /// <summary>Less than half as far as the time elapsed (or gone the wrong way).</summary>
    OffTrack,
}

/// <summary>
/// An indicator's progress, computed from its baseline, target and last approved value: the share of the way from baseline to
/// target covered in the indicator's direction (0..1), the share of the time elapsed, the effect (last − baseline) and, with a
/// comparison group, the group's change over the same time and the difference of the two changes.
/// </summary>
/// <param name="Progress">Share of the way covered, 0..1 (a value beyond the target is 1, one gone the wrong way 0); null without data.</param>
/// <param name="Expected">Share of the time elapsed from baseline date to target date, 0..1.</param>
/// <param name="Status">onTrack, late, offTrack or noData.</param>
/// <param name="Effect">Last approved value minus baseline; null without data.</param>
/// <param name="ComparisonChange">The comparison group's last value up to the same period minus its baseline.</param>
/// <param name="Difference">Effect minus the comparison group's change (a difference in differences).</param>
internal sealed record IndicatorProgressReading(
    double? Progress, double Expected, ProgressStatus Status, double? Effect, double? ComparisonChange, double? Difference)
{
    /// <summary>Below this share of the expected progress, an indicator is off track rather than late.</summary>
    public const double LateShare = 0.5;

    public static IndicatorProgressReading Of(
        IndicatorDirection direction, double baseline, DateOnly baselineDate, double target, DateOnly targetDate, double? last,
        DateOnly? lastEnd, DateOnly asOf, double? comparisonBaseline, IReadOnlyList<(DateOnly End, double Value)> comparison)
    {
        var span = targetDate.DayNumber - baselineDate.DayNumber;
        var expected = span <= 0 ? 1 : Math.Clamp((double)(asOf.DayNumber - baselineDate.DayNumber) / span, 0, 1);
        if (last is not { } value)
        {
            return new IndicatorProgressReading(null, expected, ProgressStatus.NoData, null, null, null);
        }

        var way = direction == IndicatorDirection.HigherIsBetter ? target - baseline : baseline - target;
        var covered = direction == IndicatorDirection.HigherIsBetter ? value - baseline : baseline - value;
        var progress = way == 0 ? (covered >= 0 ? 1 : 0) : Math.Clamp(covered / way, 0, 1);
        var status = progress >= expected ? ProgressStatus.OnTrack
            : progress >= expected * LateShare ? ProgressStatus.Late
            : ProgressStatus.OffTrack;
        var effect = value - baseline;
        var group = comparison.Where(c => lastEnd is null || c.End <= lastEnd).OrderBy(c => c.End).Select(c => (double?)c.Value).LastOrDefault();
        var change = comparisonBaseline is { } start && group is { } end ? end - start : (double?)null;
        return new IndicatorProgressReading(progress, expected, status, effect, change, change is { } c2 ? effect - c2 : null);
    }

    /// <summary>The median of <paramref name="values"/>, or null when there is none.</summary>
    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
