using Innovation.Abstractions;

namespace Innovation.Modules.Projects.Contracts;

/// <summary>
/// A project as its lifecycle events carry it: ids and codes only. No title, no names, no e-mails,
/// no reason text (free text may name people) and no actor (a caller id can be an e-mail): a
/// consumer that needs more asks the académie's API.
/// </summary>
/// <param name="ProjectId">The project's id.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="Schools">UAIs of the project's schools, in the project's order.</param>
/// <param name="Departements">Département codes of those schools (distinct, sorted), as Projects' copy of the directory knows them.</param>
/// <param name="Themes">National theme codes (digitalAndAi, orientation, scienceAndGenderMix, inclusiveSchool, wellBeing, schoolForm).</param>
/// <param name="FromStatus">The status before the transition (draft, submitted, validated, rejected, returnedForChanges, inProgress,
/// completed).</param>
/// <param name="Status">The status after the transition.</param>
/// <param name="HasExperimentation">True when the project is an official derogatory experimentation.</param>
/// <param name="Version">The project's version after the transition (consumers ignore older versions).</param>
/// <param name="OccurredAt">When the transition happened.</param>
public sealed record ProjectLifecycleSnapshot(
    Guid ProjectId, string Academie, IReadOnlyList<string> Schools, IReadOnlyList<string> Departements, IReadOnlyList<string> Themes,
    string FromStatus, string Status, bool HasExperimentation, int Version, DateTimeOffset OccurredAt) : IAggregateSnapshot
{
    string IAggregateSnapshot.AggregateKey => ProjectId.ToString();
}

/// <summary>An event of the project's lifecycle: it carries the project after the transition, as every other one does.</summary>
public abstract record ProjectLifecycleEvent(ProjectLifecycleSnapshot Project) : ISnapshotEvent<ProjectLifecycleSnapshot>
{
    ProjectLifecycleSnapshot ISnapshotEvent<ProjectLifecycleSnapshot>.Snapshot => Project;
}

/// <summary>A carrier (or the académie) submitted the project for validation.</summary>
public sealed record ProjectSubmitted(ProjectLifecycleSnapshot Project) : ProjectLifecycleEvent(Project);

/// <summary>The académie validated the project.</summary>
public sealed record ProjectValidated(ProjectLifecycleSnapshot Project) : ProjectLifecycleEvent(Project);

/// <summary>The académie rejected the project (the reason is in the project's history, not in the event).</summary>
public sealed record ProjectRejected(ProjectLifecycleSnapshot Project) : ProjectLifecycleEvent(Project);

/// <summary>The académie returned the project to its carriers for changes (the comment is in the history).</summary>
public sealed record ProjectReturned(ProjectLifecycleSnapshot Project) : ProjectLifecycleEvent(Project);

/// <summary>A validated project started.</summary>
public sealed record ProjectStarted(ProjectLifecycleSnapshot Project) : ProjectLifecycleEvent(Project);

/// <summary>A project in progress was completed.</summary>
public sealed record ProjectCompleted(ProjectLifecycleSnapshot Project) : ProjectLifecycleEvent(Project);

/// <summary>A completed or rejected project was archived.</summary>
public sealed record ProjectArchived(ProjectLifecycleSnapshot Project) : ProjectLifecycleEvent(Project);
