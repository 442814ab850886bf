using Innovation.Abstractions;

namespace Innovation.Modules.Experimentation.Contracts;

/// <summary>An experimentation as its events carry it: ids and codes only (no names, no free text, no actor).</summary>
/// <param name="ExperimentationId">The experimentation's id.</param>
/// <param name="ProjectId">The project placed under the derogatory framework.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="Departements">Département codes of the perimeter's schools (distinct, sorted).</param>
/// <param name="Schools">UAIs of the perimeter's schools.</param>
/// <param name="DerogationFields">Codes of the derogation fields.</param>
/// <param name="DurationYears">Duration in school years (renewal included).</param>
/// <param name="Status">The status after the change.</param>
/// <param name="Version">The experimentation's version after the change (consumers ignore older versions).</param>
/// <param name="OccurredAt">When the change happened.</param>
public sealed record ExperimentationSnapshot(
    Guid ExperimentationId, Guid ProjectId, string Academie, IReadOnlyList<string> Departements, IReadOnlyList<string> Schools,
    IReadOnlyList<string> DerogationFields, int DurationYears, string Status, int Version, DateTimeOffset OccurredAt);

/// <summary>An indicator of the evaluation protocol, as Evaluation creates it.</summary>
/// <param name="Code">The indicator's code within the experimentation.</param>
/// <param name="Label">Its label (what is measured, never a person).</param>
/// <param name="Unit">percent, count, ratio, score, euros, days, hours or other.</param>
/// <param name="Direction">higherIsBetter or lowerIsBetter.</param>
/// <param name="BaselineValue">Baseline value.</param>
/// <param name="BaselineDate">Date of the baseline.</param>
/// <param name="TargetValue">Target value.</param>
/// <param name="TargetDate">Date the target should be reached.</param>
public sealed record ProtocolIndicator(
    string Code, string Label, string Unit, string Direction, decimal BaselineValue, DateOnly BaselineDate, decimal TargetValue,
    DateOnly TargetDate);

/// <summary>The evaluation protocol approved by the DASEN: its indicators, data-collection methods and review schedule.</summary>
/// <param name="Indicators">The indicators with baseline and target.</param>
/// <param name="DataCollection">Codes of the data-collection methods.</param>
/// <param name="IntermediateReviewsDue">Due dates of the intermediate reviews.</param>
/// <param name="FinalReportDue">Due date of the final report.</param>
public sealed record ExperimentationProtocol(
    IReadOnlyList<ProtocolIndicator> Indicators, IReadOnlyList<string> DataCollection, IReadOnlyList<DateOnly> IntermediateReviewsDue,
    DateOnly FinalReportDue);

/// <summary>A review (intermediate or final) as its events carry it.</summary>
/// <param name="ReviewId">The review's id.</param>
/// <param name="Kind">intermediate or final.</param>
/// <param name="DueOn">Its due date.</param>
/// <param name="IndicatorValues">The indicator values it reports (code → value); empty until submitted.</param>
public sealed record ReviewSnapshot(Guid ReviewId, string Kind, DateOnly DueOn, IReadOnlyDictionary<string, decimal> IndicatorValues);

/// <summary>Base of the experimentation events: ordered per experimentation, visible to its académie.</summary>
public abstract record ExperimentationEvent(ExperimentationSnapshot Experimentation) : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => Experimentation.ExperimentationId.ToString();

    string IIntegrationEvent.Academie => Experimentation.Academie;
}

/// <summary>The dossier was submitted to the DASEN.</summary>
public sealed record ExperimentationSubmitted(ExperimentationSnapshot Experimentation) : ExperimentationEvent(Experimentation);

/// <summary>The DASEN approved the experimentation; carries the protocol so that Evaluation can create it.</summary>
public sealed record ExperimentationApproved(ExperimentationSnapshot Experimentation, ExperimentationProtocol Protocol)
    : ExperimentationEvent(Experimentation);

/// <summary>The DASEN rejected the experimentation (the reason stays in its history).</summary>
public sealed record ExperimentationRejected(ExperimentationSnapshot Experimentation) : ExperimentationEvent(Experimentation);

/// <summary>The DASEN returned the dossier for changes (the reason stays in its history).</summary>
public sealed record ExperimentationReturned(ExperimentationSnapshot Experimentation) : ExperimentationEvent(Experimentation);

/// <summary>The school council or the board of administration adopted the experimentation.</summary>
public sealed record ExperimentationAdopted(ExperimentationSnapshot Experimentation) : ExperimentationEvent(Experimentation);

/// <summary>The experimentation started (it is running).</summary>
public sealed record ExperimentationStarted(ExperimentationSnapshot Experimentation) : ExperimentationEvent(Experimentation);

/// <summary>An intermediate review was submitted.</summary>
public sealed record ReviewSubmitted(ExperimentationSnapshot Experimentation, ReviewSnapshot Review) : ExperimentationEvent(Experimentation);

/// <summary>A review passed its due date without being submitted (announced once per review).</summary>
public sealed record ReviewOverdue(ExperimentationSnapshot Experimentation, ReviewSnapshot Review) : ExperimentationEvent(Experimentation);

/// <summary>The final report was submitted.</summary>
public sealed record FinalReportSubmitted(ExperimentationSnapshot Experimentation, ReviewSnapshot Review) : ExperimentationEvent(Experimentation);

/// <summary>The experimentation was closed.</summary>
public sealed record ExperimentationClosed(ExperimentationSnapshot Experimentation) : ExperimentationEvent(Experimentation);

/// <summary>The DASEN renewed the experimentation (once) for more school years.</summary>
/// <param name="Experimentation">The experimentation after the renewal.</param>
/// <param name="AdditionalYears">School years added (1–5).</param>
/// <param name="FinalReportDue">The final report's new due date.</param>
/// <param name="IntermediateReviewsDue">Due dates of the intermediate reviews the renewal adds (null in events written before it was).</param>
public sealed record ExperimentationRenewed(
    ExperimentationSnapshot Experimentation, int AdditionalYears, DateOnly FinalReportDue, IReadOnlyList<DateOnly>? IntermediateReviewsDue = null)
    : ExperimentationEvent(Experimentation);
