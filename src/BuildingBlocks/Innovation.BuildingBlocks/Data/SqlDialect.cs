using System.Collections.Concurrent;

namespace Innovation.BuildingBlocks.Data;

/// <summary>
/// The few places where SQLite and SQL Server disagree. Shared SQL text carries a token for each,
/// rendered once per engine and cached:
/// <list type="bullet">
/// <item><c>{{limit @p}}</c>, paging: <c>LIMIT @p</c> / <c>OFFSET 0 ROWS FETCH NEXT @p ROWS ONLY</c>;</item>
/// <item><c>{{string_agg value, separator ORDER BY key}}</c>, an ordered concatenation:
/// <c>string_agg(value, separator ORDER BY key)</c> / <c>STRING_AGG(value, separator) WITHIN GROUP (ORDER BY key)</c>;</item>
/// <item><c>{{binary}}</c> after a text, to compare or sort it by its characters' codes, as SQLite does by default:
/// <c>COLLATE BINARY</c> / <c>COLLATE Latin1_General_100_BIN2</c> (SQL Server's columns otherwise use the database's
/// linguistic collation).</item>
/// </list>
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(DatabaseProvider.Sqlite);
    public static readonly SqlDialect SqlServer = new(DatabaseProvider.SqlServer);

    /// <summary>The binary collation of SQL Server text keys the code compares exactly (migrations name it too).</summary>
    public const string BinaryCollation = "Latin1_General_100_BIN2";

    private readonly ConcurrentDictionary<string, string> _rendered = new();

    private SqlDialect(DatabaseProvider provider) => Provider = provider;

    public DatabaseProvider Provider { get; }

    public static SqlDialect For(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? SqlServer : Sqlite;

    /// <summary>The dialect of an open connection, for code that has the connection but not the <see cref="Db"/>.</summary>
    public static SqlDialect For(System.Data.Common.DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection ? Sqlite : SqlServer;

    /// <summary>
    /// Ids for an <c>IN @Ids</c> list, as their text on both engines. Dapper expands a list without the GUID type
    /// handler: SQLite (GUIDs stored as text) needs the text, and SQL Server would receive each GUID as
    /// <c>sql_variant</c>, whose precedence converts the column, not the parameter (a scan where a seek was meant);
    /// an <c>nvarchar</c> text is converted to the column's <c>UNIQUEIDENTIFIER</c>.
    /// </summary>
    /// (The declared type must be a list: Dapper decides to expand from it.)
    public System.Collections.IEnumerable IdList(IEnumerable<Guid> ids) => ids.Select(id => id.ToString("D")).ToList();

    /// <summary>
    /// Codes for an <c>IN @Codes</c> list compared with a <c>CHAR</c>/<c>VARCHAR</c> column (UAIs): <c>varchar</c> parameters on
    /// SQL Server, where an <c>nvarchar</c> one would convert the column, not the parameter (a scan where a seek was meant);
    /// the texts as they are on SQLite. A single such parameter is written <c>CAST(@P AS VARCHAR(8000))</c> instead (ADR 0003).
    /// </summary>
    /// (The declared type must be a list: Dapper decides to expand from it.)
    public System.Collections.IEnumerable AnsiList(IEnumerable<string> codes) => Provider == DatabaseProvider.SqlServer
        ? codes.Select(code => new Dapper.DbString { Value = code, IsAnsi = true }).ToList()
        : codes;

    /// <summary>
    /// The order this engine sorts a GUID column in (text on SQLite; SQL Server's own byte order), for rows of several
    /// tables merged in memory in the order each table gave them.
    /// </summary>
    public IComparer<Guid> IdOrder => Provider == DatabaseProvider.SqlServer ? SqlServerIdOrder : TextIdOrder;

    private static readonly IComparer<Guid> SqlServerIdOrder =
        Comparer<Guid>.Create((a, b) => new System.Data.SqlTypes.SqlGuid(a).CompareTo(new System.Data.SqlTypes.SqlGuid(b)));

    private static readonly IComparer<Guid> TextIdOrder = Comparer<Guid>.Create((a, b) => string.CompareOrdinal(a.ToString("D"), b.ToString("D")));

    /// <summary>Renders a shared SQL text for this engine.</summary>
    public string Render(string sql) => _rendered.GetOrAdd(sql, RenderCore);

    private string RenderCore(string sql)
    {
        sql = RenderTokens(sql, "{{limit ", parameter => Provider == DatabaseProvider.SqlServer
            ? $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY"
            : $"LIMIT {parameter}");
        sql = sql.Replace(
            "{{binary}}", Provider == DatabaseProvider.SqlServer ? "COLLATE " + BinaryCollation : "COLLATE BINARY", StringComparison.Ordinal);
        return RenderTokens(sql, "{{string_agg ", arguments =>
        {
            // Both engines concatenate in an order of their choosing unless told.
            var orderBy = arguments.LastIndexOf(" ORDER BY ", StringComparison.Ordinal);
            if (orderBy < 0)
            {
                throw new InvalidOperationException($"string_agg needs an ORDER BY: {arguments}");
            }

            return Provider == DatabaseProvider.SqlServer
                ? $"STRING_AGG({arguments[..orderBy]}) WITHIN GROUP ({arguments[(orderBy + 1)..]})"
                : $"string_agg({arguments})";
        });
    }

    private static string RenderTokens(string sql, string open, Func<string, string> render)
    {
        var start = sql.IndexOf(open, StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = sql.IndexOf("}}", start, StringComparison.Ordinal);
            var rendered = render(sql[(start + open.Length)..end].Trim());
            sql = string.Concat(sql.AsSpan(0, start), rendered, sql.AsSpan(end + 2));
            start = sql.IndexOf(open, start + rendered.Length, StringComparison.Ordinal);
        }

        return sql;
    }
}
