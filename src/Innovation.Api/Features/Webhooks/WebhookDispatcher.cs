using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Innovation.Api.Features.Audit;
using Innovation.Api.Features.Events;
using Innovation.Api.Messaging;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Innovation.Api.Features.Webhooks;

/// <summary>
/// Pushes the event feed to the webhook subscriptions. Each subscription goes through the feed on its own, one event at a
/// time in feed order, remembering its position in its row: a failure holds it on that event (retried with exponential
/// backoff, the next attempt's time stored in the row, so a restart keeps the schedule), and too many consecutive failures
/// disable it. Subscriptions are served in parallel up to <see cref="WebhookOptions.MaxConcurrency"/>, each attempt under its
/// own timeout, so a slow receiver holds back only its own subscription; the API's requests never wait for a delivery. One
/// instance at a time delivers (a lease, as for the outbox).
/// </summary>
internal sealed class WebhookDispatcher(
    Db db,
    IHttpClientFactory httpClients,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    IOptions<HttpJsonOptions> json,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "webhooks";

    internal const string DueSql = """
        SELECT s.id FROM host.webhook_subscription s
        WHERE (s.enabled = 1 AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= @Now)
               AND EXISTS (SELECT 1 FROM host.event_feed f WHERE f.position > s.position AND (s.academie IS NULL OR f.academie = s.academie)))
           OR EXISTS (SELECT 1 FROM host.webhook_delivery d WHERE d.subscription_id = s.id AND d.redelivery_requested_at IS NOT NULL)
        """;

    internal const string FindSql = $"SELECT {WebhookTable.Columns} FROM host.webhook_subscription WHERE id = @Id";

    internal const string EventsSql = """
        SELECT position AS Position, event_id AS Id, type AS Type, occurred_at AS OccurredAt, academie AS Academie, payload AS Payload
        FROM host.event_feed
        WHERE position > @Position AND (@Academie IS NULL OR academie = @Academie)
        ORDER BY position
        {{limit @Take}}
        """;

    internal const string RedeliveriesSql = """
        SELECT d.id AS DeliveryId, f.position AS Position, f.event_id AS Id, f.type AS Type, f.occurred_at AS OccurredAt, f.academie AS Academie,
               f.payload AS Payload
        FROM host.webhook_delivery d JOIN host.event_feed f ON f.position = d.event_position
        WHERE d.subscription_id = @Id AND d.redelivery_requested_at IS NOT NULL
        ORDER BY d.sequence
        """;

    internal const string RedeliveredSql = """
        UPDATE host.webhook_delivery SET redelivery_requested_at = NULL WHERE id = @DeliveryId AND redelivery_requested_at IS NOT NULL
        """;

    internal const string AdvanceSql = "UPDATE host.webhook_subscription SET position = @Position WHERE id = @Id AND position < @Position";

    internal const string RecordSql = """
        INSERT INTO host.webhook_delivery (id, subscription_id, event_id, event_type, event_position, attempt, outcome, status_code, duration_ms,
            error, manual, redelivery_requested_at, attempted_at)
        VALUES (@Id, @SubscriptionId, @EventId, @EventType, @EventPosition, @Attempt, @Outcome, @StatusCode, @DurationMs, @Error, @Manual, NULL,
            @AttemptedAt)
        """;

    private readonly WebhookOptions _options = options.Value;
    private readonly DispatcherLease _lease = new(db, time, "webhooks", options.Value.LeaseDuration, logger);
    private readonly Dictionary<Guid, Task> _running = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _lease.RunThenReleaseAsync(() => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var done in _running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                {
                    _running.Remove(done);
                }

                if (_running.Count < _options.MaxConcurrency && await _lease.HoldAsync(stoppingToken))
                {
                    var due = await db.ReadAsync(c => c.QueryAsync<Guid>(DueSql, new { Now = time.GetUtcNow() }), stoppingToken);
                    foreach (var id in due.Where(id => !_running.ContainsKey(id)).Take(_options.MaxConcurrency - _running.Count))
                    {
                        _running[id] = Task.Run(() => ServeAsync(id, stoppingToken), CancellationToken.None);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Webhook delivery pass failed; it will run again.");
            }

            try
            {
                await Task.Delay(_options.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(_running.Values);
    }

    private async Task ServeAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var subscription = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<WebhookTable.Row>(FindSql, new { Id = id }), cancellationToken);
            if (subscription is not null)
            {
                var client = httpClients.CreateClient(ClientName);
                await RedeliverAsync(client, subscription, cancellationToken);
                await DeliverAsync(client, subscription, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Webhook delivery for subscription {Id} failed; it will run again.", id);
        }
    }

    /// <summary>The redeliveries administrators asked for: one attempt each, outside the subscription's own progress.</summary>
    private async Task RedeliverAsync(HttpClient client, WebhookTable.Row subscription, CancellationToken cancellationToken)
    {
        var asked = await db.ReadAsync(c => c.QueryAsync<Redelivery>(RedeliveriesSql, new { subscription.Id }), cancellationToken);
        foreach (var redelivery in asked)
        {
            var attempt = await AttemptAsync(client, subscription, redelivery.Event, cancellationToken);
            await db.WriteAsync(async (c, t) =>
            {
                if (await c.ExecuteAsync(RedeliveredSql, new { redelivery.DeliveryId }, t) == 1)
                {
                    await RecordAsync(c, t, subscription.Id, redelivery.Event, attempt, 1,
                        attempt.Succeeded ? DeliveryOutcome.Delivered : DeliveryOutcome.Failed, manual: true);
                }
            }, cancellationToken);
        }
    }

    /// <summary>The next events of the feed, in order, until one fails or the batch ends.</summary>
    private async Task DeliverAsync(HttpClient client, WebhookTable.Row subscription, CancellationToken cancellationToken)
    {
        if (!subscription.Enabled || subscription.NextAttemptAt > time.GetUtcNow())
        {
            return;
        }

        var events = await db.ReadAsync(c => c.QueryAsync<GetEventFeed.Row>(db.Sql(EventsSql), new
        {
            subscription.Position,
            subscription.Academie,
            Take = _options.BatchSize,
        }), cancellationToken);
        var types = subscription.Types;
        var passed = subscription.Position;
        foreach (var feedEvent in events)
        {
            if (types is not null && !types.Contains(feedEvent.Type, StringComparer.Ordinal))
            {
                passed = feedEvent.Position;
                continue;
            }

            var attempt = await AttemptAsync(client, subscription, feedEvent, cancellationToken);
            var carryOn = await db.WriteAsync((c, t) => attempt.Succeeded
                ? SucceededAsync(c, t, subscription, feedEvent, attempt)
                : FailedAsync(c, t, subscription, feedEvent, attempt, passed), cancellationToken);
            if (!carryOn)
            {
                return;
            }

            passed = feedEvent.Position;
        }

        if (passed > subscription.Position)
        {
            await db.WriteAsync((c, t) => c.ExecuteAsync(AdvanceSql, new { subscription.Id, Position = passed }, t), cancellationToken);
        }
    }

    /// <returns>Whether the next event may go: the subscription still exists, unchanged in what matters for delivery.</returns>
    private async Task<bool> SucceededAsync(
        DbConnection c, DbTransaction t, WebhookTable.Row subscription, GetEventFeed.Row feedEvent, Attempt attempt)
    {
        var current = await c.QuerySingleOrDefaultAsync<WebhookTable.Row>(FindSql, new { subscription.Id }, t);
        if (current is null)
        {
            return false;
        }

        await RecordAsync(c, t, current.Id, feedEvent, attempt, current.ConsecutiveFailures + 1, DeliveryOutcome.Delivered, manual: false);
        await c.ExecuteAsync(AdvanceSql, new { current.Id, feedEvent.Position }, t);
        if (current.ConsecutiveFailures > 0)
        {
            current.ConsecutiveFailures = 0;
            current.NextAttemptAt = null;
            await WebhookTable.UpdateAsync(c, t, current, time.GetUtcNow());
        }

        return current.Enabled && current.Url == subscription.Url;
    }

    private async Task<bool> FailedAsync(
        DbConnection c, DbTransaction t, WebhookTable.Row subscription, GetEventFeed.Row feedEvent, Attempt attempt, long passed)
    {
        var current = await c.QuerySingleOrDefaultAsync<WebhookTable.Row>(FindSql, new { subscription.Id }, t);
        if (current is null)
        {
            return false;
        }

        await c.ExecuteAsync(AdvanceSql, new { current.Id, Position = passed }, t);
        if (!current.Enabled || current.Url != subscription.Url)
        {
            // Disabled or pointed elsewhere meanwhile: the administrator's change stands; the attempt is only logged.
            await RecordAsync(c, t, current.Id, feedEvent, attempt, current.ConsecutiveFailures + 1, DeliveryOutcome.Failed, manual: false);
            return false;
        }

        var now = time.GetUtcNow();
        var before = current.ToWebhook();
        var failures = current.ConsecutiveFailures + 1;
        // 410 Gone is the receiver saying it wants no more (Standard Webhooks): disabled at once.
        var gone = attempt.StatusCode == StatusCodes.Status410Gone;
        var giveUp = gone || failures >= _options.MaxConsecutiveFailures;
        var outcome = giveUp ? DeliveryOutcome.Undelivered : DeliveryOutcome.Failed;
        await RecordAsync(c, t, current.Id, feedEvent, attempt, failures, outcome, manual: false);
        current.ConsecutiveFailures = failures;
        if (giveUp)
        {
            current.Enabled = false;
            current.DisabledAt = now;
            current.DisabledReason = gone
                ? "Disabled: the receiver answered 410 Gone."
                : $"Disabled after {failures} consecutive failed deliveries; the last: {attempt.Error}";
            current.NextAttemptAt = null;
            logger.LogWarning("Webhook subscription {Id} disabled after {Failures} consecutive failures.", current.Id, failures);
        }
        else
        {
            current.NextAttemptAt = now + Backoff(failures);
        }

        if (await WebhookTable.UpdateAsync(c, t, current, now) && giveUp)
        {
            // The API's own decision, not a caller's: audited as the system's. Retries and successes are the delivery log's.
            await HostAudit.WebhookAsync(c, t, AuditEntry.SystemActor, now, "disable", before, current.ToWebhook());
        }

        return false;
    }

    private TimeSpan Backoff(int failures)
    {
        var delay = TimeSpan.FromTicks(Math.Min(
            _options.RetryMaxDelay.Ticks, _options.RetryBaseDelay.Ticks * (1L << Math.Min(failures - 1, 30))));
        return delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.2 * Random.Shared.NextDouble()));
    }

    private static Task RecordAsync(
        DbConnection c, DbTransaction t, Guid subscriptionId, GetEventFeed.Row feedEvent, Attempt attempt, int number, DeliveryOutcome outcome,
        bool manual) =>
        c.ExecuteAsync(RecordSql, new
        {
            Id = SortableId.New(),
            SubscriptionId = subscriptionId,
            EventId = feedEvent.Id,
            EventType = feedEvent.Type,
            EventPosition = feedEvent.Position,
            Attempt = number,
            Outcome = StableCode.Of(outcome),
            attempt.StatusCode,
            attempt.DurationMs,
            Error = attempt.Error is { Length: > 1000 } error ? error[..1000] : attempt.Error,
            Manual = manual,
            attempt.AttemptedAt,
        }, t);

    /// <summary>One POST of the event, as the feed shows it, signed with every secret valid now.</summary>
    private async Task<Attempt> AttemptAsync(HttpClient client, WebhookTable.Row subscription, GetEventFeed.Row feedEvent, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new FeedEvent(feedEvent.Id, feedEvent.Type, feedEvent.OccurredAt, feedEvent.Academie, JsonDocument.Parse(feedEvent.Payload).RootElement),
            json.Value.SerializerOptions);
        var now = time.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var messageId = feedEvent.Id.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Header(subscription.SigningSecrets(now), messageId, timestamp, body));

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        int? status = null;
        string? error;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            error = status switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => $"The receiver answered {status}; redirects are not followed: register the final URL.",
                _ => $"The receiver answered {status}.",
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"No answer within {_options.Timeout.TotalSeconds:0.###} s.";
        }
        catch (HttpRequestException exception)
        {
            error = exception.InnerException is RefusedTargetException refused ? refused.Message : exception.Message;
        }

        return new Attempt(status, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, error, now);
    }

    private sealed record Attempt(int? StatusCode, int DurationMs, string? Error, DateTimeOffset AttemptedAt)
    {
        public bool Succeeded => Error is null;
    }

    /// <summary>A feed event an administrator asked to send again, with the attempt it was asked from.</summary>
    internal sealed class Redelivery
    {
        public Guid DeliveryId { get; init; }
        public long Position { get; init; }
        public Guid Id { get; init; }
        public string Type { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string Academie { get; init; } = "";
        public string Payload { get; init; } = "";

        public GetEventFeed.Row Event =>
            new() { Position = Position, Id = Id, Type = Type, OccurredAt = OccurredAt, Academie = Academie, Payload = Payload };
    }
}
