using System.Data.Common;
using Microsoft.Extensions.Hosting;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// The stored views of projects (ADR 0017; composed by <see cref="ProjectTable.ComposeViewsAsync"/> when a
/// project is saved) rewritten when something outside the project changes what they show: one of its
/// schools in the directory, an erasure, or views missing from projects stored before they existed.
/// </summary>
internal static class ProjectViews
{
    internal const string ProjectsOfSchoolSql = "SELECT project_id FROM projects.project_school WHERE uai = CAST(@Uai AS VARCHAR(8000))";

    internal const string WriteSql = "UPDATE projects.project SET listing = @Listing, document = @Document WHERE id = @Id";

    internal const string MissingSql = "SELECT id FROM projects.project WHERE listing IS NULL OR document IS NULL ORDER BY id {{limit @Take}}";

    /// <summary>Rewrites the views of every project of a school the directory has just described anew.</summary>
    public static async Task RefreshSchoolAsync(DbConnection connection, DbTransaction transaction, string uai) =>
        await RefreshAsync(connection, transaction, await connection.QueryAsync<Guid>(ProjectsOfSchoolSql, new { Uai = uai }, transaction));

    /// <summary>Rewrites the views of these projects from their current data.</summary>
    public static async Task RefreshAsync(DbConnection connection, DbTransaction transaction, IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            if (await ProjectTable.LoadAsync(connection, id, transaction) is { } record)
            {
                await ProjectTable.ComposeViewsAsync(connection, transaction, record);
                await connection.ExecuteAsync(WriteSql, new { Id = id, record.Row.Listing, record.Row.Document }, transaction);
            }
        }
    }

    /// <summary>
    /// Composes the views of projects stored before the views existed, before the API serves its
    /// first request (hosted services start before the server listens).
    /// </summary>
    internal sealed class Backfill(Db db) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var sql = db.Sql(MissingSql);
            while ((await db.ReadAsync(c => c.QueryAsync<Guid>(sql, new { Take = 200 }), cancellationToken)).ToList() is { Count: > 0 } ids)
            {
                await db.WriteAsync((c, t) => RefreshAsync(c, t, ids), cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
