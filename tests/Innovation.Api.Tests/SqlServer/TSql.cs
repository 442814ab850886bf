using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>Parses T-SQL the way SQL Server 2022 reads it (quoted identifiers on, as SqlClient sessions have them).</summary>
internal static class TSql
{
    public static TSqlFragment Parse(string sql, out IList<ParseError> errors)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        return parser.Parse(reader, out errors);
    }

    /// <summary>Fails with every parser error, each with its line of SQL, when <paramref name="sql"/> is not valid T-SQL.</summary>
    public static TSqlScript ShouldParse(string sql, string what)
    {
        var fragment = Parse(sql, out var errors);
        if (errors.Count > 0)
        {
            Assert.Fail($"{what} is not valid T-SQL (SQL Server 2022 parser), {errors.Count} error(s):{Environment.NewLine}"
                + Describe(errors, sql) + $"{Environment.NewLine}--- SQL as parsed ---{Environment.NewLine}{sql}");
        }

        return (TSqlScript)fragment;
    }

    public static string Describe(IEnumerable<ParseError> errors, string sql)
    {
        var lines = sql.Split('\n');
        return string.Join(Environment.NewLine, errors.Select(e =>
        {
            var text = e.Line >= 1 && e.Line <= lines.Length ? $"{Environment.NewLine}      > {lines[e.Line - 1].TrimEnd()}" : "";
            return $"  line {e.Line}, column {e.Column}: {e.Message} (parser error {e.Number}){text}";
        }));
    }
}
