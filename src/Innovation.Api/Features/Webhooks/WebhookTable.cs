using System.Data.Common;
using System.Text.Json.Serialization;
using Dapper;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;

namespace Innovation.Api.Features.Webhooks;

/// <summary>A webhook subscription as administrators see it: never its secret.</summary>
/// <param name="Id" example="01968f2a-3c4b-7d5e-8f90-a1b2c3d4e5f6">Subscription id.</param>
/// <param name="Academie" example="25">The académie whose events are delivered; null for every académie (national subscription).</param>
/// <param name="Url" example="https://sync.ac-versailles.fr/innovation/webhooks">Where events are POSTed.</param>
/// <param name="EventTypes">Event types delivered, e.g. <c>SchoolRegistered</c>; null for every type.</param>
/// <param name="Description" example="Rectorate directory sync">What the subscription is for.</param>
/// <param name="Enabled">False once disabled by an administrator or after too many consecutive failures; delivery then waits.</param>
/// <param name="DisabledReason">Why the subscription was disabled; null while enabled.</param>
/// <param name="DisabledAt">When it was disabled; null while enabled.</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last success (the next event waits for its delivery).</param>
/// <param name="NextAttemptAt">When the failed delivery is tried again; null when not waiting.</param>
/// <param name="PreviousSecretExpiresAt">After a secret rotation, until when deliveries are also signed with the previous secret.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="UpdatedAt">When it last changed.</param>
internal record Webhook(
    Guid Id, string? Academie, string Url, IReadOnlyList<string>? EventTypes, string? Description, bool Enabled, string? DisabledReason,
    DateTimeOffset? DisabledAt, int ConsecutiveFailures, DateTimeOffset? NextAttemptAt, DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The version the ETag names (a header, not a member of the body).</summary>
    [JsonIgnore]
    public int Version { get; init; }
}

/// <summary>The subscription's rows and statements.</summary>
internal static class WebhookTable
{
    public const string DisabledByAdministrator = "Disabled by an administrator.";

    internal const string Columns = """
        id AS Id, academie AS Academie, url AS Url, event_types AS EventTypes, description AS Description, secret AS Secret,
        previous_secret AS PreviousSecret, previous_secret_expires_at AS PreviousSecretExpiresAt, enabled AS Enabled,
        disabled_at AS DisabledAt, disabled_reason AS DisabledReason, position AS Position, consecutive_failures AS ConsecutiveFailures,
        next_attempt_at AS NextAttemptAt, version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    internal const string FindSql = $"""
        SELECT {Columns}
        FROM host.webhook_subscription
        WHERE id = @Id AND (@Academie IS NULL OR academie = @Academie)
        """;

    internal const string InsertSql = """
        INSERT INTO host.webhook_subscription (id, academie, url, event_types, description, secret, previous_secret, previous_secret_expires_at,
            enabled, disabled_at, disabled_reason, position, consecutive_failures, next_attempt_at, version, created_at, updated_at)
        SELECT @Id, @Academie, @Url, @EventTypes, @Description, @Secret, NULL, NULL, @Enabled, @DisabledAt, @DisabledReason,
            COALESCE(MAX(position), 0), 0, NULL, 1, @CreatedAt, @UpdatedAt
        FROM host.event_feed
        """;

    internal const string UpdateSql = """
        UPDATE host.webhook_subscription
        SET url = @Url, event_types = @EventTypes, description = @Description, enabled = @Enabled, disabled_at = @DisabledAt,
            disabled_reason = @DisabledReason, consecutive_failures = @ConsecutiveFailures, next_attempt_at = @NextAttemptAt,
            secret = @Secret, previous_secret = @PreviousSecret, previous_secret_expires_at = @PreviousSecretExpiresAt,
            version = version + 1, updated_at = @UpdatedAt
        WHERE id = @Id AND version = @Version
        """;

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public string? Academie { get; init; }
        public string Url { get; set; } = "";
        public string? EventTypes { get; set; }
        public string? Description { get; set; }
        public string Secret { get; set; } = "";
        public string? PreviousSecret { get; set; }
        public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
        public bool Enabled { get; set; }
        public DateTimeOffset? DisabledAt { get; set; }
        public string? DisabledReason { get; set; }
        public long Position { get; init; }
        public int ConsecutiveFailures { get; set; }
        public DateTimeOffset? NextAttemptAt { get; set; }
        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; set; }

        /// <summary>The event types delivered, or null for all.</summary>
        public IReadOnlyList<string>? Types => EventTypes?.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        /// <summary>The secrets that sign a delivery at <paramref name="now"/>: the current one, and the previous one during its grace.</summary>
        public IEnumerable<string> SigningSecrets(DateTimeOffset now) =>
            PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];

        public Webhook ToWebhook() => new(Id, Academie, Url, Types, Description, Enabled, DisabledReason, DisabledAt, ConsecutiveFailures,
            NextAttemptAt, PreviousSecret is null ? null : PreviousSecretExpiresAt, CreatedAt, UpdatedAt)
        {
            Version = Version,
        };
    }

    /// <summary>The caller's subscription <paramref name="id"/>: one of another académie is a 404.</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection connection, Guid id, Caller caller, DbTransaction? transaction = null) =>
        await connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id, caller.Academie }, transaction)
            ?? throw ProblemException.NotFound("webhook", id.ToString());

    /// <summary>Writes <paramref name="row"/> over version <c>row.Version</c>; false when another write got there first.</summary>
    public static async Task<bool> UpdateAsync(DbConnection connection, DbTransaction transaction, Row row, DateTimeOffset now)
    {
        row.UpdatedAt = now;
        var updated = await connection.ExecuteAsync(UpdateSql, row, transaction) == 1;
        row.Version++;
        return updated;
    }
}
