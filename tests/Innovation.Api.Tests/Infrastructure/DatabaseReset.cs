using Dapper;
using Innovation.BuildingBlocks.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Respawn;

namespace Innovation.Api.Tests.Infrastructure;

/// <summary>
/// Empties every table between tests, keeping what migrations put there: the journals, the
/// territorial reference data, the dispatch leases (set free: an app of an earlier fixture, on SQL Server's
/// shared database, must not keep the next one's events waiting) and the bootstrap key. Respawn on SQL Server;
/// on SQLite (which Respawn does not support) a DELETE per table.
/// </summary>
public static class DatabaseReset
{
    private static readonly string[] KeptTables = ["schema_versions", "academie", "departement", "dispatcher_lease", "sqlite_sequence"];
    private const string BootstrapKeyId = "00000000-0000-7000-8000-000000000001";
    private const string FreeLeasesSql = "UPDATE host.dispatcher_lease SET owner = NULL, expires_at = @Past";

    private static Respawner? _respawner;

    public static async Task ResetAsync(ApiFactory factory)
    {
        var db = factory.Services.GetRequiredService<Db>();
        await UntilDeliveredAsync(factory, db);
        if (db.Provider == DatabaseProvider.SqlServer)
        {
            await using var connection = new SqlConnection(Engines.SqlServerConnectionString);
            await connection.OpenAsync();
            _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
            {
                SchemasToInclude = db.Schemas.ToArray(),
                TablesToIgnore = KeptTables.Select(t => new Respawn.Graph.Table(t)).Append(new Respawn.Graph.Table("host", "api_key")).ToArray(),
            });
            await _respawner.ResetAsync(connection);
            await connection.ExecuteAsync("DELETE FROM host.api_key WHERE id <> @Id", new { Id = Guid.Parse(BootstrapKeyId) });
            await connection.ExecuteAsync(FreeLeasesSql, new { Past = DateTimeOffset.UnixEpoch });
            return;
        }

        await db.WriteAsync(async (c, t) =>
        {
            // Tables are emptied in any order; the foreign keys are checked once, at commit.
            await c.ExecuteAsync("PRAGMA defer_foreign_keys = ON", transaction: t);
            foreach (var schema in db.Schemas)
            {
                var tables = await c.QueryAsync<string>($"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'", transaction: t);
                foreach (var table in tables.Where(t => !KeptTables.Contains(t)))
                {
                    var filter = table == "api_key" ? $" WHERE id <> '{BootstrapKeyId}'" : "";
                    await c.ExecuteAsync($"DELETE FROM {schema}.{table}{filter}", transaction: t);
                }
            }

            await c.ExecuteAsync(FreeLeasesSql, new { Past = DateTimeOffset.UnixEpoch }, t);
        }, CancellationToken.None);
    }

    /// <summary>
    /// Waits (up to 10 s) until no due event of the previous test waits in an outbox: a batch the dispatcher read before the
    /// reset would otherwise reach its consumers after it and put the previous test's rows back. Fixtures without a
    /// dispatcher, and events waiting for a retry, are not waited for.
    /// </summary>
    private static async Task UntilDeliveredAsync(ApiFactory factory, Db db)
    {
        var hosted = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>();
        if (!hosted.OfType<Innovation.Api.Messaging.OutboxDispatcher>().Any())
        {
            return;
        }

        var time = factory.Services.GetRequiredService<TimeProvider>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var pending = await db.ReadAsync(async c =>
            {
                var count = 0;
                foreach (var schema in db.Schemas)
                {
                    count += await c.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {schema}.outbox_message WHERE processed_at IS NULL "
                        + "AND parked_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= @Now)", new { Now = time.GetUtcNow() });
                }

                return count;
            }, CancellationToken.None);
            if (pending == 0)
            {
                return;
            }

            await Task.Delay(20);
        }
    }
}
