using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Innovation.BuildingBlocks.Data;

namespace Innovation.BuildingBlocks.Messaging;

/// <summary>
/// Makes a subscriber's work happen once per event: the event id is recorded in the consumer's
/// own inbox in the same transaction as the work, so a redelivery finds it and does nothing.
/// </summary>
public static class Inbox
{
    internal const string ClaimSql = """
        INSERT INTO {schema}.inbox_message (event_id, handler, processed_at)
        SELECT @EventId, @Handler, @ProcessedAt
        WHERE NOT EXISTS (SELECT 1 FROM {schema}.inbox_message WHERE event_id = @EventId AND handler = @Handler)
        """;

    private static readonly ConcurrentDictionary<string, string> SqlBySchema = new();

    /// <returns>False when this handler had already processed the event.</returns>
    public static Task<bool> ProcessOnceAsync(
        this Db db,
        string schema,
        string handler,
        Guid eventId,
        DateTimeOffset now,
        Func<DbConnection, DbTransaction, Task> work,
        CancellationToken cancellationToken) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var sql = SqlBySchema.GetOrAdd(schema, s => ClaimSql.Replace("{schema}", s));
            var claimed = await connection.ExecuteAsync(sql, new { EventId = eventId, Handler = handler, ProcessedAt = now }, transaction);
            if (claimed == 0)
            {
                return false;
            }

            await work(connection, transaction);
            return true;
        }, cancellationToken);
}
