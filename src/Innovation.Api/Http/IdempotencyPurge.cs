using Dapper;
using Innovation.BuildingBlocks.Data;

namespace Innovation.Api.Http;

/// <summary>Deletes expired idempotency records every hour (expired ones are already ignored).</summary>
internal sealed class IdempotencyPurge(Db db, TimeProvider time, ILogger<IdempotencyPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await db.WriteAsync((c, t) => c.ExecuteAsync(IdempotencyMiddleware.PurgeSql, new { Now = time.GetUtcNow() }, t), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Purging expired idempotency records failed; the next pass will retry.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
