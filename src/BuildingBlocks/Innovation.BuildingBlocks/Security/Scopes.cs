namespace Innovation.BuildingBlocks.Security;

/// <summary>
/// The platform's scopes: those of the endpoints the building blocks and the host own. Each module
/// declares its own in its root namespace and hands them to <see cref="ModuleRegistration.AddModuleParts"/>;
/// every endpoint requires exactly one scope.
/// </summary>
public static class Scopes
{
    /// <summary>Bulk imports, whichever module's data they load.</summary>
    public const string ImportsWrite = "imports:write";

    /// <summary>The public event feed.</summary>
    public const string EventsRead = "events:read";

    /// <summary>The audit trail of every module (GET /audit): who changed what, with the values before and after.</summary>
    public const string AuditRead = "audit:read";

    /// <summary>API keys and parked events.</summary>
    public const string Admin = "admin";

    /// <summary>Webhook subscriptions of the caller's académie: they push the event feed, so they read what <c>events:read</c> reads.</summary>
    public const string WebhooksAdmin = "webhooks:admin";

    public static readonly IReadOnlyList<string> Platform = [ImportsWrite, EventsRead, AuditRead, Admin, WebhooksAdmin];
}

/// <summary>The scopes one module (or the host) declared: together they are every scope a credential can carry.</summary>
public sealed record ModuleScopes(string Owner, IReadOnlyList<string> Names);

/// <summary>Claim types shared by API keys and JWTs.</summary>
public static class InnovationClaims
{
    /// <summary>The caller's académie code; absent on a national credential.</summary>
    public const string Academie = "academie";

    /// <summary>One claim per scope (a JWT may also carry them space-separated).</summary>
    public const string Scope = "scope";

    /// <summary>Value of the <c>academie</c> claim that marks a national JWT.</summary>
    public const string National = "*";

    /// <summary>
    /// The département (3-character code) a credential of an académie is limited to; absent when it is not. Checked against
    /// the académie when the key is created or the token is read, so a caller carries it only in its canonical form.
    /// </summary>
    public const string Departement = "departement";

    /// <summary>The caller's professional e-mail (JWT only): how a carrier is recognised on a project.</summary>
    public const string Email = "email";
}
