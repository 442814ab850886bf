using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Modules.Projects.Features.Projects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Innovation.Api.Tests.Projects;

/// <summary>
/// A start-up backfill recorded done in <c>projects.start_backfill</c> does not look through the projects again; one not
/// done runs, then is recorded done (ADR 0031).
/// </summary>
public sealed class StartBackfillTests(Engine engine) : ProjectSearchApiTest(engine)
{
    private const string MissingViewsSql = "SELECT COUNT(*) FROM projects.project WHERE listing IS NULL OR document IS NULL";

    [Test]
    public async Task A_backfill_recorded_done_does_not_look_again_and_one_not_done_runs_and_is_recorded_done()
    {
        await SearchSchools();
        await Project("Avant", [Galois]);
        await Write("UPDATE projects.project SET listing = NULL, document = NULL");
        await Write("DELETE FROM projects.start_backfill");
        await Write("INSERT INTO projects.start_backfill (backfill, done) VALUES ('project_views', 1)");
        var backfill = Factory.Services.GetServices<IHostedService>().OfType<ProjectViews.Backfill>().Single();

        await backfill.StartAsync(CancellationToken.None);
        (await Read(MissingViewsSql)).Should().Be(1, "a backfill recorded done does not look again");

        await Write("UPDATE projects.start_backfill SET done = 0");
        await backfill.StartAsync(CancellationToken.None);
        (await Read(MissingViewsSql)).Should().Be(0);
        (await Read("SELECT COUNT(*) FROM projects.start_backfill WHERE backfill = 'project_views' AND done = 1")).Should().Be(1);
    }

    private Task Write(string sql) => Db.WriteAsync((c, t) => c.ExecuteAsync(sql, transaction: t), CancellationToken.None);

    private Task<int> Read(string sql) => Db.ReadAsync(c => c.ExecuteScalarAsync<int>(sql), CancellationToken.None);
}
