using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Innovation.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Innovation.Api.Tests.Telemetry;

/// <summary>
/// Traces, with an OTLP endpoint configured (a receiver of the test's): the spans are also kept in memory to look at
/// their parents and tags.
/// </summary>
public sealed class TracingTests(Engine engine) : ApiTest(engine)
{
    private readonly OtlpReceiver _receiver = new();
    private readonly SpanList _spans = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));

    [OneTimeTearDown]
    public void StopReceiver() => _receiver.Dispose();

    [Test]
    public async Task A_request_has_an_http_span_with_its_handler_span_and_the_handler_sql_spans_inside()
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/schools")
        {
            Content = JsonContent.Create(new { uai = "0951099D", name = "Lycée", type = "lycee", sector = "public", departement = "095" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        (await Admin.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Created);

        var http = await Eventually(
            () => _spans.Snapshot().FirstOrDefault(s => s.TraceId == traceId && s.Kind == ActivityKind.Server), "the HTTP span");
        http.DisplayName.Should().StartWith("POST /api/v1/schools");
        var spans = _spans.Snapshot();
        var handler = spans.Should().ContainSingle(s => s.ParentSpanId == http.SpanId && s.Kind == ActivityKind.Internal).Subject;
        handler.DisplayName.Should().Be("RegisterSchool.Command");
        var sql = spans.Where(s => s.ParentSpanId == handler.SpanId && s.Kind == ActivityKind.Client).ToList();
        sql.Should().Contain(s => s.DisplayName == "INSERT" && (string?)s.GetTagItem("db.system.name") == "sqlite"
            && ((string)s.GetTagItem("db.query.text")!).Contains("networks.school", StringComparison.Ordinal),
            "the handler's write runs on the group commit's thread, in the handler's trace");
    }

    [Test]
    public async Task An_event_delivery_has_its_span_with_the_event_id_and_is_exported_over_otlp()
    {
        var created = await Admin.PostAsJsonAsync("/api/v1/schools",
            new { uai = "0951099D", name = "Lycée", type = "lycee", sector = "public", departement = "095" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var feed = await Eventually(async () =>
        {
            var items = (await Json(await Admin.GetAsync("/api/v1/events"))).GetProperty("items");
            return items.GetArrayLength() > 0 ? new[] { items[0] } : null;
        }, "the event in the feed");
        var @event = feed[0];
        var eventId = @event.GetProperty("id").GetString()!;

        var delivery = await Eventually(
            () => _spans.Snapshot().FirstOrDefault(s => s.Kind == ActivityKind.Consumer && (string?)s.GetTagItem("messaging.message.id") == eventId),
            "the delivery span");
        delivery.DisplayName.Should().Be($"deliver {@event.GetProperty("type").GetString()}");
        delivery.GetTagItem("innovation.event.type").Should().Be(@event.GetProperty("type").GetString());
        delivery.GetTagItem("innovation.outbox.module").Should().Be("networks");
        delivery.GetTagItem("innovation.outbox.sequence").Should().BeOfType<long>();

        // The in-memory exporter may see the ended span before the OTLP batch processor has queued it (each processor's OnEnd
        // runs in turn on the dispatcher's thread), so one flush can come too early: flush until the span has gone out.
        var tracing = Factory.Services.GetRequiredService<TracerProvider>();
        await Eventually(() => tracing.ForceFlush(10_000) && _receiver.Received.Any(
                r => r.Path == "/v1/traces" && Encoding.UTF8.GetString(r.Body).Contains(eventId, StringComparison.Ordinal))
            ? "sent" : null, "the OTLP exporter to send the delivery span, its event id among its attributes");
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> find, string what)
        where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await find() is { } found)
            {
                return found;
            }

            DateTime.UtcNow.Should().BeBefore(until, $"the test waits at most 20 s for {what}");
            await Task.Delay(50);
        }
    }

    private static Task<T> Eventually<T>(Func<T?> find, string what)
        where T : class => Eventually(() => Task.FromResult(find()), what);

    /// <summary>The spans exported so far; the exporter adds to it from the threads that end spans.</summary>
    private sealed class SpanList : Collection<Activity>
    {
        public IReadOnlyList<Activity> Snapshot()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }
    }

    /// <summary>An OTLP/HTTP endpoint that keeps what it receives and answers each export with an empty success.</summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();

        public OtlpReceiver()
        {
            var port = ApiProcess.FreePort();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _ = Task.Run(ReceiveAsync);
        }

        public string Endpoint { get; }

        public ConcurrentQueue<(string Path, byte[] Body)> Received { get; } = new();

        private async Task ReceiveAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
