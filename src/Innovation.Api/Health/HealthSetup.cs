using System.Text.Json;
using Innovation.Api.Messaging;
using Innovation.BuildingBlocks.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Innovation.Api.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers, every
/// migration is applied, and the outbox is not stuck (503 otherwise); parked events make it
/// Degraded (still 200) and are counted in the answer.
/// </summary>
internal static class HealthSetup
{
    public static IServiceCollection AddInnovationHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
            .AddCheck<OutboxCheck>("outbox", tags: ["ready"]);
        return services;
    }

    public static void MapInnovationHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .DisableRateLimiting().ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync })
            .DisableRateLimiting().ExcludeFromDescription();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        }, JsonSerializerOptions.Web));
    }

    private sealed class DatabaseReadyCheck(SchemaMigrator migrator) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var pending = await migrator.PendingAsync(cancellationToken);
                var missing = pending.Where(p => p.Value > 0).ToDictionary(p => p.Key, p => (object)p.Value);
                return missing.Count == 0
                    ? HealthCheckResult.Healthy("Reachable; every migration applied.")
                    : HealthCheckResult.Unhealthy("Migrations not applied.", data: missing);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("Database unreachable.");
            }
        }
    }

    private sealed class OutboxCheck(OutboxMonitor monitor, TimeProvider time, IOptions<MessagingOptions> options) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var (oldest, lastProgress, parked) = await monitor.StatusAsync(cancellationToken);
            var now = time.GetUtcNow();
            var lag = oldest is null ? TimeSpan.Zero : now - oldest.Value;
            var data = new Dictionary<string, object> { ["parked"] = parked, ["lagSeconds"] = Math.Round(Math.Max(0, lag.TotalSeconds), 1) };
            // A long queue that drains (after a large import) is not stuck: only a queue that has
            // waited StuckAfter with no delivery in that time is.
            var stuckAfter = options.Value.StuckAfter;
            if (lag > stuckAfter && (lastProgress is null || now - lastProgress.Value > stuckAfter))
            {
                return HealthCheckResult.Unhealthy("Events have waited longer than Messaging:StuckAfter and none was delivered meanwhile.",
                    data: data);
            }

            return parked > 0
                ? HealthCheckResult.Degraded($"{parked} parked event(s) wait for an administrator (GET /api/v1/admin/outbox/parked).", data: data)
                : HealthCheckResult.Healthy("Delivering.", data: data);
        }
    }
}
