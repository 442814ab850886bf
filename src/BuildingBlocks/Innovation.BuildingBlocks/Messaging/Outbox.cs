using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using Innovation.BuildingBlocks.Data;

namespace Innovation.BuildingBlocks.Messaging;

/// <summary>Writes integration events into the producing module's outbox, inside its transaction.</summary>
public static class Outbox
{
    internal const string EnqueueSql = """
        INSERT INTO {schema}.outbox_message (event_id, type, aggregate_key, academie, payload, occurred_at, attempts)
        VALUES (@EventId, @Type, @AggregateKey, @Academie, @Payload, @OccurredAt, 0)
        """;

    private static readonly ConcurrentDictionary<string, string> SqlBySchema = new();

    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Task EnqueueAsync(
        DbConnection connection, DbTransaction transaction, string schema, IIntegrationEvent payload, DateTimeOffset occurredAt)
    {
        Db.MarkEventsEnqueued();
        return connection.ExecuteAsync(SqlBySchema.GetOrAdd(schema, s => EnqueueSql.Replace("{schema}", s)), Row(payload, occurredAt), transaction);
    }

    /// <summary>Many events in one round of prepared inserts (bulk imports).</summary>
    public static Task EnqueueManyAsync(
        DbConnection connection, DbTransaction transaction, string schema, IEnumerable<IIntegrationEvent> payloads, DateTimeOffset occurredAt)
    {
        Db.MarkEventsEnqueued();
        return connection.ExecuteAsync(
            SqlBySchema.GetOrAdd(schema, s => EnqueueSql.Replace("{schema}", s)),
            payloads.Select(p => Row(p, occurredAt)),
            transaction);
    }

    private static object Row(IIntegrationEvent payload, DateTimeOffset occurredAt) => new
    {
        EventId = Guid.CreateVersion7(occurredAt),
        Type = payload.GetType().Name,
        payload.AggregateKey,
        payload.Academie,
        Payload = JsonSerializer.Serialize(payload, payload.GetType(), PayloadJson),
        OccurredAt = occurredAt,
    };
}
