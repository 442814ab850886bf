using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Messaging;
using Innovation.Api.Tests.SqlServer;

namespace Innovation.Api.Tests.Data;

/// <summary>
/// <c>make backup</c> (scripts/backup.sh) run while the API, as its own process on SQLite, serves writes from four
/// clients: the copy passes <c>PRAGMA integrity_check</c>, the API starts on it, every write acknowledged before the backup
/// began is there, and the files are of one instant (every school of the copy reaches the feed and Projects' copy once).
/// </summary>
[NonParallelizable]
public sealed class BackupRestoreTests
{
    /// <summary>Four clients writing as fast as they can, then a read of each write: more than one credential's rate limit.</summary>
    private static readonly Dictionary<string, string> Unthrottled = new()
    {
        ["RateLimiting__PermitsPerSecond"] = "100000",
        ["RateLimiting__Burst"] = "100000",
    };

    [Test]
    public async Task A_backup_taken_under_writes_restores_with_every_acknowledged_write()
    {
        var data = Directory.CreateTempSubdirectory("backup-data-").FullName;
        var copy = Directory.CreateTempSubdirectory("backup-copy-").FullName;
        try
        {
            var port = ApiProcess.FreePort();
            using var http = ApiProcess.Client(port);
            List<string> acknowledgedBefore;
            using (var api = await ApiProcess.StartAsync(port, data, Unthrottled))
            {
                var acknowledged = new ConcurrentQueue<string>();
                using var backedUp = new CancellationTokenSource();
                var next = -1;
                var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                {
                    while (!backedUp.IsCancellationRequested && Interlocked.Increment(ref next) is var number and < 9_000)
                    {
                        var uai = OutboxCrashTests.Uai(number);
                        using var created = await http.PostAsJsonAsync("/api/v1/schools", OutboxCrashTests.School(uai));
                        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
                        acknowledged.Enqueue(uai);
                    }
                })).ToList();

                await ApiProcess.WaitUntil(() => acknowledged.Count >= 100 || writers.Any(w => w.IsCompleted), "a hundred writes");
                if (writers.Any(w => w.IsFaulted))
                {
                    await Task.WhenAll(writers); // the failed write's assertion
                }

                acknowledgedBefore = [.. acknowledged];
                var output = await Backup(data, copy);
                var duringBackup = acknowledged.Count - acknowledgedBefore.Count;
                await Task.Delay(200); // and a few more writes after it
                await backedUp.CancelAsync();
                await Task.WhenAll(writers);
                TestContext.Progress.WriteLine(
                    $"{output.Trim()}; writes acknowledged: {acknowledgedBefore.Count} before, {duringBackup} during, {acknowledged.Count} in all");
                await api.KillAsync();
            }

            ApiProcess.IntegrityChecks(copy).Should().AllBe("ok");
            using (var api = await ApiProcess.StartAsync(port, copy, Unthrottled))
            {
                foreach (var uai in acknowledgedBefore)
                {
                    (await http.GetAsync($"/api/v1/schools/{uai}")).StatusCode.Should().Be(HttpStatusCode.OK, $"{uai} was acknowledged");
                }

                await ApiProcess.WaitUntil(() => ApiProcess.Undelivered(copy) == 0, "the restored outbox to be delivered");

                using var networks = ApiProcess.OpenFile(copy, "networks");
                var schools = networks.Query<string>("SELECT uai FROM school").ToList();
                schools.Should().Contain(acknowledgedBefore);
                var feed = await ApiProcess.FeedAsync(http);
                feed.Where(e => e.Type == "SchoolRegistered").Select(e => e.Uai).Should()
                    .BeEquivalentTo(schools, "each school of the copy has its event in the feed once");
                using var projects = ApiProcess.OpenFile(copy, "projects");
                projects.Query<string>("SELECT uai FROM school").Should().BeEquivalentTo(schools, "and is in Projects' copy once");
                await api.KillAsync();
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            Directory.Delete(copy, recursive: true);
        }
    }

    private static async Task<string> Backup(string data, string copy)
    {
        var start = new ProcessStartInfo("bash", ["scripts/backup.sh", data, copy])
        {
            WorkingDirectory = RepositoryLayout.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var backup = Process.Start(start)!;
        var output = backup.StandardOutput.ReadToEndAsync();
        var errors = backup.StandardError.ReadToEndAsync();
        await backup.WaitForExitAsync();
        backup.ExitCode.Should().Be(0, await errors);
        return await output;
    }
}
