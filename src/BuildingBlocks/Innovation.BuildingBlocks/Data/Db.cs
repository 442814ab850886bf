using System.Data.Common;
using System.Runtime.CompilerServices;
using Innovation.BuildingBlocks.Messaging;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Polly;
using SQLitePCL;

namespace Innovation.BuildingBlocks.Data;

/// <summary>
/// The one way to reach the database: opens a connection for the configured engine (on SQLite,
/// the main file with every schema's file attached under the schema's name, so schema-qualified
/// SQL runs unchanged), runs the work under the transient-failure retry, and wakes the outbox
/// dispatcher after each committed write.
/// </summary>
public sealed class Db
{
    // Pooled SQLite handles keep their attachments, so each physical connection is attached once.
    private static readonly ConditionalWeakTable<sqlite3, object> AttachedHandles = new();

    // Set by the outbox inside a write, so only commits that carry events wake the dispatcher
    // (its own bookkeeping writes must not, or it would spin).
    private static readonly AsyncLocal<WriteScope?> CurrentWrite = new();

    private readonly string _connectionString;
    private readonly IReadOnlyList<(string Schema, string File)> _sqliteFiles;
    private readonly ResiliencePipeline _retry = TransientFailures.CreatePipeline();
    private readonly OutboxSignal _outboxSignal;

    public Db(DatabaseOptions options, IEnumerable<ModuleSchema> schemas, OutboxSignal outboxSignal)
    {
        DapperTypeHandlers.Register();
        Provider = options.Provider;
        Dialect = SqlDialect.For(options.Provider);
        Schemas = schemas.Select(s => s.Name).Distinct().ToList();
        _outboxSignal = outboxSignal;
        if (Provider == DatabaseProvider.SqlServer)
        {
            _connectionString = options.SqlServerConnectionString
                ?? throw new InvalidOperationException("ConnectionStrings:SqlServer is required when Database:Provider is SqlServer.");
            _sqliteFiles = [];
        }
        else
        {
            DataDirectory = Path.GetFullPath(options.DataDirectory);
            Directory.CreateDirectory(DataDirectory);
            _sqliteFiles = Schemas.Select(s => (s, SqliteFile(s))).ToList();
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(DataDirectory, "innovation.db"),
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
        }
    }

    public DatabaseProvider Provider { get; }

    public SqlDialect Dialect { get; }

    /// <summary>Every registered schema, host first.</summary>
    public IReadOnlyList<string> Schemas { get; }

    public string? DataDirectory { get; }

    internal string ConnectionString => _connectionString;

    internal string SqliteFile(string schema) => Path.Combine(DataDirectory!, $"{schema}.db");

    /// <summary>Renders shared SQL text for this engine.</summary>
    public string Sql(string sql) => Dialect.Render(sql);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Provider == DatabaseProvider.SqlServer)
        {
            var sqlServer = new SqlConnection(_connectionString);
            await sqlServer.OpenAsync(cancellationToken);
            return sqlServer;
        }

        var connection = new PrefixedSqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!AttachedHandles.TryGetValue(connection.Handle!, out _))
        {
            // Not cancellable: a request aborted half-way through would return a half-attached
            // handle to the pool, and its next user would fail with "database X is already in use"
            // (seen under the bench's load, where wrk closes connections at the end of each round).
            await AttachSchemasAsync(connection);
            AttachedHandles.AddOrUpdate(connection.Handle!, new object());
        }

        return connection;
    }

    private async Task AttachSchemasAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        var attached = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        command.CommandText = "PRAGMA database_list;";
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
                attached.Add(reader.GetString(1));
            }
        }

        foreach (var (schema, file) in _sqliteFiles.Where(f => !attached.Contains(f.Schema)))
        {
            command.CommandText = $"ATTACH DATABASE $file AS {schema};";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$file", file);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }

        command.Parameters.Clear();
        // FULL: a commit is on disk (WAL fsynced) before the API acknowledges it. Set explicitly
        // because the default depends on how the native library was compiled.
        command.CommandText = "PRAGMA foreign_keys = ON;"
            + string.Concat(_sqliteFiles.Select(f => $" PRAGMA {f.Schema}.synchronous = FULL;"));
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Runs a read; retried as a whole on a transient failure.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            return await work(connection);
        }, cancellationToken);

    /// <summary>
    /// Runs a write in one transaction (BEGIN IMMEDIATE on SQLite, so writers queue instead of
    /// failing on upgrade); retried as a whole on a transient failure, so the work must not have
    /// effects outside the transaction.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var scope = new WriteScope();
        var outer = CurrentWrite.Value;
        CurrentWrite.Value = scope;
        try
        {
            var result = await _retry.ExecuteAsync(async ct =>
            {
                await using var connection = await OpenAsync(ct);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                var value = await work(connection, transaction);
                await transaction.CommitAsync(ct);
                return value;
            }, cancellationToken);
            if (scope.EventsEnqueued)
            {
                _outboxSignal.Notify();
            }

            return result;
        }
        finally
        {
            CurrentWrite.Value = outer;
        }
    }

    /// <summary>Called by the outbox: the current write carries integration events.</summary>
    internal static void MarkEventsEnqueued()
    {
        if (CurrentWrite.Value is { } scope)
        {
            scope.EventsEnqueued = true;
        }
    }

    private sealed class WriteScope
    {
        public bool EventsEnqueued { get; set; }
    }

    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            await work(c, t);
            return true;
        }, cancellationToken);
}
