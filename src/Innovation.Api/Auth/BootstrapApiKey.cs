using Dapper;
using Innovation.BuildingBlocks.Data;

namespace Innovation.Api.Auth;

/// <summary>
/// <c>Auth:BootstrapApiKey</c>: a national administrator key with every scope, for first start and
/// scripting. Outside Development a short or well-known secret stops the start-up.
/// </summary>
internal static class BootstrapApiKey
{
    /// <summary>The Development default documented in the README; never accepted elsewhere.</summary>
    public const string DevelopmentDefault = "dev-national-admin-key";

    private static readonly Guid Id = new("00000000-0000-7000-8000-000000000001");

    internal const string UpsertSql = """
        DELETE FROM host.api_key WHERE id = @Id;
        INSERT INTO host.api_key (id, name, academie, scopes, key_hash, created_at, revoked_at)
        VALUES (@Id, 'bootstrap', NULL, @Scopes, @Hash, @Now, NULL);
        """;

    internal const string RevokeSql = "UPDATE host.api_key SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL";

    public static void Apply(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment)
    {
        var secret = configuration["Auth:BootstrapApiKey"];
        var db = services.GetRequiredService<Db>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var scopes = services.GetRequiredService<KnownScopes>().All;
        if (string.IsNullOrWhiteSpace(secret))
        {
            // Removing the setting removes the key: it must not outlive its configuration.
            db.WriteAsync((c, t) => c.ExecuteAsync(RevokeSql, new { Id, Now = now }, t), CancellationToken.None).GetAwaiter().GetResult();
            return;
        }

        if (!environment.IsDevelopment() && (secret == DevelopmentDefault || secret.Length < 32))
        {
            throw new InvalidOperationException(
                "Auth:BootstrapApiKey must be a secret of at least 32 characters outside Development; refusing to start with a well-known key.");
        }

        try
        {
            db.WriteAsync(
                (c, t) => c.ExecuteAsync(UpsertSql, new { Id, Scopes = string.Join(' ', scopes), Hash = ApiKeySecret.Hash(secret), Now = now }, t),
                CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (TransientFailures.IsUniqueViolation(exception))
        {
            // Another instance starting at the same moment wrote the same key.
        }
    }
}
