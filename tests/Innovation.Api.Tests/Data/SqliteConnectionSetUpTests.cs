using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace Innovation.Api.Tests.Data;

/// <summary>How Db sets up the SQLite connections it keeps (ADR 0016).</summary>
public sealed class SqliteConnectionSetUpTests(Engine engine) : ApiTest(engine)
{
    private readonly Engine _engine = engine;

    [Test]
    public async Task A_search_statement_runs_again_without_being_compiled_again()
    {
        Assume.That(_engine, Is.EqualTo(Engine.Sqlite), "SQLite's statement compilation only");
        var db = Factory.Services.GetRequiredService<Db>();
        await using var connection = (SqliteConnection)await db.OpenAsync(CancellationToken.None);

        raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_ENABLE_QPSG, -1, out var stable);

        // Without query planner stability, SQLite recompiles a statement whenever a LIKE pattern
        // parameter is bound again, which defeats the connection's statement cache.
        stable.Should().Be(1);
        var names = await connection.QueryAsync<string>(
            "SELECT name FROM networks.school WHERE name LIKE @Pattern", new { Pattern = "%galois%" });
        names.Should().BeEmpty();
    }

    // temp_store 2 is MEMORY: in a file, the page copies a multi-row statement keeps took a fifth
    // of the writer's time. wal_autocheckpoint: at SQLite's default of 1,000 pages the single
    // writer copied the same pages back to the database over and over (both ADR 0010). cache_size, per schema's
    // file: at SQLite's 2 MB, reads of a directory's schools went to the file for their pages (ADR 0010).
    [TestCase("temp_store", 2)]
    [TestCase("wal_autocheckpoint", 10_000)]
    [TestCase("networks.cache_size", -4096)]
    [TestCase("projects.cache_size", -4096)]
    public async Task Every_connection_is_set_up_with(string pragma, int value)
    {
        Assume.That(_engine, Is.EqualTo(Engine.Sqlite), "SQLite's pragmas only");
        var db = Factory.Services.GetRequiredService<Db>();
        await using var connection = await db.OpenAsync(CancellationToken.None);

        (await connection.ExecuteScalarAsync<int>($"PRAGMA {pragma}")).Should().Be(value);
    }

    [Test]
    public async Task The_library_runs_without_per_call_locks_or_memory_statistics()
    {
        Assume.That(_engine, Is.EqualTo(Engine.Sqlite), "SQLite's process settings only");
        var db = Factory.Services.GetRequiredService<Db>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        (await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM networks.school")).Should().Be(0);

        // Multi-thread mode and no memory statistics are in force (both are refused once SQLite
        // has initialized); with statistics off, SQLite counts no memory however much it uses.
        SqliteLibrary.EnsureConfigured().Should().BeTrue();
        raw.sqlite3_memory_used().Should().Be(0);
    }
}
