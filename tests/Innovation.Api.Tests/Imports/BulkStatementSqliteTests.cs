using Dapper;
using Innovation.BuildingBlocks.Data;
using Microsoft.Data.Sqlite;

namespace Innovation.Api.Tests.Imports;

/// <summary>
/// On SQLite a <see cref="BulkStatement{TRow}"/> binds its values itself, beside Microsoft.Data.Sqlite
/// and Dapper: what it stores must read back exactly as what Dapper stores, and its failures must be
/// the exceptions the rest of the code recognises.
/// </summary>
public sealed class BulkStatementSqliteTests
{
    private const string InsertSql = "INSERT INTO t (id, g, s, e, n, r, i, ts) VALUES (@Id, @G, @S, @E, @N, @R, @I, @Ts)";

    private static readonly BulkStatement<Sample> Insert = new(InsertSql,
        ("Id", x => x.Id), ("G", x => x.G), ("S", x => x.S), ("E", x => x.E), ("N", x => x.N), ("R", x => x.R), ("I", x => x.I), ("Ts", x => x.Ts));

    [Test]
    public async Task Values_are_stored_as_dapper_stores_them()
    {
        await using var connection = await OpenAsync();
        var sample = new Sample(1, Guid.CreateVersion7(), "Lycée Évariste-Galois ✓", "", null, 48.8566, 42,
            new DateTimeOffset(2026, 11, 23, 17, 5, 9, 123, TimeSpan.FromHours(2)));
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync(InsertSql, new { sample.Id, sample.G, sample.S, sample.E, sample.N, sample.R, sample.I, sample.Ts },
                transaction);
            (await Insert.ExecuteAsync(connection, transaction, [sample with { Id = 2 }])).Should().Be(1);
            await transaction.CommitAsync();
        }

        var stored = (await connection.QueryAsync<string>(
            "SELECT typeof(g) || quote(g) || typeof(s) || quote(s) || typeof(e) || quote(e) || typeof(n) || quote(n) || typeof(r) || quote(r) || " +
                "typeof(i) || quote(i) || typeof(ts) || quote(ts) FROM t ORDER BY id")).ToList();
        stored.Should().HaveCount(2);
        stored[1].Should().Be(stored[0],
            "the bulk form stores each value as Dapper's handlers do (text GUID, UTC timestamp, '' kept apart from NULL)");
        stored[0].Should().Contain("'2026-11-23T15:05:09.1230000Z'").And.Contain($"'{sample.G:D}'").And.Contain("text''");
    }

    [Test]
    public async Task A_constraint_violation_is_the_sqlite_exception_callers_recognise_and_counts_are_rows_changed()
    {
        await using var connection = await OpenAsync();
        var sample = new Sample(1, Guid.NewGuid(), "a", "b", null, null, 1, DateTimeOffset.UnixEpoch);
        await using var transaction = await connection.BeginTransactionAsync();
        (await Insert.ExecuteAsync(connection, transaction, [sample, sample with { Id = 2 }, sample with { Id = 3 }])).Should().Be(3);
        var update = new BulkStatement<long>("UPDATE t SET i = i + 1 WHERE id <= @Id", ("Id", id => id));
        (await update.ExecuteAsync(connection, transaction, [1L, 2L])).Should().Be(3, "the first row changes one row, the second two");

        var duplicate = () => Insert.ExecuteAsync(connection, transaction, [sample with { Id = 4 }, sample]);

        (await duplicate.Should().ThrowAsync<SqliteException>()).Which.SqliteExtendedErrorCode.Should().Be(1555, "SQLITE_CONSTRAINT_PRIMARYKEY");
        TransientFailures.IsUniqueViolation((await duplicate.Should().ThrowAsync<SqliteException>()).Which).Should().BeTrue();
    }

    private static async Task<SqliteConnection> OpenAsync()
    {
        DapperTypeHandlers.Register();
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, g TEXT NOT NULL, s TEXT NOT NULL, e TEXT NOT NULL, n TEXT, r REAL, " +
            "i INTEGER NOT NULL, ts TEXT NOT NULL)");
        return connection;
    }

    private sealed record Sample(long Id, Guid G, string S, string E, string? N, double? R, long I, DateTimeOffset Ts);
}
