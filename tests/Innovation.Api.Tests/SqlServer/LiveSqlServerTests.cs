using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>
/// Migrations on a real SQL Server, through the app itself, whenever
/// <see cref="Engines.SqlServerVariable"/> names a database; reported as skipped, with the reason,
/// otherwise. (The HTTP suites run on SQL Server through <see cref="ApiTest"/>; this fixture covers
/// what they take for granted: the migrations and the resulting schema.)
/// </summary>
public sealed class LiveSqlServerTests
{
    private const string ColumnsSql = """
        SELECT c.TABLE_SCHEMA AS [Schema], c.TABLE_NAME AS [Table], c.COLUMN_NAME AS [Column], c.DATA_TYPE AS DataType,
               c.IS_NULLABLE AS IsNullable, c.CHARACTER_MAXIMUM_LENGTH AS MaxLength
        FROM INFORMATION_SCHEMA.COLUMNS c
        JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
        WHERE t.TABLE_TYPE = 'BASE TABLE' AND c.TABLE_SCHEMA IN @Schemas AND c.TABLE_NAME <> @Journal
        """;

    private ApiFactory _factory = null!;
    private Db _db = null!;

    [OneTimeSetUp]
    public void MigrateSqlServerThroughTheApp()
    {
        if (Engines.SqlServerConnectionString is null)
        {
            Assert.Ignore($"Live SQL Server suite skipped: set {Engines.SqlServerVariable} to a SQL Server connection string to run it.");
        }

        _factory = new ApiFactory(Engine.SqlServer);
        _db = _factory.Services.GetRequiredService<Db>(); // starts the app, which migrates every schema
        _db.Provider.Should().Be(DatabaseProvider.SqlServer);
    }

    [OneTimeTearDown]
    public void StopApp() => _factory?.Dispose();

    [Test]
    public async Task After_start_up_no_schema_has_a_pending_migration()
    {
        var pending = await _factory.Services.GetRequiredService<SchemaMigrator>().PendingAsync(CancellationToken.None);

        pending.Keys.Should().BeEquivalentTo(_db.Schemas);
        pending.Where(p => p.Value != 0).Should().BeEmpty("every migration of every schema is applied at start-up");
    }

    [Test]
    public async Task A_second_start_applies_nothing_and_every_journal_matches_the_migrations_on_disk()
    {
        var before = await JournalCountsAsync();
        using (var second = new ApiFactory(Engine.SqlServer))
        {
            _ = second.Services; // a second start-up runs the migrator again
        }

        var after = await JournalCountsAsync();

        after.Should().Equal(before, "migrations already journaled are never run again");
        var onDisk = RepositoryLayout.MigrationFiles(RepositoryLayout.SqlServerEngine)
            .GroupBy(f => f.Schema!).ToDictionary(g => g.Key, g => g.Count());
        after.Should().BeEquivalentTo(onDisk, "each schema's journal holds one row per SQL Server migration of its folder");
    }

    [Test]
    public async Task The_columns_on_sql_server_are_the_ones_the_migrations_declare()
    {
        await using var connection = new SqlConnection(Engines.SqlServerConnectionString);
        var live = (await connection.QueryAsync<LiveColumn>(ColumnsSql, new { Schemas = _db.Schemas, Journal = SchemaMigrator.JournalTable }))
            .ToList();
        live.Should().NotBeEmpty("the migrated database has tables in the module schemas");

        var model = SqlServerSchemaModel.FromMigrations();
        model.Problems.Should().BeEmpty();
        var declared = model.Tables
            .SelectMany(t => t.Value.Values.Select(c => $"{t.Key}.{c.Name} {c.DataType}{Length(c.Length)} {(c.Nullable ? "NULL" : "NOT NULL")}"))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var actual = live
            .Select(c =>
                $"{c.Schema}.{c.Table}.{c.Column} {c.DataType}{Length(IsSized(c.DataType) ? c.MaxLength : null)} " +
                $"{(c.IsNullable == "YES" ? "NULL" : "NOT NULL")}")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var differences = actual.Except(declared).Select(c => $"  on the server only: {c}")
            .Concat(declared.Except(actual).Select(c => $"  in the migrations only: {c}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (differences.Count > 0)
        {
            Assert.Fail("The live SQL Server schema and the one parsed from db-migrations/sqlserver differ:" + Environment.NewLine
                + string.Join(Environment.NewLine, differences));
        }
    }

    private static bool IsSized(string dataType) =>
        dataType is "char" or "varchar" or "nchar" or "nvarchar" or "binary" or "varbinary";

    private static string Length(int? length) => length switch
    {
        null => "",
        -1 => "(max)",
        var n => $"({n})",
    };

    private async Task<Dictionary<string, int>> JournalCountsAsync()
    {
        await using var connection = new SqlConnection(Engines.SqlServerConnectionString);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var schema in _db.Schemas)
        {
            counts[schema] = await connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM [{schema}].[{SchemaMigrator.JournalTable}]");
        }

        return counts;
    }

    private sealed class LiveColumn
    {
        public string Schema { get; init; } = "";
        public string Table { get; init; } = "";
        public string Column { get; init; } = "";
        public string DataType { get; init; } = "";
        public string IsNullable { get; init; } = "";
        public int? MaxLength { get; init; }
    }
}
