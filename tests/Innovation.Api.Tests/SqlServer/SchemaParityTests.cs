using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>
/// The two engines hold the same tables and columns: the SQLite schema as the real app migrates it,
/// against the SQL Server schema the T-SQL migrations declare (read with ScriptDom). Every
/// difference is listed at once.
/// </summary>
public sealed class SchemaParityTests
{
    private ApiFactory _factory = null!;
    private Db _db = null!;
    private Dictionary<string, Dictionary<string, SqliteColumn>> _sqlite = null!;
    private SqlServerSchemaModel _sqlServer = null!;

    [OneTimeSetUp]
    public async Task MigrateSqliteAndReadBothSchemas()
    {
        _factory = new ApiFactory(Engine.Sqlite);
        _db = _factory.Services.GetRequiredService<Db>(); // starts the app, which migrates every schema
        _sqlite = await ReadSqliteSchemaAsync(_db);
        _sqlServer = SqlServerSchemaModel.FromMigrations();
    }

    [OneTimeTearDown]
    public void StopApp() => _factory?.Dispose();

    [Test]
    public void The_app_registers_exactly_the_schemas_that_have_migrations()
    {
        _db.Schemas.Should().BeEquivalentTo(RepositoryLayout.SchemaFolders(RepositoryLayout.SqlServerEngine),
            "each registered schema is created by the migrations of its folder, and each folder belongs to a registered schema");
        _db.Schemas.Should().BeEquivalentTo(RepositoryLayout.SchemaFolders(RepositoryLayout.SqliteEngine));
    }

    [Test]
    public void Every_migration_on_disk_ships_in_its_schema_assembly()
    {
        var differences = new List<string>();
        foreach (var schema in _factory.Services.GetServices<ModuleSchema>())
        {
            foreach (var (engine, provider) in new[] { (RepositoryLayout.SqliteEngine, DatabaseProvider.Sqlite),
                (RepositoryLayout.SqlServerEngine, DatabaseProvider.SqlServer) })
            {
                var onDisk = RepositoryLayout.MigrationFiles(engine).Where(f => f.Schema == schema.Name).Select(f => $"{schema.Name}/{f.FileName}");
                var embedded = schema.Migrations(provider).Select(m => m.Name);
                differences.AddRange(onDisk.Except(embedded)
                    .Select(n => $"  {engine}: {n} is on disk but not embedded in {schema.MigrationsAssembly.GetName().Name} (it would never run)"));
                differences.AddRange(embedded.Except(onDisk)
                    .Select(n => $"  {engine}: {n} is embedded in {schema.MigrationsAssembly.GetName().Name} but not on disk"));
            }
        }

        if (differences.Count > 0)
        {
            Assert.Fail("Migrations on disk and migrations the app runs differ:" + Environment.NewLine
                + string.Join(Environment.NewLine, differences));
        }
    }

    [Test]
    public void The_sql_server_migrations_can_be_followed()
    {
        if (_sqlServer.Problems.Count > 0)
        {
            Assert.Fail("The SQL Server schema cannot be read from its migrations:" + Environment.NewLine
                + string.Join(Environment.NewLine, _sqlServer.Problems.Select(p => "  " + p)));
        }
    }

    [Test]
    public void Both_schemas_were_read()
    {
        // Guards the comparison below against two empty readings that would trivially agree.
        foreach (var schema in _db.Schemas)
        {
            _sqlite.Keys.Should().Contain(k => k.StartsWith(schema + ".", StringComparison.Ordinal), $"the SQLite schema '{schema}' has tables");
            _sqlServer.Tables.Keys.Should().Contain(k => k.StartsWith(schema + ".", StringComparison.Ordinal),
                $"the SQL Server migrations of '{schema}' create tables");
        }

        _sqlite.Should().ContainKey("networks.school").WhoseValue.Should().ContainKeys("uai", "name", "latitude", "version");
        _sqlServer.Tables.Should().ContainKey("host.api_key").WhoseValue.Should().ContainKeys("id", "key_hash", "revoked_at");
    }

    [Test]
    public void Sqlite_and_sql_server_have_the_same_tables_columns_nullability_and_type_families()
    {
        var differences = Compare(_sqlite, _sqlServer.Tables);
        if (differences.Count > 0)
        {
            Assert.Fail($"The SQLite schema (as migrated) and the SQL Server schema (as declared in db-migrations/sqlserver) differ in " +
                $"{differences.Count} place(s):"
                + Environment.NewLine + string.Join(Environment.NewLine, differences.Select(d => "  " + d)));
        }
    }

    internal static List<string> Compare(
        IReadOnlyDictionary<string, Dictionary<string, SqliteColumn>> sqlite,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, SqlServerColumn>> sqlServer)
    {
        var differences = new List<string>();
        foreach (var table in sqlite.Keys.Union(sqlServer.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            if (!sqlServer.TryGetValue(table, out var serverColumns))
            {
                differences.Add($"table {table}: exists on SQLite only (no CREATE TABLE in db-migrations/sqlserver)");
                continue;
            }

            if (!sqlite.TryGetValue(table, out var liteColumns))
            {
                differences.Add($"table {table}: exists on SQL Server only (no such table after the SQLite migrations)");
                continue;
            }

            foreach (var name in liteColumns.Keys.Union(serverColumns.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
            {
                var column = $"column {table}.{name}";
                if (!serverColumns.TryGetValue(name, out var server))
                {
                    differences.Add($"{column}: exists on SQLite only ({liteColumns[name].DeclaredType})");
                    continue;
                }

                if (!liteColumns.TryGetValue(name, out var lite))
                {
                    differences.Add($"{column}: exists on SQL Server only ({server.Declared})");
                    continue;
                }

                if (lite.Nullable != server.Nullable)
                {
                    differences.Add($"{column}: nullability differs: SQL Server {(server.Nullable ? "NULL" : "NOT NULL")}, SQLite " +
                        $"{(lite.Nullable ? "NULL" : "NOT NULL")}");
                }

                if (server.Family == TypeFamily.Unmapped)
                {
                    differences.Add($"{column}: SQL Server type {server.Declared} has no SQLite counterpart rule (add one to " +
                        $"SqlServerSchemaModel.FamilyOf)");
                }
                else if (lite.Family != server.Family)
                {
                    differences.Add($"{column}: type family differs: SQL Server {server.Declared} is stored as " +
                        $"{server.Family.ToString().ToUpperInvariant()} on SQLite, "
                        + $"but SQLite declares {lite.DeclaredType} ({lite.Family.ToString().ToUpperInvariant()} affinity)");
                }
            }
        }

        return differences;
    }

    private static Task<Dictionary<string, Dictionary<string, SqliteColumn>>> ReadSqliteSchemaAsync(Db db) =>
        db.ReadAsync(async connection =>
        {
            var tables = new Dictionary<string, Dictionary<string, SqliteColumn>>(StringComparer.OrdinalIgnoreCase);
            foreach (var schema in db.Schemas)
            {
                // SQLite's own tables (sqlite_sequence, sqlite_stat1...) and DbUp's journal are not part of the design.
                var names = await connection.QueryAsync<string>(
                    $"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> @Journal",
                    new { Journal = SchemaMigrator.JournalTable });
                foreach (var table in names)
                {
                    var columns = (await connection.QueryAsync<PragmaColumn>($"PRAGMA {schema}.table_info('{table}')")).ToList();
                    var primaryKeyColumns = columns.Count(c => c.Pk > 0);
                    tables[$"{schema}.{table}"] = columns.ToDictionary(
                        c => c.Name,
                        c => new SqliteColumn(
                            c.Name,
                            c.Type,
                            // "INTEGER PRIMARY KEY" makes the column the rowid, which is never NULL even though
                            // table_info reports notnull = 0. Other primary key columns accept NULL on SQLite
                            // unless declared NOT NULL, so they are taken at their word.
                            Nullable: c.NotNull == 0 && !(c.Pk > 0 && primaryKeyColumns == 1 && c.Type.Equals("INTEGER",
                                StringComparison.OrdinalIgnoreCase)),
                            SqlServerSchemaModel.SqliteAffinity(c.Type)),
                        StringComparer.OrdinalIgnoreCase);
                }
            }

            return tables;
        }, CancellationToken.None);

    internal sealed record SqliteColumn(string Name, string DeclaredType, bool Nullable, TypeFamily Family);

    private sealed class PragmaColumn
    {
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public long NotNull { get; init; }
        public long Pk { get; init; }
    }
}
