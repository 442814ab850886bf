using System.Reflection;
using System.Text.RegularExpressions;
using Innovation.Api.Tests.Architecture;
using Innovation.BuildingBlocks.Data;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>
/// Every SQL statement the application sends, rendered for SQL Server, is valid T-SQL. Statements
/// live in <c>const string</c> fields (found here by reflection over every application assembly);
/// the source scans below keep it that way, and check the few texts built elsewhere.
/// </summary>
public sealed partial class TSqlStatementTests
{
    /// <summary>What <c>{schema}</c> templates (outbox, inbox, monitor) are rendered with.</summary>
    private const string SampleSchema = "networks";

    /// <summary>
    /// SQL texts outside constants that never run on SQL Server. Each entry is one statement,
    /// matched by its file and the start of its text (interpolation holes read as the sample schema).
    /// Everything else the source holds is parsed as T-SQL, so an entry here must say why SQL
    /// Server never sees the statement.
    /// </summary>
    private static readonly SqliteOnlyStatement[] SqliteOnly =
    [
        // SqliteConnectionSetUp, SQLite connections only: each schema is its own file, attached under the schema's name.
        // SQL Server has real schemas, so nothing is attached there.
        new("src/BuildingBlocks/Innovation.BuildingBlocks/Data/Sqlite/SqliteConnectionSetUp.cs", "ATTACH DATABASE $file AS "),

        // SqliteConnectionSetUp, SQLite connections only: SQLite enforces foreign keys only when a connection asks
        // (SQL Server always enforces them), and each attached file's durability is set there too.
        new("src/BuildingBlocks/Innovation.BuildingBlocks/Data/Sqlite/SqliteConnectionSetUp.cs", "PRAGMA foreign_keys = ON;"),
        new("src/BuildingBlocks/Innovation.BuildingBlocks/Data/Sqlite/SqliteConnectionSetUp.cs", "PRAGMA networks.synchronous = FULL;"),

        // SchemaMigrator.SqliteUpgrader only: write-ahead logging is a property of a SQLite file.
        new("src/BuildingBlocks/Innovation.BuildingBlocks/Data/SchemaMigrator.cs", "PRAGMA journal_mode = WAL;"),
    ];

    public static IEnumerable<TestCaseData> SqlConstants() =>
        DiscoverSqlConstants().Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    public static IEnumerable<TestCaseData> SqlOutsideConstants() =>
        SqlTextsOutsideConstants()
            .Where(t => !t.IsSqliteOnly)
            .Select(t => new TestCaseData(t).SetArgDisplayNames(t.Location));

    [Test]
    public void Discovery_finds_the_statements_of_the_host_the_building_blocks_and_the_modules()
    {
        var found = DiscoverSqlConstants();

        found.Should().NotBeEmpty("the application sends SQL, and all of it lives in const string fields");
        found.Select(c => $"{c.Owner.Assembly.GetName().Name}:{c.Name}").Should().Contain(
        [
            "Innovation.Modules.Networks:SchoolTable.FindSql",
            "Innovation.Api:OutboxDispatcher.PendingSql",
            "Innovation.BuildingBlocks:Inbox.ClaimSql",
            "Innovation.Api:ApiKeyAuthenticationHandler.FindKeySql",
        ], "discovery must walk nested and non-public types of every application assembly");
    }

    [TestCaseSource(nameof(SqlConstants))]
    public void Statement_rendered_for_sql_server_parses(SqlConstant statement)
    {
        var sql = ForSqlServer(statement.Sql);

        sql.Should().NotContain("{schema}").And.NotMatchRegex(@"\{\{\s*\w+",
            "every dialect token must be one SqlDialect renders (an unknown token would reach the database as is)");
        TSql.ShouldParse(sql, $"{statement.Name} ({statement.Owner.FullName}, rendered for SQL Server)");
    }

    [Test]
    public void Dapper_calls_never_take_an_inline_sql_literal()
    {
        var offenders = new List<string>();
        foreach (var file in RepositoryLayout.SourceFiles())
        {
            var source = File.ReadAllText(file);
            foreach (Match match in InlineDapperSql().Matches(source))
            {
                var line = source[..match.Index].Count(c => c == '\n') + 1;
                var literal = CSharpStringLiterals.Read(source, SampleSchema).FirstOrDefault(l => l.Start > match.Index);
                if (literal is not null && IsSqliteOnly(RepositoryLayout.Relative(file), literal.Text))
                {
                    continue;
                }

                offenders.Add($"  {RepositoryLayout.Relative(file)}:{line}: {Regex.Replace(match.Value, @"\s+", " ")}");
            }
        }

        if (offenders.Count > 0)
        {
            Assert.Fail("Dapper calls must take SQL from a const string field (so the T-SQL parsing test sees it), not an inline literal:"
                + Environment.NewLine + string.Join(Environment.NewLine, offenders));
        }
    }

    [TestCaseSource(nameof(SqlOutsideConstants))]
    public void Sql_text_outside_a_constant_parses_as_t_sql(SourceSqlText text)
    {
        var sql = ForSqlServer(text.Sql);
        TSql.ShouldParse(sql,
            $"{text.Location} (SQL built outside a constant, interpolation holes read as '{SampleSchema}'; "
            + "if SQL Server never runs it, add it to TSqlStatementTests.SqliteOnly and say why)");
    }

    [Test]
    public void Every_sqlite_only_entry_names_a_statement_that_exists()
    {
        var texts = SqlTextsOutsideConstants();
        var stale = SqliteOnly.Where(entry => !texts.Any(t => entry.Matches(t.File, t.Sql))).ToList();

        stale.Should().BeEmpty("an allow-list entry whose statement is gone must be removed, or it would excuse a future statement");
        texts.Should().Contain(t => t.IsSqliteOnly, "the SQLite-only statements of Db.cs and SchemaMigrator.cs are found by the source scan");
        texts.Should().Contain(t => !t.IsSqliteOnly, "the statements SchemaMigrator sends to SQL Server are found by the source scan");
    }

    /// <summary>
    /// What the application sends to SQL Server for a shared SQL text: the schema token filled, the
    /// dialect tokens rendered, and Dapper's own rewriting applied (a list parameter after IN becomes
    /// a parenthesised list of parameters; a <c>{=Name}</c> literal becomes a value).
    /// </summary>
    internal static string ForSqlServer(string sql)
    {
        var rendered = SqlDialect.SqlServer.Render(sql.Replace("{schema}", SampleSchema, StringComparison.Ordinal));
        rendered = DapperListParameter().Replace(rendered, m => $"{m.Groups["in"].Value} (@{m.Groups["name"].Value}1, @{m.Groups["name"].Value}2)");
        return DapperLiteralToken().Replace(rendered, "0");
    }

    internal static IReadOnlyList<SqlConstant> DiscoverSqlConstants() =>
        AppAssemblies.All
            .SelectMany(AppAssemblies.TypesOf)
            .SelectMany(type => type
                .GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (Type: type, Field: f, Value: f.GetRawConstantValue() as string)))
            .Where(x => x.Value is not null && SqlStatementStart().IsMatch(x.Value.TrimStart()))
            .Select(x => new SqlConstant(x.Type, x.Field.Name, x.Value!))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every SQL-looking string literal of src/ that is not a const field's value.</summary>
    internal static IReadOnlyList<SourceSqlText> SqlTextsOutsideConstants()
    {
        var texts = new List<SourceSqlText>();
        foreach (var path in RepositoryLayout.SourceFiles())
        {
            var source = File.ReadAllText(path);
            var file = RepositoryLayout.Relative(path);
            foreach (var literal in CSharpStringLiterals.Read(source, SampleSchema))
            {
                if (SourceSqlStart().IsMatch(literal.Text.TrimStart()) && !ConstInitializer()
                    .IsMatch(CSharpStringLiterals.LinePrefix(source, literal)))
                {
                    texts.Add(new SourceSqlText(file, literal.Line, literal.Text.Trim(), IsSqliteOnly(file, literal.Text)));
                }
            }
        }

        return texts;
    }

    private static bool IsSqliteOnly(string file, string sql) => SqliteOnly.Any(entry => entry.Matches(file, sql));

    private static string ShortName(Type type) =>
        type.DeclaringType is { } outer ? $"{ShortName(outer)}.{type.Name}" : type.Name;

    // The statements the reflection test picks (any case, as SQL allows).
    [GeneratedRegex(@"^(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SqlStatementStart();

    // SQL among all the literals of the source: upper-case keywords only, so prose ("Update a school") is not taken for SQL.
    [GeneratedRegex(@"^(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|ATTACH|PRAGMA|CREATE|ALTER|DROP|TRUNCATE|IF|EXEC|EXECUTE|DECLARE|BEGIN|SET)\s")]
    private static partial Regex SourceSqlStart();

    // A literal that is a const field's value (its opening quote on the declaration's line).
    [GeneratedRegex(@"\bconst\s+string\s+\w+\s*=\s*$")]
    private static partial Regex ConstInitializer();

    [GeneratedRegex(
        @"\.(Query|QuerySingle|QuerySingleOrDefault|QueryFirst|QueryFirstOrDefault|Execute|ExecuteScalar)" +
        @"\w*(<[^>]*>)?\(\s*(sql\s*:\s*)?[\$@]*""+\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex InlineDapperSql();

    // Dapper expands "IN @Ids" (an enumerable parameter) into "IN (@Ids1, @Ids2, ...)".
    [GeneratedRegex(@"(?<in>\bIN)\s+@(?<name>\w+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DapperListParameter();

    // Dapper inlines "{=Name}" literal tokens as values.
    [GeneratedRegex(@"\{=\w+\}")]
    private static partial Regex DapperLiteralToken();

    /// <summary>A const string field holding a SQL statement.</summary>
    public sealed record SqlConstant(Type Owner, string Field, string Sql)
    {
        public string Name => $"{ShortName(Owner)}.{Field}";

        public override string ToString() => Name;
    }

    /// <summary>A SQL text written in src/ outside a const field (holes filled with the sample schema).</summary>
    public sealed record SourceSqlText(string File, int Line, string Sql, bool IsSqliteOnly)
    {
        public string Location => $"{File}:{Line}";

        public override string ToString() => Location;
    }

    private sealed record SqliteOnlyStatement(string File, string StartsWith)
    {
        public bool Matches(string file, string sql) =>
            string.Equals(file, File, StringComparison.Ordinal) && sql.TrimStart().StartsWith(StartsWith, StringComparison.Ordinal);
    }
}
