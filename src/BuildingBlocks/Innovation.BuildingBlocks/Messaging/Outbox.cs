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

    private static readonly ConcurrentDictionary<string, BulkStatement<Message>> BulkBySchema = new();

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

    /// <summary>Many events through one <see cref="BulkStatement{TRow}"/> (bulk imports).</summary>
    public static Task EnqueueManyAsync(
        DbConnection connection, DbTransaction transaction, string schema, IEnumerable<IIntegrationEvent> payloads, DateTimeOffset occurredAt)
    {
        Db.MarkEventsEnqueued();
        return BulkInsert(schema).ExecuteAsync(connection, transaction, payloads.Select(p => Message.Of(p, occurredAt)));
    }

    /// <summary>The bulk form of <see cref="EnqueueSql"/> for one schema's outbox.</summary>
    internal static BulkStatement<Message> BulkInsert(string schema) =>
        BulkBySchema.GetOrAdd(schema, s => new BulkStatement<Message>(
            SqlBySchema.GetOrAdd(s, _ => EnqueueSql.Replace("{schema}", s)),
            ("EventId", m => m.EventId),
            ("Type", m => m.Type),
            ("AggregateKey", m => m.AggregateKey),
            ("Academie", m => m.Academie),
            ("Payload", m => m.Payload),
            ("OccurredAt", m => m.OccurredAt)));

    private static object Row(IIntegrationEvent payload, DateTimeOffset occurredAt)
    {
        var message = Message.Of(payload, occurredAt);
        return new { message.EventId, message.Type, message.AggregateKey, message.Academie, message.Payload, message.OccurredAt };
    }

    /// <summary>One outbox row, as <see cref="EnqueueSql"/> takes it.</summary>
    internal readonly record struct Message(Guid EventId, string Type, string AggregateKey, string Academie, string Payload, DateTimeOffset OccurredAt)
    {
        public static Message Of(IIntegrationEvent payload, DateTimeOffset occurredAt) => new(
            Guid.CreateVersion7(occurredAt),
            payload.GetType().Name,
            payload.AggregateKey,
            payload.Academie,
            JsonSerializer.Serialize(payload, payload.GetType(), PayloadJson),
            occurredAt);
    }
}
