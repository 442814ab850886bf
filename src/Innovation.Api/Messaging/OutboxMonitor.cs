using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Messaging;

namespace Innovation.Api.Messaging;

/// <summary>What administrators and the readiness check see of the outboxes: lag and parked events.</summary>
public sealed class OutboxMonitor(Db db, OutboxSignal signal)
{
    internal const string OldestPendingSql = """
        SELECT MIN(occurred_at) FROM {schema}.outbox_message WHERE processed_at IS NULL AND parked_at IS NULL
        """;

    internal const string LastProgressSql = "SELECT last_progress_at FROM host.dispatcher_lease WHERE name = 'outbox'";

    internal const string ParkedCountSql = """
        SELECT COUNT(*) FROM {schema}.outbox_message WHERE processed_at IS NULL AND parked_at IS NOT NULL
        """;

    internal const string ParkedSql = """
        SELECT event_id AS Id, type AS Type, aggregate_key AS AggregateKey, academie AS Academie, attempts AS Attempts,
               last_error AS LastError, occurred_at AS OccurredAt, parked_at AS ParkedAt
        FROM {schema}.outbox_message
        WHERE processed_at IS NULL AND parked_at IS NOT NULL
        ORDER BY sequence
        """;

    internal const string RetrySql = """
        UPDATE {schema}.outbox_message SET parked_at = NULL, next_attempt_at = NULL, attempts = 0
        WHERE event_id = @Id AND processed_at IS NULL AND parked_at IS NOT NULL
        """;

    /// <summary>The oldest undelivered event, the last time the dispatcher delivered anything, and the parked count.</summary>
    public async Task<(DateTimeOffset? OldestPending, DateTimeOffset? LastProgress, int Parked)> StatusAsync(CancellationToken cancellationToken) =>
        await db.ReadAsync(async c =>
        {
            DateTimeOffset? oldest = null;
            var parked = 0;
            var lastProgress = await c.ExecuteScalarAsync<DateTimeOffset?>(LastProgressSql);
            foreach (var schema in db.Schemas)
            {
                var at = await c.ExecuteScalarAsync<DateTimeOffset?>(OldestPendingSql.Replace("{schema}", schema));
                if (at is not null && (oldest is null || at < oldest))
                {
                    oldest = at;
                }

                parked += await c.ExecuteScalarAsync<int>(ParkedCountSql.Replace("{schema}", schema));
            }

            return (oldest, lastProgress, parked);
        }, cancellationToken);

    public async Task<IReadOnlyList<ParkedEvent>> ParkedAsync(CancellationToken cancellationToken) =>
        await db.ReadAsync(async c =>
        {
            var all = new List<ParkedEvent>();
            foreach (var schema in db.Schemas)
            {
                var rows = await c.QueryAsync<ParkedEvent>(ParkedSql.Replace("{schema}", schema));
                all.AddRange(rows.Select(r => r with { Module = schema }));
            }

            return all;
        }, cancellationToken);

    /// <returns>False when no parked event has this id.</returns>
    public async Task<bool> RetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var requeued = await db.WriteAsync(async (c, t) =>
        {
            var count = 0;
            foreach (var schema in db.Schemas)
            {
                count += await c.ExecuteAsync(RetrySql.Replace("{schema}", schema), new { Id = id }, t);
            }

            return count;
        }, cancellationToken);
        signal.Notify();
        return requeued > 0;
    }
}

/// <summary>An event whose delivery failed too often; it waits for an administrator.</summary>
/// <param name="Id">The event id (the feed's <c>id</c>).</param>
/// <param name="Module">The module whose outbox holds it.</param>
/// <param name="Type">The event name.</param>
/// <param name="AggregateKey">Later events of this aggregate wait behind it.</param>
/// <param name="Academie">The académie of the event.</param>
/// <param name="Attempts">Deliveries tried.</param>
/// <param name="LastError">The last failure, as the subscriber reported it.</param>
/// <param name="OccurredAt">When the change was committed.</param>
/// <param name="ParkedAt">When the dispatcher gave up retrying.</param>
public sealed record ParkedEvent(
    Guid Id, string Module, string Type, string AggregateKey, string Academie, int Attempts, string? LastError,
    DateTimeOffset OccurredAt, DateTimeOffset ParkedAt)
{
    // Dapper materialises through this constructor's shape via properties.
    public ParkedEvent() : this(Guid.Empty, "", "", "", "", 0, null, default, default)
    {
    }
}
