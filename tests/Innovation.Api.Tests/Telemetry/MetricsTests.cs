using System.Net;
using System.Text;
using Innovation.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Innovation.Api.Tests.Telemetry;

/// <summary>The Prometheus scrape at <c>/metrics</c>, with no OTLP endpoint configured (the default).</summary>
public sealed class MetricsTests(Engine engine) : ApiTest(engine)
{
    [Test]
    public async Task Metrics_are_scraped_anonymously_in_the_prometheus_format_with_the_named_figures()
    {
        var csv = "uai,name,type,sector,departement\n0951099D,Lycée Galois,lycee,public,095\n0301674G,École du Gard,ecole,public,030\n";
        var import = await Admin.PostAsync("/api/v1/imports/schools", new StringContent(csv, Encoding.UTF8, "text/csv"));
        import.StatusCode.Should().Be(HttpStatusCode.OK, await import.Content.ReadAsStringAsync());

        // The request's duration is recorded when its answer ends, and a scrape is cached for a moment: asked until there.
        var anonymous = Anonymous();
        string text = "";
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until && !text.Contains("http_route=\"/api/v1/imports/schools\"", StringComparison.Ordinal))
        {
            var scrape = await anonymous.GetAsync("/metrics");
            scrape.StatusCode.Should().Be(HttpStatusCode.OK, "metrics are anonymous, as the health endpoints");
            scrape.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
            text = await scrape.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }

        var lines = text.Split('\n');
        lines.Should().Contain(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains("http_route=\"/api/v1/imports/schools\"", StringComparison.Ordinal)
            && l.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("innovation_import_rows_total{", StringComparison.Ordinal)
            && l.Contains("innovation_import_kind=\"schools\"", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 2", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("innovation_outbox_lag_seconds", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("innovation_outbox_parked", StringComparison.Ordinal)
            && l.TrimEnd().EndsWith(" 0", StringComparison.Ordinal));
    }

    [Test]
    public async Task Without_an_otlp_endpoint_no_span_is_collected_and_metrics_stay_out_of_the_openapi_document()
    {
        Factory.Services.GetService<TracerProvider>().Should().BeNull("spans cost nothing while nobody listens");
        var document = await Anonymous().GetStringAsync("/swagger/v1/swagger.json");
        document.Should().NotContain("\"/metrics\"", "the scrape endpoint is operational, as the health endpoints (ADR 0028)");
    }
}
