using System.Collections.Concurrent;

namespace Innovation.BuildingBlocks.Data;

/// <summary>
/// The few places where SQLite and SQL Server disagree. Shared SQL text carries a token for each,
/// rendered once per engine and cached: <c>{{limit @p}}</c> (paging) is the only one so far.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(DatabaseProvider.Sqlite);
    public static readonly SqlDialect SqlServer = new(DatabaseProvider.SqlServer);

    private readonly ConcurrentDictionary<string, string> _rendered = new();

    private SqlDialect(DatabaseProvider provider) => Provider = provider;

    public DatabaseProvider Provider { get; }

    public static SqlDialect For(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? SqlServer : Sqlite;

    /// <summary>Renders a shared SQL text for this engine.</summary>
    public string Render(string sql) => _rendered.GetOrAdd(sql, RenderCore);

    private string RenderCore(string sql)
    {
        const string open = "{{limit ";
        var start = sql.IndexOf(open, StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = sql.IndexOf("}}", start, StringComparison.Ordinal);
            var parameter = sql[(start + open.Length)..end].Trim();
            var clause = Provider == DatabaseProvider.SqlServer
                ? $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY"
                : $"LIMIT {parameter}";
            sql = string.Concat(sql.AsSpan(0, start), clause, sql.AsSpan(end + 2));
            start = sql.IndexOf(open, start, StringComparison.Ordinal);
        }

        return sql;
    }
}
