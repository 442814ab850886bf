using System.Data.Common;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Innovation.BuildingBlocks.Data;

/// <summary>
/// Applies each schema's numbered SQL scripts with DbUp at start-up, with a journal table
/// (<c>schema_versions</c>) inside each schema. Scripts already journaled are never run again. Instances migrate one at a
/// time: on SQL Server under an application lock (after checking that READ_COMMITTED_SNAPSHOT is on), on SQLite under a lock
/// on a file of the data directory.
/// </summary>
public sealed class SchemaMigrator(Db db, DatabaseOptions options, IEnumerable<ModuleSchema> schemas, ILogger<SchemaMigrator> logger)
{
    public const string JournalTable = "schema_versions";

    /// <summary>Whether the database has READ_COMMITTED_SNAPSHOT on (1), which the API requires on SQL Server.</summary>
    internal const string SnapshotReadsSql =
        "SELECT CAST(is_read_committed_snapshot_on AS INT) FROM sys.databases WHERE database_id = DB_ID()";

    /// <summary>
    /// One instance migrates at a time: the others wait here (up to 10 minutes), then find the scripts journaled. The
    /// lock belongs to the session, so a crashed instance releases it.
    /// </summary>
    internal const string MigrationLockSql = """
        DECLARE @result INT;
        EXEC @result = sp_getapplock @Resource = N'Innovation.Api migrations', @LockMode = N'Exclusive', @LockOwner = N'Session',
            @LockTimeout = 600000;
        SELECT @result;
        """;

    public void Migrate()
    {
        if (db.Provider != DatabaseProvider.SqlServer)
        {
            using (TakeSqliteMigrationLock())
            {
                MigrateSchemas();
            }

            return;
        }

        // The lock is held as long as this connection is open: to the end of the method, whatever happens.
        using var connection = new SqlConnection(options.SqlServerConnectionString);
        connection.Open();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = SnapshotReadsSql;
            if (Convert.ToInt32(check.ExecuteScalar()) != 1)
            {
                throw new InvalidOperationException(
                    $"SQL Server database '{connection.Database}' has READ_COMMITTED_SNAPSHOT off; the API requires it on "
                    + $"(ALTER DATABASE [{connection.Database}] SET READ_COMMITTED_SNAPSHOT ON; see README, SQL Server).");
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = MigrationLockSql;
            command.CommandTimeout = 660;
            if (Convert.ToInt32(command.ExecuteScalar()) < 0)
            {
                throw new InvalidOperationException("Another instance has been migrating the database for 10 minutes; start again when it is done.");
            }
        }

        MigrateSchemas();
    }

    /// <summary>
    /// SQLite's counterpart of the application lock: an exclusive lock on <c>migrations.lock</c> in the data directory, held
    /// while the returned stream is open and released by the system if the process dies. Instances started together on one
    /// directory otherwise each found a script not yet journaled, and all but the first failed on it ("table already exists").
    /// </summary>
    private FileStream TakeSqliteMigrationLock()
    {
        var path = Path.Combine(db.DataDirectory!, "migrations.lock");
        var until = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e.GetType() == typeof(IOException))
            {
                if (DateTime.UtcNow > until)
                {
                    throw new InvalidOperationException(
                        "Another instance has been migrating the database for 10 minutes; start again when it is done.", e);
                }

                Thread.Sleep(50);
            }
        }
    }

    private void MigrateSchemas()
    {
        foreach (var schema in schemas)
        {
            var scripts = schema.Migrations(db.Provider).Select(m => new SqlScript(m.Name, m.Sql)).ToList();
            if (IsJournaled(schema.Name, scripts))
            {
                continue;
            }

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

    /// <summary>
    /// Whether the schema's journal holds every script: one query, where DbUp would set up its engine, open its own
    /// connections and read the journal for itself (a start on a migrated database is the common case). A schema or journal
    /// that does not exist yet is not journaled.
    /// </summary>
    private bool IsJournaled(string schema, List<SqlScript> scripts)
    {
        using DbConnection connection = db.Provider == DatabaseProvider.SqlServer
            ? new SqlConnection(options.SqlServerConnectionString)
            : new SqliteConnection($"Data Source={db.SqliteFile(schema)};Mode=ReadWrite;Pooling=False");
        using var command = connection.CreateCommand();
        command.CommandText = db.Provider == DatabaseProvider.SqlServer
            ? $"SELECT ScriptName FROM {schema}.{JournalTable}"
            : $"SELECT ScriptName FROM {JournalTable}";
        var journaled = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            connection.Open();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                journaled.Add(reader.GetString(0));
            }
        }
        catch (DbException)
        {
            return false;
        }

        return scripts.All(script => journaled.Contains(script.Name));
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
