using Innovation.BuildingBlocks.Data;
using Microsoft.Data.Sqlite;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>Which database errors are retried: the ones a second try can cure, never a broken rule.</summary>
public sealed class TransientFailureTests
{
    [TestCase(1205, TestName = "SQL Server 1205 (deadlock victim) is transient")]
    [TestCase(-2, TestName = "SQL Server -2 (client timeout) is transient")]
    [TestCase(40613, TestName = "SQL Server 40613 (Azure SQL database unavailable) is transient")]
    public void Transient_sql_server_errors_are_retried(int number) =>
        TransientFailures.IsTransientSqlServerError(number).Should().BeTrue();

    [TestCase(2627, TestName = "SQL Server 2627 (unique constraint violation) is not transient")]
    [TestCase(547, TestName = "SQL Server 547 (foreign key or check constraint violation) is not transient")]
    [TestCase(8152, TestName = "SQL Server 8152 (string or binary data would be truncated) is not transient")]
    public void Sql_server_errors_that_a_retry_cannot_cure_are_not_retried(int number) =>
        TransientFailures.IsTransientSqlServerError(number).Should().BeFalse();

    [TestCase(5, TestName = "SQLite 5 (SQLITE_BUSY) is transient")]
    [TestCase(6, TestName = "SQLite 6 (SQLITE_LOCKED) is transient")]
    public void Transient_sqlite_errors_are_retried(int code) =>
        TransientFailures.IsTransientSqliteError(code).Should().BeTrue();

    [TestCase(19, TestName = "SQLite 19 (SQLITE_CONSTRAINT) is not transient")]
    public void Sqlite_constraint_errors_are_not_retried(int code) =>
        TransientFailures.IsTransientSqliteError(code).Should().BeFalse();

    [Test]
    public void An_extended_sqlite_busy_code_counts_as_busy()
    {
        // SQLITE_BUSY_SNAPSHOT (517 = 5 | 2 << 8) is what a WAL reader upgrading to writer gets.
        TransientFailures.IsTransient(new SqliteException("database is locked", 517)).Should().BeTrue();
        TransientFailures.IsTransient(new SqliteException("UNIQUE constraint failed", 2067)).Should().BeFalse("2067 is SQLITE_CONSTRAINT_UNIQUE");
    }

    [Test]
    public async Task The_pipeline_retries_a_locked_database_until_it_succeeds()
    {
        var calls = 0;
        var result = await TransientFailures.CreatePipeline().ExecuteAsync(_ =>
        {
            calls++;
            return calls <= 2
                ? throw new SqliteException("database is locked", 5)
                : ValueTask.FromResult("done");
        }, CancellationToken.None);

        result.Should().Be("done");
        calls.Should().Be(3, "two locked attempts are retried, the third succeeds");
    }

    [Test]
    public async Task The_pipeline_does_not_retry_a_constraint_violation()
    {
        var calls = 0;
        var run = async () => await TransientFailures.CreatePipeline().ExecuteAsync<int>(_ =>
        {
            calls++;
            throw new SqliteException("UNIQUE constraint failed: school.uai", 19);
        }, CancellationToken.None);

        (await run.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(19);
        calls.Should().Be(1, "a broken rule fails at once");
    }
}

public sealed class UniqueViolationTests
{
    [Test]
    public void A_duplicate_key_on_a_real_sqlite_table_is_a_unique_violation_and_other_failures_are_not()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE); INSERT INTO t VALUES (1, 'a');";
        command.ExecuteNonQuery();

        Exception Failure(string sql)
        {
            command.CommandText = sql;
            return Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => command.ExecuteNonQuery())!;
        }

        Innovation.BuildingBlocks.Data.TransientFailures.IsUniqueViolation(Failure("INSERT INTO t VALUES (1, 'b')")).Should().BeTrue("primary key");
        Innovation.BuildingBlocks.Data.TransientFailures.IsUniqueViolation(Failure("INSERT INTO t VALUES (2, 'a')")).Should().BeTrue("unique column");
        Innovation.BuildingBlocks.Data.TransientFailures.IsUniqueViolation(Failure("INSERT INTO t VALUES (3, NULL)")).Should()
            .BeFalse("NOT NULL is another error");
        Innovation.BuildingBlocks.Data.TransientFailures.IsUniqueViolation(new InvalidOperationException()).Should().BeFalse();
    }
}
