using System.Security.Claims;
using System.Text.Encodings.Web;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Innovation.Api.Auth;

/// <summary>Authenticates <c>X-Api-Key</c> against the hashed keys; a revoked key fails at once.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Db db, ApiKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    internal const string FindKeySql = """
        SELECT id AS Id, name AS Name, academie AS Academie, departement AS Departement, scopes AS Scopes
        FROM host.api_key
        WHERE key_hash = CAST(@Hash AS VARCHAR(8000)) AND revoked_at IS NULL
        """;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var secret = values.ToString();
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > ApiKeySecret.MaxSecretLength)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed API key."));
        }

        // A remembered key answers with its remembered result: nothing is allocated.
        Span<char> hash = stackalloc char[ApiKeySecret.HashLength];
        ApiKeySecret.Hash(secret, hash);
        return cache.TryGet(hash, out var remembered) ? remembered : FindAsync(hash.ToString());
    }

    private async Task<AuthenticateResult> FindAsync(string hash)
    {
        var found = await db.ReadAsync(
            c => c.QuerySingleOrDefaultAsync<StoredKey>(FindKeySql, new { Hash = hash }),
            Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var scopes = found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (await CredentialClaims.RefusalAsync(Context.RequestServices, found.Academie, scopes, Context.RequestAborted) is { } refusal)
        {
            return AuthenticateResult.Fail(refusal);
        }

        var result = AuthenticateResult.Success(new AuthenticationTicket(PrincipalOf(found), SchemeName));
        cache.Remember(hash, found.Id, Task.FromResult(result));
        return result;
    }

    /// <summary>The key's claims: its id, name, académie (none for a national key), département (when limited to one) and scopes.</summary>
    internal static CallerPrincipal PrincipalOf(StoredKey key)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"key:{key.Id}"),
            new(ClaimTypes.Name, key.Name),
        };
        if (key.Academie is not null)
        {
            claims.Add(new Claim(InnovationClaims.Academie, key.Academie));
        }

        if (key.Departement is not null)
        {
            claims.Add(new Claim(InnovationClaims.Departement, key.Departement));
        }

        claims.AddRange(key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(InnovationClaims.Scope, s)));
        return new CallerPrincipal(new ClaimsIdentity(claims, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The body is written by the status-code problem writer, like every other 401.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\", Bearer";
        return Task.CompletedTask;
    }

    internal sealed class StoredKey
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Academie { get; init; }
        public string? Departement { get; init; }
        public string Scopes { get; init; } = "";
    }
}
