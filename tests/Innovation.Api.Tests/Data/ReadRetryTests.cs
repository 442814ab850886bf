using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Data;

/// <summary>
/// A read's first attempt runs outside the retry pipeline (ADR 0010); a transient failure must still
/// be retried as before: the same number of attempts, and nothing else retried.
/// </summary>
public sealed class ReadRetryTests(Engine engine) : ApiTest(engine)
{
    [Test]
    public async Task A_read_that_meets_a_locked_database_is_retried_until_it_succeeds()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        var calls = 0;

        var result = await db.ReadAsync(_ =>
        {
            calls++;
            return calls <= 2 ? throw new SqliteException("database is locked", 5) : Task.FromResult("read");
        }, CancellationToken.None);

        result.Should().Be("read");
        calls.Should().Be(3, "the first attempt and the first retry met a locked database");
    }

    [Test]
    public async Task A_read_that_stays_locked_gives_up_after_the_pipelines_retries()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        var calls = 0;

        var read = () => db.ReadAsync<int>(_ =>
        {
            calls++;
            throw new SqliteException("database is locked", 5);
        }, CancellationToken.None);

        (await read.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(5);
        calls.Should().Be(5, "one attempt and the pipeline's four retries, as when every attempt ran inside it");
    }

    [Test]
    public async Task A_read_that_fails_for_good_is_not_retried()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        var calls = 0;

        var read = () => db.ReadAsync<int>(_ =>
        {
            calls++;
            throw new InvalidOperationException("not transient");
        }, CancellationToken.None);

        await read.Should().ThrowAsync<InvalidOperationException>();
        calls.Should().Be(1);
    }
}
