using System.Diagnostics;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Messaging;
using Innovation.BuildingBlocks.Telemetry;
using MediatR;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Innovation.Api.Messaging;

/// <summary>
/// Delivers every module's outbox, in order per aggregate, a batch at a time: first to the public
/// event feed (one transaction per batch), then to the subscribers (MediatR notifications, each
/// subscriber's inbox making a redelivery harmless), then marks the batch processed. One instance at a time
/// holds the dispatch lease, so feed positions are appended in a single sequence even when several
/// API instances share a database. A failing event is retried with backoff, and parked after
/// <see cref="MessagingOptions.MaxAttempts"/> deliveries: it then holds back later events of the
/// same aggregate until an administrator retries it. Nothing is ever dropped.
/// </summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    Db db,
    OutboxSignal signal,
    IntegrationEventTypes eventTypes,
    TimeProvider time,
    IOptions<MessagingOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    internal const string PendingSql = """
        SELECT sequence AS Sequence, event_id AS EventId, type AS Type, aggregate_key AS AggregateKey,
               academie AS Academie, payload AS Payload, occurred_at AS OccurredAt, attempts AS Attempts
        FROM {schema}.outbox_message
        WHERE processed_at IS NULL AND parked_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= @Now)
        ORDER BY sequence
        {{limit @Limit}}
        """;

    internal const string HeldAggregatesSql = """
        SELECT DISTINCT aggregate_key FROM {schema}.outbox_message
        WHERE processed_at IS NULL AND (parked_at IS NOT NULL OR next_attempt_at > @Now)
        """;

    internal const string AppendToFeedSql = """
        INSERT INTO host.event_feed (event_id, type, aggregate_key, academie, payload, occurred_at)
        SELECT @EventId, @Type, @AggregateKey, @Academie, @Payload, @OccurredAt
        WHERE NOT EXISTS (SELECT 1 FROM host.event_feed WHERE event_id = @EventId)
        """;

    internal const string MarkProcessedSql = """
        UPDATE {schema}.outbox_message SET processed_at = @Now, last_error = NULL WHERE sequence IN @Sequences
        """;

    internal const string ProgressSql = "UPDATE host.dispatcher_lease SET last_progress_at = @Now WHERE name = 'outbox'";

    internal const string MarkFailedSql = """
        UPDATE {schema}.outbox_message
        SET attempts = @Attempts, next_attempt_at = @NextAttemptAt, parked_at = @ParkedAt, last_error = @Error
        WHERE sequence = @Sequence
        """;

    private readonly MessagingOptions _options = options.Value;
    private readonly DispatcherLease _lease = new(db, time, "outbox", options.Value.LeaseDuration, logger);

    // Short in-process retries first (a locked database, a busy subscriber); the persisted attempt
    // counter and backoff take over when those are not enough.
    private readonly ResiliencePipeline _delivery = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(50),
        })
        .Build();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _lease.RunThenReleaseAsync(() => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                if (await _lease.HoldAsync(stoppingToken))
                {
                    delivered = await DispatchOnceAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Outbox dispatch pass failed; it will run again.");
            }

            if (delivered == 0)
            {
                try
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <returns>How many events were delivered in this pass.</returns>
    internal async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var schema in db.Schemas)
        {
            var now = time.GetUtcNow();
            var (pending, held) = await db.ReadAsync(async c =>
            {
                var rows = await c.QueryAsync<OutboxRow>(
                    db.Sql(PendingSql.Replace("{schema}", schema)), new { Now = now, Limit = _options.BatchSize });
                var heldKeys = await c.QueryAsync<string>(HeldAggregatesSql.Replace("{schema}", schema), new { Now = now });
                return (rows.ToList(), heldKeys.ToHashSet(StringComparer.Ordinal));
            }, cancellationToken);

            var deliverable = pending.Where(r => !held.Contains(r.AggregateKey)).ToList();
            if (deliverable.Count == 0)
            {
                continue;
            }

            // The feed records what was committed, whatever the subscribers do with it: one
            // transaction appends the whole batch (idempotently, so a redelivery adds nothing).
            await db.WriteAsync((c, t) => c.ExecuteAsync(AppendToFeedSql, deliverable, t), cancellationToken);

            var processed = new List<long>(deliverable.Count);
            foreach (var row in deliverable)
            {
                if (held.Contains(row.AggregateKey))
                {
                    continue;
                }

                if (await DeliverAsync(schema, row, cancellationToken))
                {
                    processed.Add(row.Sequence);
                }
                else
                {
                    // Later events of this aggregate wait until this one is delivered.
                    held.Add(row.AggregateKey);
                }
            }

            if (processed.Count > 0)
            {
                await db.WriteAsync(async (c, t) =>
                {
                    var now = time.GetUtcNow();
                    await c.ExecuteAsync(MarkProcessedSql.Replace("{schema}", schema), new { Now = now, Sequences = processed }, t);
                    await c.ExecuteAsync(ProgressSql, new { Now = now }, t);
                }, cancellationToken);
                delivered += processed.Count;
            }
        }

        return delivered;
    }

    /// <returns>False when a subscriber failed (the failure is recorded for a later retry).</returns>
    private async Task<bool> DeliverAsync(string schema, OutboxRow row, CancellationToken cancellationToken)
    {
        using var span = StartDeliverySpan(schema, row);
        try
        {
            await _delivery.ExecuteAsync(ct => new ValueTask(PublishAsync(row, ct)), cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            ApiTelemetry.Failed(span, exception);
            await RecordFailureAsync(schema, row, exception, cancellationToken);
            return false;
        }
    }

    /// <summary>The span of one event's delivery to its subscribers (their SQL inside it); null while nobody listens.</summary>
    private static Activity? StartDeliverySpan(string schema, OutboxRow row)
    {
        if (!ApiTelemetry.Source.HasListeners())
        {
            return null;
        }

        var span = ApiTelemetry.Source.StartActivity($"deliver {row.Type}", ActivityKind.Consumer);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.operation.type", "process");
            span.SetTag("messaging.message.id", row.EventId.ToString());
            span.SetTag("innovation.event.type", row.Type);
            span.SetTag("innovation.outbox.module", schema);
            span.SetTag("innovation.outbox.sequence", row.Sequence);
            span.SetTag("innovation.outbox.attempt", row.Attempts + 1);
        }

        return span;
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var payloadType = eventTypes.Find(row.Type)
            ?? throw new InvalidOperationException($"No integration event type is named '{row.Type}'.");
        var payload = Outbox.ReadPayload(row.Payload, payloadType);
        var notification = Activator.CreateInstance(
            typeof(IntegrationEvent<>).MakeGenericType(payloadType), row.EventId, row.OccurredAt, payload)!;

        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await (Task)PublishMethod.MakeGenericMethod(notification.GetType())
            .Invoke(null, [mediator, notification, cancellationToken])!;
    }

    private static readonly System.Reflection.MethodInfo PublishMethod =
        typeof(OutboxDispatcher).GetMethod(nameof(PublishTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static Task PublishTyped<TNotification>(IMediator mediator, TNotification notification, CancellationToken cancellationToken)
        where TNotification : INotification =>
        mediator.Publish(notification, cancellationToken);

    private async Task RecordFailureAsync(string schema, OutboxRow row, Exception exception, CancellationToken cancellationToken)
    {
        var attempts = row.Attempts + 1;
        var now = time.GetUtcNow();
        var park = attempts >= _options.MaxAttempts;
        var delay = TimeSpan.FromTicks(Math.Min(
            _options.RetryMaxDelay.Ticks,
            _options.RetryBaseDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
        delay += TimeSpan.FromTicks((long)(delay.Ticks * 0.2 * Random.Shared.NextDouble()));
        logger.Log(park ? LogLevel.Error : LogLevel.Warning, exception,
            "Delivery of {Type} {EventId} failed (attempt {Attempts}); {Outcome}.",
            row.Type, row.EventId, attempts, park ? "parked for an administrator" : $"retrying in {delay}");
        await db.WriteAsync((c, t) => c.ExecuteAsync(MarkFailedSql.Replace("{schema}", schema), new
        {
            Attempts = attempts,
            NextAttemptAt = park ? (DateTimeOffset?)null : now + delay,
            ParkedAt = park ? now : (DateTimeOffset?)null,
            Error = Truncate($"{exception.GetType().Name}: {exception.Message}", 2000),
            row.Sequence,
        }, t), cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    internal sealed class OutboxRow
    {
        public long Sequence { get; init; }
        public Guid EventId { get; init; }
        public string Type { get; init; } = "";
        public string AggregateKey { get; init; } = "";
        public string Academie { get; init; } = "";
        public string Payload { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public int Attempts { get; init; }
    }
}
