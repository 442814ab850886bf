using Innovation.Abstractions;

namespace Innovation.Modules.Accompaniment.Contracts;

/// <summary>
/// A needs diagnosis was recorded for a project. Ids and codes only: no comment, no name.
/// </summary>
/// <param name="DiagnosisId">The diagnosis.</param>
/// <param name="ProjectId">The diagnosed project.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="DiagnosedOn">The day of the diagnosis.</param>
/// <param name="NeedCodes">The codes of the needs found (training, tutoring, teamFacilitation, fundingSearch…).</param>
public sealed record NeedsDiagnosed(Guid DiagnosisId, Guid ProjectId, string Academie, DateOnly DiagnosedOn, IReadOnlyList<string> NeedCodes)
    : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => ProjectId.ToString();

    string IIntegrationEvent.Academie => Academie;
}

/// <summary>An accompaniment plan as its events carry it: ids, codes and counts; never a reason, a summary or a name.</summary>
/// <param name="PlanId">The plan.</param>
/// <param name="ProjectId">The accompanied project.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="Status">proposed, active, declined or closed.</param>
/// <param name="Types">The accompaniment types the plan combines (proximity, institutional, research, hybridRemote), distinct.</param>
/// <param name="Accompanists">How many distinct accompanists the plan names.</param>
/// <param name="PlannedHours">The planned hours of every accompanist and school year together.</param>
/// <param name="Version">The plan's version after the change (consumers ignore older versions).</param>
public sealed record AccompanimentSnapshot(
    Guid PlanId, Guid ProjectId, string Academie, string Status, IReadOnlyList<string> Types, int Accompanists, int PlannedHours, int Version)
    : IAggregateSnapshot
{
    string IAggregateSnapshot.AggregateKey => PlanId.ToString();
}

/// <summary>An event of an accompaniment plan's life: it carries the plan after the change.</summary>
public abstract record AccompanimentEvent(AccompanimentSnapshot Plan) : ISnapshotEvent<AccompanimentSnapshot>
{
    AccompanimentSnapshot ISnapshotEvent<AccompanimentSnapshot>.Snapshot => Plan;
}

/// <summary>Accompanists or the CARDIE proposed an accompaniment plan to a project's carriers.</summary>
public sealed record AccompanimentProposed(AccompanimentSnapshot Plan) : AccompanimentEvent(Plan);

/// <summary>A carrier of the project accepted the plan: it is active.</summary>
public sealed record AccompanimentAccepted(AccompanimentSnapshot Plan) : AccompanimentEvent(Plan);

/// <summary>A carrier of the project declined the plan (the reason stays in the plan).</summary>
public sealed record AccompanimentDeclined(AccompanimentSnapshot Plan) : AccompanimentEvent(Plan);

/// <summary>The accompaniment ended (the closing summary stays in the plan). The Evaluation module opens its evaluation.</summary>
public sealed record AccompanimentClosed(AccompanimentSnapshot Plan) : AccompanimentEvent(Plan);

/// <summary>A session of an active plan was held (recorded). Counts and hours only: never a summary, a next step or a name.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="PlanId">Its plan.</param>
/// <param name="ProjectId">The accompanied project.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="HeldOn">The day it was held.</param>
/// <param name="Hours">Its duration in hours.</param>
/// <param name="Participants">How many took part.</param>
/// <param name="Modality">onSite, remote or hybrid.</param>
public sealed record SessionHeld(
    Guid SessionId, Guid PlanId, Guid ProjectId, string Academie, DateOnly HeldOn, decimal Hours, int Participants, string Modality)
    : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => PlanId.ToString();

    string IIntegrationEvent.Academie => Academie;
}
