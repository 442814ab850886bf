using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Innovation.BuildingBlocks.Data;

/// <summary>
/// One value for one parameter of a <see cref="BulkStatement{TRow}"/>, stored as Dapper stores it
/// through <see cref="DapperTypeHandlers"/> (text GUIDs and UTC ISO-8601 timestamps on SQLite,
/// native types on SQL Server), so rows written in bulk read back like any other.
/// </summary>
public readonly struct DbValue
{
    private readonly string? _text;
    private readonly byte[]? _utf8;
    private readonly double _number;
    private readonly long _integer;
    private readonly DateTimeOffset _timestamp;
    private readonly Guid _guid;

    private DbValue(
        DbValueKind kind, string? text = null, double number = 0, long integer = 0, DateTimeOffset timestamp = default, Guid guid = default,
            byte[]? utf8 = null)
    {
        Kind = kind;
        _text = text;
        _utf8 = utf8;
        _number = number;
        _integer = integer;
        _timestamp = timestamp;
        _guid = guid;
    }

    internal DbValueKind Kind { get; }

    public static implicit operator DbValue(string? text) => text is null ? default : new(DbValueKind.Text, text);

    public static implicit operator DbValue(double? number) => number is { } n ? new(DbValueKind.Real, number: n) : default;

    public static implicit operator DbValue(long integer) => new(DbValueKind.Integer, integer: integer);

    public static implicit operator DbValue(DateTimeOffset timestamp) => new(DbValueKind.Timestamp, timestamp: timestamp);

    public static implicit operator DbValue(Guid guid) => new(DbValueKind.Guid, guid: guid);

    /// <summary>A text already encoded as UTF-8 (SQLite stores it as is; a JSON payload is serialized straight to it).</summary>
    public static DbValue Utf8Text(byte[]? utf8) => utf8 is null ? default : new(DbValueKind.Utf8Text, utf8: utf8);

    /// <summary>Binds the value to parameter <paramref name="index"/> (1-based) of a SQLite statement.</summary>
    internal int Bind(sqlite3_stmt statement, int index, ref TimestampText timestamps)
    {
        switch (Kind)
        {
            case DbValueKind.Text:
                return BindText(statement, index, _text!);
            case DbValueKind.Utf8Text:
                return raw.sqlite3_bind_text(statement, index, _utf8);
            case DbValueKind.Real:
                return raw.sqlite3_bind_double(statement, index, _number);
            case DbValueKind.Integer:
                return raw.sqlite3_bind_int64(statement, index, _integer);
            case DbValueKind.Timestamp:
                return raw.sqlite3_bind_text(statement, index, timestamps.Format(_timestamp));
            case DbValueKind.Guid:
                Span<byte> guid = stackalloc byte[36];
                _guid.TryFormat(guid, out var written, "D");
                return raw.sqlite3_bind_text(statement, index, guid[..written]);
            default:
                return raw.sqlite3_bind_null(statement, index);
        }
    }

    /// <summary>
    /// Binds a text as UTF-8, the databases' encoding, as Microsoft.Data.Sqlite binds a string: bound as UTF-16, SQLite converts each
    /// value itself when it stores it, with an allocation and a loop a character at a time (ADR 0010).
    /// </summary>
    internal static int BindText(sqlite3_stmt statement, int index, string text)
    {
        // An empty span may have no address, which SQLite would take for NULL.
        if (text.Length == 0)
        {
            return raw.sqlite3_bind_text16(statement, index, text.AsSpan());
        }

        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 1024)
        {
            Span<byte> utf8 = stackalloc byte[1024];
            return raw.sqlite3_bind_text(statement, index, utf8[..Encoding.UTF8.GetBytes(text, utf8)]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            return raw.sqlite3_bind_text(statement, index, rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Sets a SQL Server parameter the way Dapper would.</summary>
    internal void Set(DbParameter parameter)
    {
        switch (Kind)
        {
            case DbValueKind.Text:
                parameter.DbType = DbType.String;
                parameter.Size = _text!.Length > 4000 ? -1 : 4000;
                parameter.Value = _text;
                break;
            case DbValueKind.Utf8Text:
                var text = Encoding.UTF8.GetString(_utf8!);
                parameter.DbType = DbType.String;
                parameter.Size = text.Length > 4000 ? -1 : 4000;
                parameter.Value = text;
                break;
            case DbValueKind.Real:
                parameter.DbType = DbType.Double;
                parameter.Value = _number;
                break;
            case DbValueKind.Integer:
                parameter.DbType = DbType.Int64;
                parameter.Value = _integer;
                break;
            case DbValueKind.Timestamp:
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = _timestamp;
                break;
            case DbValueKind.Guid:
                parameter.DbType = DbType.Guid;
                parameter.Value = _guid;
                break;
            default:
                parameter.Value = DBNull.Value;
                break;
        }
    }
}

internal enum DbValueKind
{
    Null,
    Text,
    Utf8Text,
    Real,
    Integer,
    Timestamp,
    Guid,
}

/// <summary>The last timestamp formatted for SQLite (UTF-8): a batch stamps every row with the same instant.</summary>
internal struct TimestampText
{
    private DateTimeOffset _value;
    private byte[]? _text;

    public byte[] Format(DateTimeOffset value)
    {
        if (_text is null || value != _value || value.Offset != _value.Offset)
        {
            _value = value;
            _text = Encoding.UTF8.GetBytes(DapperTypeHandlers.FormatTimestamp(value));
        }

        return _text;
    }
}

/// <summary>
/// One single-row statement (a <c>const</c> SQL text, e.g. <c>INSERT INTO s.t (a, b) VALUES (@A, @B)</c>)
/// run for many rows, for bulk imports. The values of a row are read by one function per parameter.
/// <list type="bullet">
/// <item>SQLite: the text is prepared once per call and stepped once per row, its parameters bound
/// by position through SQLitePCL. Going through Microsoft.Data.Sqlite and Dapper instead costs, per
/// row, a parameter object per value and a native lookup of each parameter by name. A multi-row
/// <c>VALUES</c> list gains nothing on SQLite over a prepared single-row statement, and SQLite parses
/// named parameters in a time quadratic in their number (ADR 0010).</item>
/// <item>SQL Server, where each statement is a round trip: an INSERT's <c>VALUES</c> tuple is repeated
/// for up to 1,000 rows and 2,000 parameters (the engine's limits are 1,000 rows and 2,100 parameters);
/// any other statement runs once per row.</item>
/// </list>
/// </summary>
public sealed class BulkStatement<TRow> : IBulkStatement
{
    /// <summary>SQL Server accepts 2,100 parameters per command; a margin is kept.</summary>
    internal const int MaxSqlServerParameters = 2000;

    /// <summary>SQL Server accepts at most 1,000 rows in one VALUES list.</summary>
    internal const int MaxSqlServerRows = 1000;

    private readonly string _sql;
    private readonly string[] _names;
    private readonly Func<TRow, DbValue>[] _values;
    private readonly (string Head, string Tuple, string Tail)? _insert;

    /// <param name="sql">The single-row statement, parameters named <c>@Name</c>.</param>
    /// <param name="parameters">Each parameter of <paramref name="sql"/> (without <c>@</c>) and how a row gives its value.</param>
    public BulkStatement(string sql, params (string Name, Func<TRow, DbValue> Value)[] parameters)
    {
        _sql = sql;
        var used = BulkStatementSyntax.ParameterName().Matches(sql).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();
        var given = parameters.Select(p => p.Name).ToList();
        var missing = used.Except(given, StringComparer.Ordinal).ToList();
        var extra = given.Except(used, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0 || given.Count != given.Distinct(StringComparer.Ordinal).Count())
        {
            throw new ArgumentException(
                $"The values must name each parameter of the statement once (missing: {string.Join(", ", missing)}; unknown: " +
                    $"{string.Join(", ", extra)}).",
                nameof(parameters));
        }

        _names = [.. given];
        _values = [.. parameters.Select(p => p.Value)];
        if (BulkStatementSyntax.InsertValues().Match(sql) is { Success: true } insert)
        {
            _insert = (sql[..insert.Groups["tuple"].Index], insert.Groups["tuple"].Value,
                sql[(insert.Groups["tuple"].Index + insert.Groups["tuple"].Length)..]);
        }
    }

    public string Sql => _sql;

    public int ParametersPerRow => _names.Length;

    /// <summary>Rows per SQL Server command: the whole VALUES list within the engine's limits.</summary>
    public int SqlServerRowsPerCommand => _insert is null ? 1 : Math.Min(MaxSqlServerRows, MaxSqlServerParameters / Math.Max(1, _names.Length));

    /// <summary>Runs the statement for each row, in order, inside <paramref name="transaction"/>; returns the rows affected.</summary>
    public Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, IEnumerable<TRow> rows,
        CancellationToken cancellationToken = default) =>
        connection is SqliteConnection { Handle: { } handle }
            ? Task.FromResult(ExecuteOnSqlite(handle, rows))
            : ExecuteOnSqlServerAsync(connection, transaction, rows, cancellationToken);

    private int ExecuteOnSqlite(sqlite3 handle, IEnumerable<TRow> rows)
    {
        var rc = raw.sqlite3_prepare_v2(handle, _sql, out var statement);
        using (statement)
        {
            Check(rc, handle);
            var indexes = new int[_names.Length];
            for (var i = 0; i < _names.Length; i++)
            {
                indexes[i] = raw.sqlite3_bind_parameter_index(statement, "@" + _names[i]);
            }

            var timestamps = default(TimestampText);
            var affected = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < _values.Length; i++)
                {
                    Check(_values[i](row).Bind(statement, indexes[i], ref timestamps), handle);
                }

                rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
                {
                    // The statement is finalized on the way out; the transaction's owner rolls back.
                    Check(rc, handle);
                }

                raw.sqlite3_reset(statement);
                affected += raw.sqlite3_changes(handle);
            }

            return affected;
        }
    }

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    private async Task<int> ExecuteOnSqlServerAsync(DbConnection connection, DbTransaction transaction, IEnumerable<TRow> rows,
        CancellationToken cancellationToken)
    {
        var affected = 0;
        foreach (var chunk in rows.Chunk(SqlServerRowsPerCommand))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = SqlServerText(chunk.Length);
            for (var r = 0; r < chunk.Length; r++)
            {
                for (var i = 0; i < _values.Length; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = _insert is null ? "@" + _names[i] : $"@{_names[i]}_{r}";
                    _values[i](chunk[r]).Set(parameter);
                    command.Parameters.Add(parameter);
                }
            }

            affected += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return affected;
    }

    /// <summary>
    /// The SQL Server text for <paramref name="rows"/> rows: the statement itself, or for an INSERT its
    /// VALUES tuple repeated, each copy's parameters suffixed with the row's number (<c>@Uai_0</c>, <c>@Uai_1</c>...).
    /// </summary>
    public string SqlServerText(int rows)
    {
        if (_insert is not { } insert)
        {
            return _sql;
        }

        var text = new StringBuilder(insert.Head.Length + insert.Tail.Length + (insert.Tuple.Length + 40) * rows).Append(insert.Head);
        for (var r = 0; r < rows; r++)
        {
            if (r > 0)
            {
                text.Append("), (");
            }

            text.Append(BulkStatementSyntax.ParameterName().Replace(insert.Tuple, m => $"@{m.Groups["name"].Value}_{r}"));
        }

        return text.Append(insert.Tail).ToString();
    }

}

/// <summary>What the SQL Server tests check of every <see cref="BulkStatement{TRow}"/>: its texts and their size.</summary>
internal interface IBulkStatement
{
    string Sql { get; }

    int ParametersPerRow { get; }

    int SqlServerRowsPerCommand { get; }

    string SqlServerText(int rows);
}

/// <summary>How <see cref="BulkStatement{TRow}"/> reads its SQL text.</summary>
internal static partial class BulkStatementSyntax
{
    [GeneratedRegex(@"@(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    public static partial Regex ParameterName();

    // The one VALUES tuple of a single-row INSERT, up to its closing parenthesis at the end of the text.
    [GeneratedRegex(@"^\s*INSERT\s.*?\bVALUES\s*\((?<tuple>.*)\)\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    public static partial Regex InsertValues();
}
