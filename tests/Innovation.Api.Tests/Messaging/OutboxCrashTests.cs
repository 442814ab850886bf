using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Messaging;

/// <summary>
/// The API as its own process on SQLite, killed (SIGKILL) with undelivered events in the outbox, then killed again in the
/// middle of delivering them: after the last restart every event is in the feed once and in every consumer's inbox once,
/// and Projects' copy of the directory holds each school once.
/// </summary>
/// <remarks>
/// The events are kept undelivered deterministically: the dispatch lease is given, in the stopped API's files, to another
/// instance until the year 9999, so the restarted API commits events it may not deliver. "That instance's lease has run
/// out" is then written before each later start, as a real expiry would be seen, so no test waits for one.
/// </remarks>
[NonParallelizable]
public sealed class OutboxCrashTests
{
    private const int Registered = 20;
    private const int Imported = 5_000;
    private const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";

    [Test]
    public async Task Events_left_in_the_outbox_by_kill_9_reach_the_feed_and_every_consumer_exactly_once()
    {
        var data = Directory.CreateTempSubdirectory("outbox-crash-").FullName;
        try
        {
            var port = ApiProcess.FreePort();
            using var http = ApiProcess.Client(port);
            using (var api = await ApiProcess.StartAsync(port, data))
            {
                await api.KillAsync(); // the schema files now exist
            }

            SetLease(data, "another-instance", "9999-12-31T00:00:00.0000000Z");
            List<string> uais = [.. Enumerable.Range(0, Registered + Imported).Select(Uai)];
            using (var api = await ApiProcess.StartAsync(port, data))
            {
                foreach (var uai in uais.Take(Registered))
                {
                    using var created = await http.PostAsJsonAsync("/api/v1/schools", School(uai));
                    created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
                }

                using var import = await http.SendAsync(Import(uais.Skip(Registered)));
                import.StatusCode.Should().Be(HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
                ApiProcess.Undelivered(data).Should().Be(uais.Count, "another instance holds the dispatch lease");
                (await ApiProcess.FeedAsync(http)).Should().BeEmpty();
                await api.KillAsync();
            }

            SetLease(data, null, "0001-01-01T00:00:00.0000000Z");
            using (var api = await ApiProcess.StartAsync(port, data))
            {
                // Killed as soon as delivery has begun: most likely between a batch's feed append and its processed mark.
                await ApiProcess.WaitUntil(() => FeedLength(data) > 0, "delivery to begin");
                await api.KillAsync();
                TestContext.Progress.WriteLine(
                    $"Killed with {FeedLength(data)} of {uais.Count} events in the feed and {ApiProcess.Undelivered(data)} not marked delivered.");
            }

            SetLease(data, null, "0001-01-01T00:00:00.0000000Z");
            using (var api = await ApiProcess.StartAsync(port, data))
            {
                await ApiProcess.WaitUntil(() => ApiProcess.Undelivered(data) == 0, "every event to be delivered");
                ApiProcess.IntegrityChecks(data).Should().AllBe("ok");

                var feed = (await ApiProcess.FeedAsync(http)).Where(e => e.Type == "SchoolRegistered").ToList();
                feed.Select(e => e.Id).Should().OnlyHaveUniqueItems();
                feed.Select(e => e.Uai).Should().BeEquivalentTo(uais, "each school's event is in the feed once");

                using var projects = ApiProcess.OpenFile(data, "projects");
                projects.Query<string>("SELECT uai FROM school").Should().BeEquivalentTo(uais, "Projects' copy holds each school once");
                var consumed = Consumed(data, feed.Select(e => e.Id).ToHashSet());
                consumed.Keys.Should().Contain("projects/SchoolReadModel");
                foreach (var (consumer, events) in consumed)
                {
                    events.Should().BeEquivalentTo(feed.Select(e => e.Id), $"{consumer} ran once per event");
                }

                await api.KillAsync();
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static void SetLease(string data, string? owner, string expiresAt)
    {
        using var host = ApiProcess.OpenFile(data, "host", readOnly: false);
        host.Execute("UPDATE dispatcher_lease SET owner = @Owner, expires_at = @ExpiresAt WHERE name = 'outbox'",
            new { Owner = owner, ExpiresAt = expiresAt });
    }

    /// <summary>Per consumer (schema/handler) of any of <paramref name="events"/>, the events its inbox records.</summary>
    private static Dictionary<string, List<Guid>> Consumed(string data, HashSet<Guid> events) =>
        Directory.EnumerateFiles(data, "*.db").Select(Path.GetFileNameWithoutExtension).Where(s => s != "innovation")
            .SelectMany(schema =>
            {
                using var file = ApiProcess.OpenFile(data, schema!);
                return file.Query<(string Handler, string EventId)>("SELECT handler, event_id FROM inbox_message").ToList()
                    .Select(row => (Consumer: $"{schema}/{row.Handler}", Event: Guid.Parse(row.EventId)));
            })
            .Where(row => events.Contains(row.Event))
            .GroupBy(row => row.Consumer)
            .ToDictionary(g => g.Key, g => g.Select(row => row.Event).ToList());

    private static long FeedLength(string data)
    {
        using var host = ApiProcess.OpenFile(data, "host");
        return host.ExecuteScalar<long>("SELECT COUNT(*) FROM event_feed");
    }

    /// <summary>A valid UAI of département 095: seven digits and their check letter.</summary>
    internal static string Uai(int number)
    {
        var digits = $"095{number:0000}";
        return digits + Letters[(int)(long.Parse(digits, CultureInfo.InvariantCulture) % 23)];
    }

    internal static object School(string uai) => new
    {
        uai, name = $"École {uai}", type = "ecole", sector = "public", commune = "Cergy", postcode = "95000", departement = "95",
        priorityEducation = "none",
    };

    private static HttpRequestMessage Import(IEnumerable<string> uais)
    {
        var csv = "uai,name,type,sector,commune,postcode,departement,priorityEducation\n"
            + string.Concat(uais.Select(uai => $"{uai},École {uai},ecole,public,Cergy,95000,095,none\n"));
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/schools")
        {
            Content = new StringContent(csv, new MediaTypeHeaderValue("text/csv")),
        };
    }
}
