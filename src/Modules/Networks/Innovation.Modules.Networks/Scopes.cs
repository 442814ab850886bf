namespace Innovation.Modules.Networks;

/// <summary>
/// The scopes of the Networks endpoints. In the module's root namespace, so its features find these
/// before the platform's <c>Innovation.BuildingBlocks.Security.Scopes</c>.
/// </summary>
internal static class Scopes
{
    /// <summary>Read and list schools.</summary>
    public const string SchoolsRead = "schools:read";

    /// <summary>Register and update schools.</summary>
    public const string SchoolsWrite = "schools:write";

    /// <summary>Read networks, their members, plans and events.</summary>
    public const string NetworksRead = "networks:read";

    /// <summary>Create and edit networks, memberships, plans and events.</summary>
    public const string NetworksWrite = "networks:write";

    /// <summary>Read the people directory (names and professional e-mails).</summary>
    public const string PeopleRead = "people:read";

    /// <summary>Register, edit and erase people.</summary>
    public const string PeopleWrite = "people:write";

    public static readonly IReadOnlyList<string> All = [SchoolsRead, SchoolsWrite, NetworksRead, NetworksWrite, PeopleRead, PeopleWrite];
}
