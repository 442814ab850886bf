using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dapper;
using Innovation.Abstractions;
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

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
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
        DbConnection connection, DbTransaction transaction, string schema, IEnumerable<IIntegrationEvent> payloads, DateTimeOffset occurredAt) =>
        EnqueueManyAsync(connection, transaction, schema, payloads.Select(Prepare), occurredAt);

    /// <summary>Many events already serialized by <see cref="Prepare"/>, through one <see cref="BulkStatement{TRow}"/> (bulk imports).</summary>
    public static Task EnqueueManyAsync(
        DbConnection connection, DbTransaction transaction, string schema, IEnumerable<OutboxPayload> payloads, DateTimeOffset occurredAt)
    {
        Db.MarkEventsEnqueued();
        return BulkInsert(schema).ExecuteAsync(connection, transaction, payloads.Select(p => new Message(SortableId.New(occurredAt), p,
            occurredAt)));
    }

    /// <summary>
    /// Serializes an event ahead of its write: a bulk import prepares the events of a batch while the
    /// previous batch is being written (ADR 0010). The bytes are those <see cref="EnqueueAsync"/> stores.
    /// </summary>
    public static OutboxPayload Prepare(IIntegrationEvent payload) => new(
        payload.GetType().Name, payload.AggregateKey, payload.Academie, JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), PayloadJson));

    /// <summary>
    /// <see cref="Prepare(IIntegrationEvent)"/> with the event's serializer generated at build time
    /// (a <c>JsonSerializerContext</c> of the module, with the outbox's options): for the events a bulk
    /// import writes once per row.
    /// </summary>
    public static OutboxPayload Prepare<TEvent>(TEvent payload, JsonTypeInfo<TEvent> json)
        where TEvent : IIntegrationEvent => new(
        payload.GetType().Name, payload.AggregateKey, payload.Academie, JsonSerializer.SerializeToUtf8Bytes(payload, json));

    /// <summary>An outbox row's payload read back as its event (by the dispatcher).</summary>
    public static object ReadPayload(string json, Type payloadType) => JsonSerializer.Deserialize(json, payloadType, PayloadJson)!;

    /// <summary>The bulk form of <see cref="EnqueueSql"/> for one schema's outbox.</summary>
    internal static BulkStatement<Message> BulkInsert(string schema) =>
        BulkBySchema.GetOrAdd(schema, s => new BulkStatement<Message>(
            SqlBySchema.GetOrAdd(s, _ => EnqueueSql.Replace("{schema}", s)),
            ("EventId", m => m.EventId),
            ("Type", m => m.Payload.Type),
            ("AggregateKey", m => m.Payload.AggregateKey),
            ("Academie", m => m.Payload.Academie),
            ("Payload", m => DbValue.Utf8Text(m.Payload.Json)),
            ("OccurredAt", m => m.OccurredAt)));

    private static object Row(IIntegrationEvent payload, DateTimeOffset occurredAt) => new
    {
        EventId = SortableId.New(occurredAt),
        Type = payload.GetType().Name,
        payload.AggregateKey,
        payload.Academie,
        Payload = JsonSerializer.Serialize(payload, payload.GetType(), PayloadJson),
        OccurredAt = occurredAt,
    };

    /// <summary>One outbox row, as <see cref="EnqueueSql"/> takes it.</summary>
    internal readonly record struct Message(Guid EventId, OutboxPayload Payload, DateTimeOffset OccurredAt);
}

/// <summary>An integration event serialized for the outbox (UTF-8 JSON), with what its row records beside it.</summary>
public sealed record OutboxPayload(string Type, string AggregateKey, string Academie, byte[] Json);
