using Microsoft.Extensions.Hosting;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// The stored views of projects (ADR 0017; composed by <see cref="ProjectTable.ComposeViewsAsync"/> when a project is saved, and
/// rewritten by <see cref="ProjectTable.RewriteViewsAsync"/> when a school or an erasure changes them): composed for projects stored
/// before they existed.
/// </summary>
internal static class ProjectViews
{
    internal const string MissingSql = "SELECT id FROM projects.project WHERE listing IS NULL OR document IS NULL ORDER BY id {{limit @Take}}";

    /// <summary>
    /// Composes the views of projects stored before the views existed, before the API serves its
    /// first request (hosted services start before the server listens); once it has found none, a start no longer looks.
    /// </summary>
    internal sealed class Backfill(Db db) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => StartBackfill.RunOnceAsync(db, "project_views", async () =>
        {
            var sql = db.Sql(MissingSql);
            while ((await db.ReadAsync(c => c.QueryAsync<Guid>(sql, new { Take = 200 }), cancellationToken)).ToList() is { Count: > 0 } ids)
            {
                await db.WriteAsync((c, t) => ProjectTable.RewriteViewsAsync(c, t, ids), cancellationToken);
            }
        }, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
