using Innovation.BuildingBlocks.Data;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>The one place where the shared SQL text becomes engine-specific: paging.</summary>
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
