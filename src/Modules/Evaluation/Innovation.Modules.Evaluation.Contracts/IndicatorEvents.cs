using Innovation.Abstractions;

namespace Innovation.Modules.Evaluation.Contracts;

/// <summary>An indicator as its events carry it: ids and codes only (no label, no data source, no free text).</summary>
/// <param name="IndicatorId">The indicator's id.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="Code">The indicator's code, unique within its scope.</param>
/// <param name="Unit">percent, count, ratio, score, hours, days or euros.</param>
/// <param name="Direction">higherIsBetter or lowerIsBetter.</param>
/// <param name="Scope">project, experimentation, network or academie.</param>
/// <param name="ScopeId">The project's, experimentation's or network's id; null for the académie.</param>
/// <param name="Version">The indicator's version after the change.</param>
public sealed record IndicatorSnapshot(
    Guid IndicatorId, string Academie, string Code, string Unit, string Direction, string Scope, Guid? ScopeId, int Version);

/// <summary>An indicator was created (by hand or by an import).</summary>
public sealed record IndicatorCreated(IndicatorSnapshot Indicator) : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => Indicator.IndicatorId.ToString();

    string IIntegrationEvent.Academie => Indicator.Academie;
}

/// <summary>An approved measurement: ids, codes and the value only (no source, collector or comment).</summary>
/// <param name="MeasurementId">The measurement's id.</param>
/// <param name="IndicatorId">Its indicator.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="Period">The period (a school year 2024-2025, a month 2025-03 or a day 2025-03-14).</param>
/// <param name="SchoolYear">The school year the period ends in.</param>
/// <param name="Value">The approved value, in the indicator's unit.</param>
/// <param name="Version">The measurement's version after the approval.</param>
public sealed record MeasurementSnapshot(Guid MeasurementId, Guid IndicatorId, string Academie, string Period, string SchoolYear, double Value,
    int Version);

/// <summary>A measurement was approved: from now on it counts in dashboards and exports.</summary>
public sealed record MeasurementApproved(MeasurementSnapshot Measurement) : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => Measurement.IndicatorId.ToString();

    string IIntegrationEvent.Academie => Measurement.Academie;
}
