namespace Innovation.Modules.Experimentation.Domain;

internal enum ExperimentationStatus
{
    Draft,
    Submitted,
    Approved,
    Rejected,
    ReturnedForChanges,
    Adopted,
    EnteredInSchoolProject,
    Running,
    Closed,
}

/// <summary>A workflow action, as named in its endpoint (<c>POST /api/v1/experimentations/{id}/{action}</c>).</summary>
internal enum ExperimentationAction
{
    Submit,
    Approve,
    Reject,
    Return,
    Adopt,
    EnterInSchoolProject,
    Start,
    Close,
    Renew,
}

/// <summary>
/// The workflow's state table (ADR 0022): each action, the statuses it starts from and the status it leads to. The DASEN's
/// actions (approve, reject, return, renew) need <c>experimentations:decide</c>; the others <c>experimentations:write</c>.
/// </summary>
internal static class ExperimentationWorkflow
{
    internal sealed record Transition(ExperimentationAction Action, IReadOnlyList<ExperimentationStatus> From, ExperimentationStatus To);

    public static readonly IReadOnlyList<Transition> Table =
    [
        new(ExperimentationAction.Submit, [ExperimentationStatus.Draft, ExperimentationStatus.ReturnedForChanges], ExperimentationStatus.Submitted),
        new(ExperimentationAction.Approve, [ExperimentationStatus.Submitted], ExperimentationStatus.Approved),
        new(ExperimentationAction.Reject, [ExperimentationStatus.Submitted], ExperimentationStatus.Rejected),
        new(ExperimentationAction.Return, [ExperimentationStatus.Submitted], ExperimentationStatus.ReturnedForChanges),
        new(ExperimentationAction.Adopt, [ExperimentationStatus.Approved], ExperimentationStatus.Adopted),
        new(ExperimentationAction.EnterInSchoolProject, [ExperimentationStatus.Adopted], ExperimentationStatus.EnteredInSchoolProject),
        new(ExperimentationAction.Start, [ExperimentationStatus.EnteredInSchoolProject], ExperimentationStatus.Running),
        new(ExperimentationAction.Close, [ExperimentationStatus.Running], ExperimentationStatus.Closed),
        new(ExperimentationAction.Renew, [ExperimentationStatus.Running], ExperimentationStatus.Running),
    ];

    public static Transition For(ExperimentationAction action) => Table.Single(t => t.Action == action);

    /// <summary>The actions possible from <paramref name="status"/>, as codes (whoever the caller is).</summary>
    public static IReadOnlyList<string> AllowedActions(ExperimentationStatus status) =>
        [.. Table.Where(t => t.From.Contains(status)).Select(t => StableCode.Of(t.Action))];

    /// <summary>The dossier may be replaced while the team writes it: a draft, or a dossier returned for changes.</summary>
    public static bool DossierEditable(ExperimentationStatus status) =>
        status is ExperimentationStatus.Draft or ExperimentationStatus.ReturnedForChanges;

    /// <summary>Approved and not yet closed: its reviews are due and may be late.</summary>
    public static bool UnderWay(ExperimentationStatus status) => status is ExperimentationStatus.Approved or ExperimentationStatus.Adopted
        or ExperimentationStatus.EnteredInSchoolProject or ExperimentationStatus.Running;

    /// <summary>409 <c>invalid_transition</c>: names the current status and the actions it allows.</summary>
    public static ProblemException InvalidTransition(string what, ExperimentationStatus status) =>
        ProblemException.Conflict("invalid_transition",
                $"A {StableCode.Of(status)} experimentation cannot be {what}. Allowed actions now: {Describe(AllowedActions(status))}.")
            .With("currentStatus", StableCode.Of(status))
            .With("allowedActions", AllowedActions(status));

    public static string Past(ExperimentationAction action) => action switch
    {
        ExperimentationAction.Submit => "submitted",
        ExperimentationAction.Approve => "approved",
        ExperimentationAction.Reject => "rejected",
        ExperimentationAction.Return => "returned for changes",
        ExperimentationAction.Adopt => "adopted",
        ExperimentationAction.EnterInSchoolProject => "entered in the school project",
        ExperimentationAction.Start => "started",
        ExperimentationAction.Close => "closed",
        _ => "renewed",
    };

    private static string Describe(IReadOnlyList<string> actions) => actions.Count == 0 ? "none" : string.Join(", ", actions);
}
