using DbUp;
using DbUp.Engine;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Innovation.BuildingBlocks.Data;

/// <summary>
/// Applies each schema's numbered SQL scripts with DbUp at start-up, with a journal table
/// (<c>schema_versions</c>) inside each schema. Scripts already journaled are never run again.
/// </summary>
public sealed class SchemaMigrator(Db db, DatabaseOptions options, IEnumerable<ModuleSchema> schemas, ILogger<SchemaMigrator> logger)
{
    public const string JournalTable = "schema_versions";

    public void Migrate()
    {
        foreach (var schema in schemas)
        {
            var scripts = schema.Migrations(db.Provider).Select(m => new SqlScript(m.Name, m.Sql)).ToList();
            var upgrader = db.Provider == DatabaseProvider.SqlServer
                ? SqlServerUpgrader(schema.Name, scripts)
                : SqliteUpgrader(schema.Name, scripts);
            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"Migration of schema '{schema.Name}' failed at {result.ErrorScript?.Name}.", result.Error);
            }

            foreach (var applied in result.Scripts)
            {
                logger.LogInformation("Applied migration {Script}", applied.Name);
            }
        }
    }

    /// <summary>How many of each schema's scripts the database has not journaled yet.</summary>
    public async Task<IReadOnlyDictionary<string, int>> PendingAsync(CancellationToken cancellationToken)
    {
        var pending = new Dictionary<string, int>();
        await db.ReadAsync(async connection =>
        {
            foreach (var schema in schemas)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM {schema.Name}.{JournalTable}";
                var applied = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
                pending[schema.Name] = schema.Migrations(db.Provider).Count - applied;
            }

            return true;
        }, cancellationToken);
        return pending;
    }

    private UpgradeEngine SqliteUpgrader(string schema, IEnumerable<SqlScript> scripts)
    {
        var file = db.SqliteFile(schema);
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            // WAL lets readers run beside the single writer; it is a property of the file.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }

        return DeployChanges.To.SqliteDatabase($"Data Source={file};Pooling=False")
            .WithScripts(scripts)
            .JournalToSqliteTable(JournalTable)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
    }

    private UpgradeEngine SqlServerUpgrader(string schema, IEnumerable<SqlScript> scripts)
    {
        using (var connection = new SqlConnection(options.SqlServerConnectionString))
        {
            // The journal lives in the schema, so the schema must exist before DbUp looks for it.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"IF SCHEMA_ID(N'{schema}') IS NULL EXEC(N'CREATE SCHEMA [{schema}]');";
            command.ExecuteNonQuery();
        }

        return DeployChanges.To.SqlDatabase(options.SqlServerConnectionString)
            .WithScripts(scripts)
            .JournalToSqlTable(schema, JournalTable)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
    }
}
