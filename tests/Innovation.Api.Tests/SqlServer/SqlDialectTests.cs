using Innovation.BuildingBlocks.Data;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>The one place where the shared SQL text becomes engine-specific: paging and ordered concatenation.</summary>
public sealed class SqlDialectTests
{
    private const string Paged = "SELECT uai FROM networks.school ORDER BY uai {{limit @Take}}";

    [Test]
    public void Limit_renders_as_limit_on_sqlite() =>
        SqlDialect.Sqlite.Render(Paged).Should().Be("SELECT uai FROM networks.school ORDER BY uai LIMIT @Take");

    [Test]
    public void Limit_renders_as_offset_fetch_on_sql_server() =>
        SqlDialect.SqlServer.Render(Paged).Should().Be("SELECT uai FROM networks.school ORDER BY uai OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY");

    [Test]
    public void The_sql_server_rendering_is_valid_t_sql() =>
        TSql.ShouldParse(SqlDialect.SqlServer.Render(Paged), "the rendered paging clause");

    [Test]
    public void Every_token_of_a_statement_is_rendered()
    {
        const string sql = """
            SELECT a.id FROM (SELECT id FROM host.api_key ORDER BY id {{limit @Inner}}) a
            UNION ALL
            SELECT position FROM host.event_feed ORDER BY position {{limit  @Outer }}
            """;

        SqlDialect.Sqlite.Render(sql).Should().Be("""
            SELECT a.id FROM (SELECT id FROM host.api_key ORDER BY id LIMIT @Inner) a
            UNION ALL
            SELECT position FROM host.event_feed ORDER BY position LIMIT @Outer
            """);
        SqlDialect.SqlServer.Render(sql).Should().Be("""
            SELECT a.id FROM (SELECT id FROM host.api_key ORDER BY id OFFSET 0 ROWS FETCH NEXT @Inner ROWS ONLY) a
            UNION ALL
            SELECT position FROM host.event_feed ORDER BY position OFFSET 0 ROWS FETCH NEXT @Outer ROWS ONLY
            """);
    }

    private const string Concatenated = "SELECT {{string_agg CONCAT(a.code, CHAR(31), a.name), CHAR(30) ORDER BY a.code}} FROM (SELECT code, name " +
        "FROM networks.academie ORDER BY code {{limit @Take}}) a";

    [Test]
    public void String_agg_keeps_its_order_by_inside_the_call_on_sqlite() =>
        SqlDialect.Sqlite.Render(Concatenated).Should().Be(
            "SELECT string_agg(CONCAT(a.code, CHAR(31), a.name), CHAR(30) ORDER BY a.code) FROM (SELECT code, name FROM networks.academie ORDER BY " +
                "code LIMIT @Take) a");

    [Test]
    public void String_agg_orders_within_group_on_sql_server()
    {
        var rendered = SqlDialect.SqlServer.Render(Concatenated);

        rendered.Should().Be(
            "SELECT STRING_AGG(CONCAT(a.code, CHAR(31), a.name), CHAR(30)) WITHIN GROUP (ORDER BY a.code) FROM (SELECT code, name FROM " +
                "networks.academie ORDER BY code OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY) a");
        TSql.ShouldParse(rendered, "the rendered ordered concatenation");
    }

    [Test]
    public void String_agg_without_an_order_is_refused()
    {
        // Both engines would concatenate in an order of their choosing.
        var act = () => SqlDialect.Sqlite.Render("SELECT {{string_agg name, ','}} FROM networks.academie");

        act.Should().Throw<InvalidOperationException>().WithMessage("*ORDER BY*");
    }

    [Test]
    public void Binary_compares_by_character_codes_on_both_engines()
    {
        const string sql = "SELECT {{string_agg tag, ',' ORDER BY tag {{binary}}}} FROM projects.project_tag ORDER BY MIN(tag {{binary}})";

        SqlDialect.Sqlite.Render(sql).Should().Be(
            "SELECT string_agg(tag, ',' ORDER BY tag COLLATE BINARY) FROM projects.project_tag ORDER BY MIN(tag COLLATE BINARY)");
        var rendered = SqlDialect.SqlServer.Render(sql);
        rendered.Should().Be("SELECT STRING_AGG(tag, ',') WITHIN GROUP (ORDER BY tag COLLATE Latin1_General_100_BIN2) " +
            "FROM projects.project_tag ORDER BY MIN(tag COLLATE Latin1_General_100_BIN2)");
        TSql.ShouldParse(rendered, "the rendered binary comparison");
    }

    [Test]
    public void A_statement_with_a_dialect_token_is_rendered_wherever_it_is_sent()
    {
        var tokened = TSqlStatementTests.DiscoverSqlConstants().Where(c => c.Sql.Contains("{{", StringComparison.Ordinal))
            .Select(c => $"{c.Owner.Name}.{c.Field}").ToHashSet(StringComparer.Ordinal);
        var unrendered = new List<string>();
        foreach (var path in RepositoryLayout.SourceFiles())
        {
            var lines = File.ReadAllLines(path);
            var declared = System.Text.RegularExpressions.Regex.Matches(string.Join('\n', lines), @"\b(?:class|record|struct)\s+(\w+)")
                .Select(m => m.Groups[1].Value).ToList();
            for (var i = 0; i < lines.Length; i++)
            {
                var sent = System.Text.RegularExpressions.Regex.Match(
                    lines[i], @"(Query\w*|Execute\w*)(<[^>]*>)?\(((?<owner>\w+)\.)?(?<name>\w+Sql)\b");
                var owners = sent.Groups["owner"].Success ? [sent.Groups["owner"].Value] : declared;
                if (sent.Success && owners.Any(owner => tokened.Contains($"{owner}.{sent.Groups["name"].Value}")))
                {
                    unrendered.Add($"{RepositoryLayout.Relative(path)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        unrendered.Should().BeEmpty("a token sent as written is a syntax error on both engines: send db.Sql(...) or SqlDialect.For(...).Render(...)");
    }

    [Test]
    public void Id_lists_go_as_text_on_both_engines_never_as_sql_variant()
    {
        var ids = new[] { SortableId.New(), SortableId.New() };

        foreach (var dialect in new[] { SqlDialect.Sqlite, SqlDialect.SqlServer })
        {
            dialect.IdList(ids).Cast<object>().Should().Equal(ids.Select(id => id.ToString("D")),
                "an object-typed GUID goes to SQL Server as sql_variant, which converts the column instead of the value");
        }
    }

    [TestCase("SELECT code, name FROM networks.academie ORDER BY code")]
    [TestCase("UPDATE host.api_key SET revoked_at = @Now WHERE id = @Id AND scopes <> '{limit}'")]
    [TestCase("")]
    public void Text_without_tokens_is_unchanged(string sql)
    {
        SqlDialect.Sqlite.Render(sql).Should().Be(sql);
        SqlDialect.SqlServer.Render(sql).Should().Be(sql);
    }

    [Test]
    public void For_picks_the_engine_dialect()
    {
        SqlDialect.For(DatabaseProvider.Sqlite).Should().BeSameAs(SqlDialect.Sqlite);
        SqlDialect.For(DatabaseProvider.SqlServer).Should().BeSameAs(SqlDialect.SqlServer);
    }
}
