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
    [Test]
    public async Task Concurrent_creations_of_the_same_schools_succeed_once_each_and_the_rest_are_conflicts()
    {
        var uais = Enumerable.Range(1, 20).Select(i => { var digits = $"0951{i:000}"; return digits
            + "ABCDEFGHJKLMNPRSTUVWXYZ"[(int)(long.Parse(digits) % 23)]; }).ToList();

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
        var ids = Enumerable.Range(1, 60).ToDictionary(i => i, _ => Guid.CreateVersion7());

        var writes = ids.Select(id => db.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync(ProbeInsert, new { Id = id.Value, At = DateTimeOffset.UtcNow }, t);
            if (id.Key % 3 == 0)
            {
                throw new InvalidOperationException($"write {id.Key} fails after its insert");
            }

            return id.Value;
        }, CancellationToken.None)).ToList();
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default);

        var committed = await db.ReadAsync(c => c.QueryAsync<Guid>(ProbeSelect), CancellationToken.None);
        committed.Should().BeEquivalentTo(ids.Where(id => id.Key % 3 != 0).Select(id => id.Value));
        writes.Where((_, i) => (i + 1) % 3 == 0).Should().OnlyContain(w => w.IsFaulted && w.Exception!.InnerException is InvalidOperationException);
        writes.Where((_, i) => (i + 1) % 3 != 0).Select(w => w.Result).Should().BeEquivalentTo(committed);
    }

    [Test]
    public async Task A_write_whose_caller_gave_up_before_it_ran_changes_nothing()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        var write = () => db.WriteAsync(
            (c, t) => c.ExecuteAsync(ProbeInsert, new { Id = Guid.CreateVersion7(), At = DateTimeOffset.UtcNow }, t), canceled.Token);

        await write.Should().ThrowAsync<OperationCanceledException>();
        (await db.ReadAsync(c => c.QueryAsync<Guid>(ProbeSelect), CancellationToken.None)).Should().BeEmpty();
    }

    // The writes go to a table the migrations made (the inbox, under a handler name no consumer
    // uses), so the semantics are checked on the bare data layer. A table created here, while the
    // API's pooled connections held the schema from before it, made the first statement naming it
    // on such a connection fail under load with "no such table" (SQLite noticed the schema change,
    // reloaded it, and the next statement on that connection found the table). The API never
    // changes its schema after start-up: migrations run before the first pooled connection opens.
    private const string ProbeInsert =
        "INSERT INTO host.inbox_message (event_id, handler, processed_at) VALUES (@Id, 'group-commit-probe', @At)";

    private const string ProbeSelect = "SELECT event_id FROM host.inbox_message WHERE handler = 'group-commit-probe'";
}
