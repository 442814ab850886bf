using System.Diagnostics.Metrics;
using Innovation.Api.Messaging;
using Innovation.BuildingBlocks.Telemetry;

namespace Innovation.Api.Telemetry;

/// <summary>
/// The outbox gauges, read from the database when metrics are collected (a scrape, an OTLP export): the age of the
/// oldest undelivered event and the parked count, as the readiness check sees them. Every instance reports the same
/// figures (they are the database's). Created with the meter provider and disposed with it, so they leave with their host.
/// </summary>
internal sealed class OutboxGauges : IDisposable
{
    // Both gauges are read in one collection: one reading of the outboxes serves both.
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);

    private readonly Meter _meter;
    private readonly OutboxMonitor _monitor;
    private readonly TimeProvider _time;
    private readonly Lock _reading = new();
    private (DateTimeOffset At, double LagSeconds, int Parked)? _last;

    public OutboxGauges(IMeterFactory meters, OutboxMonitor monitor, TimeProvider time)
    {
        _monitor = monitor;
        _time = time;
        _meter = meters.Create(ApiTelemetry.Name);
        _meter.CreateObservableGauge("innovation.outbox.lag", () => Observe(s => s.LagSeconds), "s",
            "Age of the oldest event not yet delivered to its subscribers (parked events aside); 0 when none waits.");
        _meter.CreateObservableGauge("innovation.outbox.parked", () => Observe(s => s.Parked), "{event}",
            "Events whose delivery failed too often; they wait for an administrator (GET /api/v1/admin/outbox/parked).");
    }

    private IEnumerable<Measurement<T>> Observe<T>(Func<(DateTimeOffset At, double LagSeconds, int Parked), T> figure)
        where T : struct
    {
        lock (_reading)
        {
            var now = _time.GetUtcNow();
            if (_last is null || now - _last.Value.At > Reuse)
            {
                try
                {
                    // Metrics callbacks are synchronous; a collection runs on the scrape's or the exporter's thread.
                    var (oldest, _, parked) = _monitor.StatusAsync(CancellationToken.None).GetAwaiter().GetResult();
                    _last = (now, oldest is null ? 0 : Math.Max(0, (now - oldest.Value).TotalSeconds), parked);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    return []; // the database does not answer: no figure rather than a wrong one (readiness says why)
                }
            }

            return [new Measurement<T>(figure(_last.Value))];
        }
    }

    public void Dispose() => _meter.Dispose();
}
