using Innovation.Abstractions;
using Innovation.Modules.Projects.Contracts;

namespace Innovation.Modules.Projects.Features.Lifecycle;

/// <summary>A lifecycle action, as named in its endpoint (<c>POST /api/v1/projects/{id}/{action}</c>).</summary>
internal enum ProjectAction
{
    Submit,
    Validate,
    Reject,
    Return,
    Start,
    Complete,
    Archive,
}

/// <summary>Who may perform an action (on top of seeing the project: same académie).</summary>
internal enum Actor
{
    /// <summary>The project's carriers and co-carriers (projects:carry) or the académie (projects:write).</summary>
    CarrierOrAcademie,

    /// <summary>The académie's validators (projects:validate).</summary>
    Validator,

    /// <summary>The académie (projects:write) only.</summary>
    Academie,
}

/// <summary>
/// The lifecycle state table (ADR 0011): each action, the statuses it starts from, the status it
/// leads to, who performs it, what note it needs, and the event it publishes.
/// </summary>
internal static class ProjectLifecycle
{
    internal sealed record Transition(
        ProjectAction Action, IReadOnlyList<ProjectStatus> From, ProjectStatus To, Actor Actor, string? NoteField,
        Func<ProjectLifecycleSnapshot, IIntegrationEvent> Event);

    public static readonly IReadOnlyList<Transition> Table =
    [
        new(ProjectAction.Submit, [ProjectStatus.Draft, ProjectStatus.ReturnedForChanges], ProjectStatus.Submitted, Actor.CarrierOrAcademie, null,
            p => new ProjectSubmitted(p)),
        new(ProjectAction.Validate, [ProjectStatus.Submitted], ProjectStatus.Validated, Actor.Validator, null, p => new ProjectValidated(p)),
        new(ProjectAction.Reject, [ProjectStatus.Submitted], ProjectStatus.Rejected, Actor.Validator, "reason", p => new ProjectRejected(p)),
        new(ProjectAction.Return, [ProjectStatus.Submitted], ProjectStatus.ReturnedForChanges, Actor.Validator, "comment", p =>
            new ProjectReturned(p)),
        new(ProjectAction.Start, [ProjectStatus.Validated], ProjectStatus.InProgress, Actor.CarrierOrAcademie, null, p => new ProjectStarted(p)),
        new(ProjectAction.Complete, [ProjectStatus.InProgress], ProjectStatus.Completed, Actor.CarrierOrAcademie, null, p => new ProjectCompleted(p)),
        new(ProjectAction.Archive, [ProjectStatus.Completed, ProjectStatus.Rejected], ProjectStatus.Archived, Actor.Academie, null, p =>
            new ProjectArchived(p)),
    ];

    public static Transition For(ProjectAction action) => Table.Single(t => t.Action == action);

    /// <summary>The actions possible from <paramref name="status"/>, as codes (whoever the caller is).</summary>
    public static IReadOnlyList<string> AllowedActions(ProjectStatus status) =>
        [.. Table.Where(t => t.From.Contains(status)).Select(t => StableCode.Of(t.Action))];

    /// <summary>The statuses in which a project's data may be replaced (PUT), and by whom.</summary>
    public static bool CarriersMayEdit(ProjectStatus status) => status is ProjectStatus.Draft or ProjectStatus.ReturnedForChanges;

    public static bool AcademieMayEdit(ProjectStatus status) =>
        status is ProjectStatus.Draft or ProjectStatus.ReturnedForChanges or ProjectStatus.Validated or ProjectStatus.InProgress;

    /// <summary>Validated or later (the statuses a project may be valorised in).</summary>
    public static bool IsValidatedOrLater(ProjectStatus status) =>
        status is ProjectStatus.Validated or ProjectStatus.InProgress or ProjectStatus.Completed or ProjectStatus.Archived;

    /// <summary>409 <c>invalid_transition</c>: names the current status and the actions it allows.</summary>
    public static ProblemException InvalidTransition(ProjectAction action, ProjectStatus status) =>
        ProblemException.Conflict("invalid_transition",
                $"A {StableCode.Of(status)} project cannot be {Past(action)}. Allowed actions now: {Describe(AllowedActions(status))}.")
            .With("currentStatus", StableCode.Of(status))
            .With("allowedActions", AllowedActions(status));

    /// <summary>409 <c>project_locked</c>: the project's status forbids replacing its data (for this caller).</summary>
    public static ProblemException Locked(ProjectStatus status, bool academie) =>
        ProblemException.Conflict("project_locked",
                (academie
                    ? $"A {StableCode.Of(status)} project's data cannot be changed any more."
                    : $"A {StableCode.Of(status)} project's data can only be changed by the académie (projects:write); carriers edit drafts and " +
                        $"projects returned for changes.")
                + $" Allowed actions now: {Describe(AllowedActions(status))}.")
            .With("currentStatus", StableCode.Of(status))
            .With("allowedActions", AllowedActions(status));

    /// <summary>422 <c>canvas_incomplete</c>: lists every empty canvas item (<c>missing</c>, and one error per field).</summary>
    public static ProblemException CanvasIncomplete(IReadOnlyList<string> missing, string what) =>
        new ProblemException(StatusCodes.Status422UnprocessableEntity, "canvas_incomplete", "Canvas incomplete",
                $"{what} needs a complete canvas; missing: {string.Join(", ", missing)}.")
            .With("missing", missing)
            .With("errors", missing.ToDictionary(m => $"canvas.{m}", _ => new[] { "Required before submission." }));

    /// <summary>The snapshot the lifecycle events carry: ids and codes only.</summary>
    public static ProjectLifecycleSnapshot Snapshot(ProjectTable.Record record, ProjectStatus from, DateTimeOffset now) => new(
        record.Row.Id,
        record.Row.Academie,
        [.. record.Schools.Select(s => s.Uai)],
        [.. record.Schools.Select(s => s.Departement).OfType<string>().Distinct().Order(StringComparer.Ordinal)],
        [.. record.Themes.Order(StringComparer.Ordinal)],
        StableCode.Of(from),
        record.Row.Status,
        record.Row.HasExperimentation,
        record.Row.Version,
        now);

    private static string Describe(IReadOnlyList<string> actions) => actions.Count == 0 ? "none" : string.Join(", ", actions);

    private static string Past(ProjectAction action) => action switch
    {
        ProjectAction.Submit => "submitted",
        ProjectAction.Validate => "validated",
        ProjectAction.Reject => "rejected",
        ProjectAction.Return => "returned for changes",
        ProjectAction.Start => "started",
        ProjectAction.Complete => "completed",
        _ => "archived",
    };
}
