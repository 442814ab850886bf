using System.Net;
using System.Net.Http.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Data;

/// <summary>
/// Concurrent writes share commits on SQLite (GroupCommit); each must still behave as if alone:
/// it sees the writes before it, and its failure undoes only its own changes.
/// </summary>
public sealed class GroupCommitTests(Engine engine) : ApiTest(engine)
{
    private readonly Engine _engine = engine;

    [Test]
    public async Task Concurrent_creations_of_the_same_schools_succeed_once_each_and_the_rest_are_conflicts()
    {
        var uais = Enumerable.Range(1, 20).Select(i => { var digits = $"0951{i:000}"; return digits + "ABCDEFGHJKLMNPRSTUVWXYZ"[(int)(long.Parse(digits) % 23)]; }).ToList();

        // Every school twice, all at once: the two creations of a school often land in one group.
        var responses = await Task.WhenAll(uais.Concat(uais).Select(uai => Admin.PostAsJsonAsync("/api/v1/schools",
            new { uai, name = "École " + uai, type = "ecole", sector = "public", departement = "095" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(20);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(20);
        var list = await Json(await Admin.GetAsync("/api/v1/schools?departement=095&limit=100"));
        list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("uai").GetString()).Should().BeEquivalentTo(uais);
    }

    [Test]
    public async Task A_failed_write_undoes_only_its_own_changes_and_the_others_are_committed()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        await CreateProbeTable(db);

        var writes = Enumerable.Range(1, 60).Select(i => db.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync(ProbeInsert, new { Id = i }, t);
            if (i % 3 == 0)
            {
                throw new InvalidOperationException($"write {i} fails after its insert");
            }

            return i;
        }, CancellationToken.None)).ToList();
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default);

        var committed = await db.ReadAsync(c => c.QueryAsync<int>(ProbeSelect), CancellationToken.None);
        committed.Should().BeEquivalentTo(Enumerable.Range(1, 60).Where(i => i % 3 != 0));
        writes.Where((_, i) => (i + 1) % 3 == 0).Should().OnlyContain(w => w.IsFaulted && w.Exception!.InnerException is InvalidOperationException);
        writes.Where((_, i) => (i + 1) % 3 != 0).Select(w => w.Result).Should().BeEquivalentTo(committed);
    }

    [Test]
    public async Task A_write_whose_caller_gave_up_before_it_ran_changes_nothing()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        await CreateProbeTable(db);
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        var write = () => db.WriteAsync((c, t) => c.ExecuteAsync(ProbeInsert, new { Id = 1 }, t), canceled.Token);

        await write.Should().ThrowAsync<OperationCanceledException>();
        (await db.ReadAsync(c => c.QueryAsync<int>(ProbeSelect), CancellationToken.None)).Should().BeEmpty();
    }

    private const string ProbeInsert = "INSERT INTO host.group_commit_probe (id) VALUES (@Id)";
    private const string ProbeSelect = "SELECT id FROM host.group_commit_probe";

    // A scratch table made by the test, so the semantics are checked on the bare data layer; on SQL
    // Server (where writes are not grouped) the same assertions hold for one transaction per write.
    private async Task CreateProbeTable(Db db)
    {
        var create = _engine == Engine.SqlServer
            ? "IF OBJECT_ID('host.group_commit_probe') IS NULL CREATE TABLE host.group_commit_probe (id INT NOT NULL PRIMARY KEY)"
            : "CREATE TABLE IF NOT EXISTS host.group_commit_probe (id INTEGER NOT NULL PRIMARY KEY)";
        await db.WriteAloneAsync((c, t) => c.ExecuteAsync(create, transaction: t), CancellationToken.None);
    }
}
