using System.Data;
using System.Text.RegularExpressions;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Microsoft.Data.SqlClient;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>
/// Dapper sends a string as <c>nvarchar</c>. Compared with a <c>CHAR</c>/<c>VARCHAR</c> column (UAIs, key hashes, school
/// years), that makes SQL Server convert the column, not the parameter, by type precedence: an index scan where a seek was
/// meant (and, for the school lock, a scan under update locks). So every parameter a statement compares with such a column
/// is cast in the statement, <c>CAST(@P AS VARCHAR(8000))</c> (a no-op on SQLite), and every Dapper list compared with one
/// is bound through <see cref="SqlDialect.AnsiList"/>, whose items go as <c>varchar</c> (ADR 0003). A text stored in such a
/// column needs nothing: an assignment converts the value, and no index is searched with it.
/// </summary>
public sealed partial class AnsiParameterTests
{
    private const string AnsiCast = "VARCHAR(8000)";

    private static readonly Lazy<Checked> Result = new(Check);

    [Test]
    public void Every_parameter_compared_with_a_char_or_varchar_column_is_sent_as_ansi()
    {
        var result = Result.Value;

        result.Problems.Should().BeEmpty();
        result.NotAnsi.Should().BeEmpty(
            $"an nvarchar parameter makes SQL Server convert the column (a scan): write CAST(@P AS {AnsiCast}), "
            + "or bind a list through SqlDialect.AnsiList (ADR 0003)");
    }

    [Test]
    public void No_parameter_compared_with_a_unicode_column_is_cast_to_ansi()
    {
        Result.Value.AnsiOnUnicode.Should().BeEmpty("a varchar value loses the characters its code page lacks");
    }

    [Test]
    public void The_check_sees_the_comparisons_of_every_schema_that_has_char_columns()
    {
        var result = Result.Value;
        var schemasWithCharColumns = SqlServerSchemaModel.FromMigrations().Tables
            .Where(t => t.Value.Values.Any(c => IsAnsi(c.DataType)))
            .Select(t => t.Key.Split('.')[0])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        schemasWithCharColumns.Should().Contain(["host", "networks", "projects", "accompaniment", "evaluation"]);
        result.CheckedSchemas.Should().Contain(["host", "networks", "projects", "accompaniment"],
            "each of these compares a parameter with a CHAR column, so the check must pair some of them");
        result.Statements.Should().BeGreaterThan(100, "the check reads every statement of every module");
    }

    [Test]
    public void An_ansi_list_goes_to_sql_server_as_varchar_and_to_sqlite_as_it_is()
    {
        using var command = new SqlCommand("SELECT uai FROM networks.school WHERE uai IN @Uais");
        string[] uais = ["0750001A", "0951099D"];

#pragma warning disable CS0618 // "for internal use only": Dapper's own list expansion, which is what this checks
        SqlMapper.PackListParameters(command, "Uais", SqlDialect.SqlServer.AnsiList(uais));
#pragma warning restore CS0618

        command.Parameters.Cast<SqlParameter>().Select(p => (p.SqlDbType, (string)p.Value))
            .Should().Equal((SqlDbType.VarChar, "0750001A"), (SqlDbType.VarChar, "0951099D"));
        SqlDialect.Sqlite.AnsiList(uais).Should().BeSameAs(uais, "SQLite has one text type: nothing to convert, nothing to pay");
    }

    private static Checked Check()
    {
        var schema = SqlServerSchemaModel.FromMigrations();
        var sources = RepositoryLayout.SourceFiles().Select(f => (File: RepositoryLayout.Relative(f), Text: File.ReadAllText(f))).ToList();
        var notAnsi = new List<string>();
        var ansiOnUnicode = new List<string>();
        var checkedSchemas = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var statements = 0;
        foreach (var constant in TSqlStatementTests.DiscoverSqlConstants())
        {
            statements++;
            foreach (var pair in StatementColumns.Of(TSqlStatementTests.ForSqlServer(constant.Sql), schema).Where(p => !p.Written))
            {
                if (!schema.Tables.TryGetValue(pair.Table, out var columns) || !columns.TryGetValue(pair.Column, out var column))
                {
                    continue;
                }

                var where = $"{constant.Name}: @{pair.Parameter} compared with {pair.Table}.{pair.Column} {column.Declared}";
                if (!IsAnsi(column.DataType))
                {
                    if (pair.CastTo is { } cast && IsAnsi(cast))
                    {
                        ansiOnUnicode.Add($"{where}, cast to {cast}");
                    }

                    continue;
                }

                checkedSchemas.Add(pair.Table.Split('.')[0]);
                if (pair.List)
                {
                    notAnsi.AddRange(UnicodeListBindings(pair.Parameter, sources).Select(b => $"{where}, a list bound {b}"));
                }
                else if (!string.Equals(pair.CastTo?.Replace(" ", "", StringComparison.Ordinal), AnsiCast, StringComparison.OrdinalIgnoreCase))
                {
                    notAnsi.Add($"{where}, sent {(pair.CastTo is null ? "as nvarchar" : "cast to " + pair.CastTo)}");
                }
            }
        }

        return new Checked(notAnsi.Distinct().Order(StringComparer.Ordinal).ToList(), ansiOnUnicode.Distinct().ToList(), checkedSchemas,
            statements, schema.Problems);
    }

    private static bool IsAnsi(string type) => Regex.IsMatch(type, @"^\s*(var)?char\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// Where the source binds a Dapper list of this name without <see cref="SqlDialect.AnsiList"/>: an anonymous object's member
    /// (<c>new { Uais = uais }</c>) or a <c>DynamicParameters.Add</c> (KeyLookup's, whose list parameter is named by its caller).
    /// </summary>
    private static IEnumerable<string> UnicodeListBindings(string parameter, List<(string File, string Text)> sources)
    {
        var member = new Regex(@"new\s*\{[^{}]*?\b" + Regex.Escape(parameter) + @"\b\s*(?<value>=\s*[^,}]+|[,}])");
        foreach (var (file, text) in sources)
        {
            foreach (Match match in member.Matches(text))
            {
                if (!match.Groups["value"].Value.Contains("AnsiList(", StringComparison.Ordinal))
                {
                    yield return $"in {file}:{text[..match.Index].Count(c => c == '\n') + 1} ({Regex.Replace(match.Value, @"\s+", " ")})";
                }
            }

            foreach (Match match in DynamicListAdd().Matches(text))
            {
                if (!match.Groups["value"].Value.Contains("AnsiList(", StringComparison.Ordinal))
                {
                    yield return $"in {file}:{text[..match.Index].Count(c => c == '\n') + 1} ({match.Value})";
                }
            }
        }
    }

    // DynamicParameters.Add of a list parameter named by a variable (KeyLookup's listParameter).
    [GeneratedRegex(@"\.Add\(\s*listParameter\s*,\s*(?<value>[^;]+)\);")]
    private static partial Regex DynamicListAdd();

    private sealed record Checked(
        List<string> NotAnsi, List<string> AnsiOnUnicode, HashSet<string> CheckedSchemas, int Statements, IReadOnlyList<string> Problems);
}
