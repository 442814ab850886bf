namespace Innovation.Modules.Projects;

/// <summary>
/// The scopes of the Projects endpoints. In the module's root namespace, so its features find these
/// before the platform's <c>Innovation.BuildingBlocks.Security.Scopes</c>.
/// </summary>
internal static class Scopes
{
    /// <summary>Read the projects of the caller's académie.</summary>
    public const string ProjectsRead = "projects:read";

    /// <summary>Create and edit any project of the caller's académie (académie-level staff).</summary>
    public const string ProjectsWrite = "projects:write";

    /// <summary>Validate, reject or return submitted projects (the innovation cell).</summary>
    public const string ProjectsValidate = "projects:validate";

    /// <summary>Act as a project carrier: create drafts naming yourself, edit the projects you carry.</summary>
    public const string ProjectsCarry = "projects:carry";

    public static readonly IReadOnlyList<string> All = [ProjectsRead, ProjectsWrite, ProjectsValidate, ProjectsCarry];
}
