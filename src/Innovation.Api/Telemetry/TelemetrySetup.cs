using System.Diagnostics;
using Innovation.BuildingBlocks.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Innovation.Api.Telemetry;

/// <summary>
/// OpenTelemetry (README, "Telemetry"; ADR 0028): metrics always, scraped at <c>/metrics</c> in the Prometheus format;
/// traces, and the export of traces, metrics and logs over OTLP, only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (so that, otherwise, nobody listens to the spans and they cost nothing); logs as JSON lines in Production.
/// </summary>
internal static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddInnovationTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (builder.Environment.IsProduction())
        {
            // One JSON object a line, with the trace and span ids of the request (the logging scope) for a log collector.
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "innovation-api"))
            .WithMetrics(metrics => metrics
                .AddMeter(ApiTelemetry.Name)
                // ASP.NET Core's own request duration (http.server.request.duration, whose count is the request rate),
                // connections and unhandled exceptions; not its per-request authentication, authorization and routing
                // histograms, which would each cost every request a recording.
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics")
                .AddRuntimeInstrumentation()
                .AddInstrumentation(services => ActivatorUtilities.CreateInstance<OutboxGauges>(services))
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(ApiTelemetry.Name)
                    .AddAspNetCoreInstrumentation(http => http.Filter = context =>
                        !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health"))
                    .AddSqlClientInstrumentation()
                    .SetSampler(new ParentBasedSampler(new NoLoneDatabaseSpans())))
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// <c>GET /metrics</c>: anonymous, not rate-limited and out of the OpenAPI document, as the health endpoints are
    /// (operational figures, no personal data; a reverse proxy keeps both away from the Internet).
    /// </summary>
    public static void MapInnovationMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).DisableRateLimiting().ExcludeFromDescription();

    /// <summary>
    /// Drops a database span that would start a trace of its own: the dispatcher's polls and the background purges
    /// would flood the backend with one-span traces. A command inside a request or a delivery is kept with its trace.
    /// </summary>
    private sealed class NoLoneDatabaseSpans : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Kind == ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
    }
}
