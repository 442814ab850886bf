namespace Innovation.BuildingBlocks.Security;

/// <summary>The scopes a credential can carry. Each endpoint requires exactly one.</summary>
public static class Scopes
{
    public const string SchoolsRead = "schools:read";
    public const string SchoolsWrite = "schools:write";
    public const string ImportsWrite = "imports:write";
    public const string EventsRead = "events:read";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [SchoolsRead, SchoolsWrite, ImportsWrite, EventsRead, Admin];
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
}
