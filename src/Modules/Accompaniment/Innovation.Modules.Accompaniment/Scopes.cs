namespace Innovation.Modules.Accompaniment;

/// <summary>
/// The scopes of the Accompaniment endpoints. In the module's root namespace, so its features find these
/// before the platform's <c>Innovation.BuildingBlocks.Security.Scopes</c>.
/// </summary>
internal static class Scopes
{
    /// <summary>Read diagnoses, the queue and plans (CARDIE, DSDEN, accompanists).</summary>
    public const string AccompanimentRead = "accompaniment:read";

    /// <summary>Record diagnoses, propose, change and close plans (CARDIE, DSDEN, accompanists).</summary>
    public const string AccompanimentWrite = "accompaniment:write";

    /// <summary>
    /// Projects' scope of the project carriers, who accept or decline a plan. Declared by Projects, so not in
    /// <see cref="All"/>: the handler also checks that the caller is on the project's team.
    /// </summary>
    public const string ProjectsCarry = "projects:carry";

    /// <summary>Add, change and remove resources of the bank (reading them needs <see cref="AccompanimentRead"/>).</summary>
    public const string ResourcesWrite = "resources:write";

    public static readonly IReadOnlyList<string> All = [AccompanimentRead, AccompanimentWrite, ResourcesWrite];
}
