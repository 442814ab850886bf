using System.Data.Common;
using System.Runtime.ExceptionServices;
using Innovation.BuildingBlocks.Data.Sqlite;
using Innovation.BuildingBlocks.Messaging;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Polly;

namespace Innovation.BuildingBlocks.Data;

/// <summary>
/// The one way to reach the database: opens a connection for the configured engine (on SQLite,
/// the main file with every schema's file attached under the schema's name, so schema-qualified
/// SQL runs unchanged), runs the work under the transient-failure retry, and wakes the outbox
/// dispatcher after each committed write.
/// </summary>
public sealed class Db : IDisposable
{
    // Set by the outbox inside a write, so only commits that carry events wake the dispatcher
    // (its own bookkeeping writes must not, or it would spin).
    private static readonly AsyncLocal<WriteScope?> CurrentWrite = new();

    private readonly string _connectionString;
    private readonly IReadOnlyList<(string Schema, string File)> _sqliteFiles;
    private readonly ResiliencePipeline _retry = TransientFailures.CreatePipeline();
    private readonly OutboxSignal _outboxSignal;
    private readonly SqliteConnectionPool? _sqlitePool;
    private readonly GroupCommit? _groupCommit;

    public Db(DatabaseOptions options, IEnumerable<ModuleSchema> schemas, OutboxSignal outboxSignal)
    {
        DapperTypeHandlers.Register();
        Provider = options.Provider;
        Dialect = SqlDialect.For(options.Provider);
        Schemas = schemas.Select(s => s.Name).Distinct().ToList();
        _outboxSignal = outboxSignal;
        if (Provider == DatabaseProvider.SqlServer)
        {
            _connectionString = string.IsNullOrWhiteSpace(options.SqlServerConnectionString)
                ? throw new InvalidOperationException("ConnectionStrings:SqlServer is required when Database:Provider is SqlServer.")
                : options.SqlServerConnectionString;
            _sqliteFiles = [];
        }
        else
        {
            SqliteLibrary.EnsureConfigured();
            DataDirectory = Path.GetFullPath(options.DataDirectory);
            Directory.CreateDirectory(DataDirectory);
            _sqliteFiles = Schemas.Select(s => (s, SqliteFile(s))).ToList();
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(DataDirectory, "innovation.db"),
                Pooling = false, // Db keeps its own pool: see PooledSqliteConnection
                DefaultTimeout = 30,
            }.ToString();
            _sqlitePool = new SqliteConnectionPool(_connectionString, c => SqliteConnectionSetUp.ApplyAsync(c, _sqliteFiles), maxIdle: 64);
            _groupCommit = new GroupCommit(OpenAsync, _retry, _outboxSignal.Notify);
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

        return await _sqlitePool!.RentAsync(cancellationToken);
    }

    /// <summary>Runs a read; retried as a whole on a transient failure.</summary>
    /// <remarks>
    /// The first attempt runs outside the retry pipeline, whose cost a single-row GET noticed, for
    /// reads that almost never fail (ADR 0010). A transient failure then enters the pipeline
    /// as its first attempt, so the retries and their backoff are the pipeline's, as before.
    /// </remarks>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception exception) when (TransientFailures.IsTransient(exception))
        {
            return await RetryReadAsync(ExceptionDispatchInfo.Capture(exception), work, cancellationToken);
        }
    }

    // Apart from ReadAsync, so the fast path allocates no closure.
    private async Task<T> RetryReadAsync<T>(ExceptionDispatchInfo firstFailure, Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        var failure = firstFailure;
        return await _retry.ExecuteAsync(async ct =>
        {
            if (Interlocked.Exchange(ref failure, null) is { } first)
            {
                first.Throw();
            }

            await using var connection = await OpenAsync(ct);
            return await work(connection);
        }, cancellationToken);
    }

    /// <summary>
    /// Runs a write in one transaction; retried as a whole on a transient failure, so the work must
    /// not have effects outside the transaction. On SQLite the write joins the writes waiting with
    /// it in one commit (<see cref="GroupCommit"/>); it must therefore be short; a long write (a
    /// whole import) goes through <see cref="WriteAloneAsync{T}"/>.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        _groupCommit is { } group ? group.WriteAsync(work, cancellationToken) : WriteAloneAsync(work, cancellationToken);

    /// <summary>
    /// Runs a write in a transaction of its own (BEGIN IMMEDIATE on SQLite, so writers queue instead
    /// of failing on upgrade), for writes too long to share a commit: the writes grouped with one
    /// would wait for it to end before theirs is acknowledged.
    /// </summary>
    public async Task<T> WriteAloneAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var scope = BeginWriteScope();
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

    /// <summary>
    /// Opens the write scope of the calling async method (it ends when the method returns), in
    /// which the outbox marks that the write carries integration events.
    /// </summary>
    internal static WriteScope BeginWriteScope() => CurrentWrite.Value = new WriteScope();

    /// <summary>Called by the outbox: the current write carries integration events.</summary>
    internal static void MarkEventsEnqueued()
    {
        if (CurrentWrite.Value is { } scope)
        {
            scope.EventsEnqueued = true;
        }
    }

    internal sealed class WriteScope
    {
        public bool EventsEnqueued { get; set; }
    }

    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            await work(c, t);
            return true;
        }, cancellationToken);

    /// <summary>Closes the idle SQLite connections (the host disposes <see cref="Db"/> at shutdown).</summary>
    public void Dispose()
    {
        _groupCommit?.Complete();
        _sqlitePool?.Dispose();
    }
}
