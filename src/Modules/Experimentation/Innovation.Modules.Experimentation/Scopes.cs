namespace Innovation.Modules.Experimentation;

/// <summary>
/// The scopes of the Experimentation endpoints. In the module's root namespace, so its features find these
/// before the platform's <c>Innovation.BuildingBlocks.Security.Scopes</c>.
/// </summary>
internal static class Scopes
{
    /// <summary>Read experimentations, their checklist, history, dossier and statistics (CARDIE, DSDEN, teams).</summary>
    public const string ExperimentationsRead = "experimentations:read";

    /// <summary>Write the dossier and record the team's steps: submission, adoption, school project, start, families, reviews, closing.</summary>
    public const string ExperimentationsWrite = "experimentations:write";

    /// <summary>The DASEN's decisions: approve, reject, return for changes, renew.</summary>
    public const string ExperimentationsDecide = "experimentations:decide";

    public static readonly IReadOnlyList<string> All = [ExperimentationsRead, ExperimentationsWrite, ExperimentationsDecide];
}
