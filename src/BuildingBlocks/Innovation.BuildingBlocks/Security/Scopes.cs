namespace Innovation.BuildingBlocks.Security;

/// <summary>The scopes a credential can carry. Each endpoint requires exactly one.</summary>
public static class Scopes
{
    public const string SchoolsRead = "schools:read";
    public const string SchoolsWrite = "schools:write";
    public const string ImportsWrite = "imports:write";
    public const string EventsRead = "events:read";
    public const string Admin = "admin";

    /// <summary>Read the projects of the caller's académie.</summary>
    public const string ProjectsRead = "projects:read";

    /// <summary>Create and edit any project of the caller's académie (académie-level staff).</summary>
    public const string ProjectsWrite = "projects:write";

    /// <summary>Validate, reject or return submitted projects (the innovation cell).</summary>
    public const string ProjectsValidate = "projects:validate";

    /// <summary>Act as a project carrier: create drafts naming yourself, edit the projects you carry.</summary>
    public const string ProjectsCarry = "projects:carry";

    /// <summary>Read networks, their members, plans and events.</summary>
    public const string NetworksRead = "networks:read";

    /// <summary>Create and edit networks, memberships, plans and events.</summary>
    public const string NetworksWrite = "networks:write";

    /// <summary>Read the people directory (names and professional e-mails).</summary>
    public const string PeopleRead = "people:read";

    /// <summary>Register, edit and erase people.</summary>
    public const string PeopleWrite = "people:write";

    public static readonly IReadOnlyList<string> All =
    [
        SchoolsRead, SchoolsWrite, ImportsWrite, EventsRead, Admin,
        ProjectsRead, ProjectsWrite, ProjectsValidate, ProjectsCarry,
        NetworksRead, NetworksWrite, PeopleRead, PeopleWrite,
    ];
}

/// <summary>Claim types shared by API keys and JWTs.</summary>
public static class InnovationClaims
{
    /// <summary>The caller's académie code; absent on a national credential.</summary>
    public const string Academie = "academie";

    /// <summary>One claim per scope (a JWT may also carry them space-separated).</summary>
    public const string Scope = "scope";

    /// <summary>Value of the <c>academie</c> claim that marks a national JWT.</summary>
    public const string National = "*";

    /// <summary>The caller's professional e-mail (JWT only): how a carrier is recognised on a project.</summary>
    public const string Email = "email";
}
