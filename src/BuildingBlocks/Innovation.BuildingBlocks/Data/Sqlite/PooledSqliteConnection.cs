using System.Data;
using System.Diagnostics.CodeAnalysis;
using Innovation.BuildingBlocks.Telemetry;
using Microsoft.Data.Sqlite;

namespace Innovation.BuildingBlocks.Data.Sqlite;

/// <summary>
/// A SQLite connection that lives in <see cref="SqliteConnectionPool"/> and keeps its statements
/// compiled between requests.
/// <para>
/// Microsoft.Data.Sqlite compiles a command's SQL at each execution of a new command and drops the
/// compiled statements when a pooled connection closes, so every request paid for compiling every
/// statement it ran, most of a read's database time (ADR 0010). Here a command
/// created by Dapper only carries the text and the parameters; it runs on the connection's cached,
/// compiled command for that text, and closing the connection returns it, open, to the pool.
/// </para>
/// <para>
/// Parameters are named with the <c>@</c> prefix the SQL uses. Dapper names them without one
/// (<c>Uai</c>), and Microsoft.Data.Sqlite then looks each one up under four spellings at every
/// execution: a quarter of a 100,000-row import's time.
/// </para>
/// </summary>
internal sealed class PooledSqliteConnection(string connectionString, SqliteConnectionPool pool) : SqliteConnection(connectionString)
{
    // Dynamic SQL (IN lists, filters) makes texts without end; past this many, the cache starts again.
    private const int MaxCachedStatements = 256;

    private readonly Dictionary<string, CachedStatement> _statements = new(StringComparer.Ordinal);
    private int _leased;
    private bool _closingForGood;

    public override SqliteCommand CreateCommand() =>
        new StatementRequest { Connection = this, CommandTimeout = DefaultTimeout, Transaction = Transaction };

    /// <summary>Called by the pool when it hands the connection out.</summary>
    internal void Lease() => Volatile.Write(ref _leased, 1);

    /// <summary>Returns the connection to the pool instead of closing it; <see cref="CloseForGood"/> closes it.</summary>
    public override void Close()
    {
        if (_closingForGood || State != ConnectionState.Open)
        {
            base.Close();
            return;
        }

        if (Interlocked.Exchange(ref _leased, 0) == 0)
        {
            return; // disposed twice: it is already back in the pool, and maybe in someone else's hands
        }

        // A reader left open would hold its statement, and with it a read snapshot that blocks checkpoints.
        foreach (var statement in _statements.Values)
        {
            statement.CloseReader();
        }

        Transaction?.Dispose(); // rolls back work that was neither committed nor rolled back
        pool.Return(this);
    }

    internal void CloseForGood()
    {
        _closingForGood = true;
        Close();
        Dispose();
    }

    private SqliteDataReader Execute(StatementRequest request, CommandBehavior behavior)
    {
        if (!_statements.TryGetValue(request.CommandText, out var statement))
        {
            if (_statements.Count >= MaxCachedStatements)
            {
                foreach (var old in _statements.Values.Where(s => !s.HasOpenReader))
                {
                    old.Dispose();
                }

                _statements.Clear();
            }

            statement = new CachedStatement { Connection = this, CommandText = request.CommandText };
            _statements[request.CommandText] = statement;
        }
        else if (statement.HasOpenReader)
        {
            // The same text run again while its first reader is still open: a one-off command.
            return request.ExecuteUncached(behavior);
        }

        statement.Parameters.Clear();
        foreach (SqliteParameter parameter in request.Parameters)
        {
            statement.Parameters.Add(parameter);
        }

        statement.Transaction = request.Transaction;
        statement.CommandTimeout = request.CommandTimeout;
        return statement.ExecuteReader(behavior);
    }

    /// <summary>The command Dapper fills in: it runs on the connection's compiled statement for its text.</summary>
    private sealed class StatementRequest : SqliteCommand
    {
        public override SqliteParameter CreateParameter() => new PrefixedParameter();

        public override void Prepare()
        {
            // Compiled once per connection on first execution; nothing to do ahead of it.
        }

        /// <remarks>
        /// Every command runs through here (Dapper's queries and executes, a transaction's BEGIN and COMMIT), so its span
        /// is started here; SQLite steps a query to its first row here, the rows after it are read outside the span.
        /// </remarks>
        public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
        {
            using var span = ApiTelemetry.StartSqlCommand("sqlite", CommandText);
            try
            {
                return Connection is PooledSqliteConnection pooled && pooled.State == ConnectionState.Open
                    ? pooled.Execute(this, behavior)
                    : base.ExecuteReader(behavior);
            }
            catch (Exception exception) when (ApiTelemetry.Failed(span, exception))
            {
                throw; // never reached: the filter only marks the span
            }
        }

        internal SqliteDataReader ExecuteUncached(CommandBehavior behavior) => base.ExecuteReader(behavior);
    }

    private sealed class CachedStatement : SqliteCommand
    {
        internal bool HasOpenReader => DataReader is not null;

        internal void CloseReader() => DataReader?.Dispose();
    }

    private sealed class PrefixedParameter : SqliteParameter
    {
        private string _name = "";

        [AllowNull]
        public override string ParameterName
        {
            get => _name;
            set => _name = string.IsNullOrEmpty(value) || value[0] is '@' or '$' or ':' ? value ?? "" : "@" + value;
        }
    }
}
