using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Messaging;

namespace Innovation.Api.Tests.Data;

/// <summary>
/// Two API processes on one SQLite data directory, the stand-in for several instances on one SQL Server, written to at once:
/// <c>If-Match</c> holds across them, one dispatcher at a time holds the lease (and another takes over only once it has run
/// out), every event is in the feed once and reaches each consumer once, and a key revoked through one instance is refused
/// by the other within <c>Auth:ApiKeyCacheDuration</c>.
/// </summary>
/// <remarks>
/// The dispatch lease is watched from outside the whole time (<see cref="LeaseWatch"/>): a holder writes its process id and
/// its lease's end in <c>host.dispatcher_lease</c>, so each change of holder can be checked against the previous lease's end
/// with the instances' own timestamps, not with the test's clock.
/// </remarks>
[NonParallelizable]
public sealed class TwoInstancesTests
{
    private const int Rounds = 50;
    private const int Written = 100;
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan KeyCacheDuration = TimeSpan.FromSeconds(1);

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Auth__ApiKeyCacheDuration"] = KeyCacheDuration.ToString(),
        ["Messaging__LeaseDuration"] = LeaseDuration.ToString(),
        ["Messaging__PollInterval"] = "00:00:00.2",
        // Short passes, so a pass never outlasts the lease on a loaded machine.
        ["Messaging__BatchSize"] = "20",
        ["RateLimiting__PermitsPerSecond"] = "100000",
        ["RateLimiting__Burst"] = "100000",
        ["RateLimiting__FailedAuthenticationBurst"] = "100000",
        ["RateLimiting__FailedAuthenticationsPerMinute"] = "100000",
    };

    private static readonly HttpClient Keyless = new();

    private readonly Instance[] _instances = new Instance[2];
    private string _data = null!;
    private readonly List<int> _processes = [];
    private LeaseWatch _lease = null!;
    private int _nextUai;

    [OneTimeSetUp]
    public async Task StartTwoInstances()
    {
        _data = Directory.CreateTempSubdirectory("two-instances-").FullName;
        // Both at once, as a scaled-out deployment starts: one migrates the new directory while the other waits for it.
        var ports = new HashSet<int>();
        while (ports.Count < _instances.Length)
        {
            ports.Add(ApiProcess.FreePort());
        }

        var started = await Task.WhenAll(ports.Select(async port =>
            new Instance(port, await ApiProcess.StartAsync(port, _data, Settings), ApiProcess.Client(port))));
        started.CopyTo(_instances, 0);

        _processes.AddRange(_instances.Select(i => i.Api.Id));
        _lease = new LeaseWatch(_data);
    }

    /// <summary>Every test starts with two instances: one killed by an earlier test is started again.</summary>
    [SetUp]
    public async Task BothRunning()
    {
        for (var i = 0; i < _instances.Length; i++)
        {
            if (_instances[i].Api.HasExited)
            {
                _instances[i].Api.Dispose();
                _instances[i] = _instances[i] with { Api = await ApiProcess.StartAsync(_instances[i].Port, _data, Settings) };
                _processes.Add(_instances[i].Api.Id);
            }
        }
    }

    [TearDown]
    public void NoFailureLogged()
    {
        foreach (var instance in _instances)
        {
            instance.Api.LoggedFailures.Should().BeEmpty("an instance logs no failure while the other writes to the same database");
        }
    }

    [OneTimeTearDown]
    public async Task StopThem()
    {
        if (_lease is not null)
        {
            await _lease.DisposeAsync();
        }

        foreach (var instance in _instances.Where(i => i is not null))
        {
            instance.Http.Dispose();
            instance.Api.Dispose();
        }

        Directory.Delete(_data, recursive: true);
    }

    [Test]
    public async Task Two_updates_with_one_ETag_through_the_two_instances_have_exactly_one_winner()
    {
        var watch = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Rounds).Select(async round =>
        {
            var uai = await RegisterAsync(_instances[round % 2]);
            // Both instances replace the school at once, each with its own name, both with the ETag of its creation.
            var answers = await Task.WhenAll(_instances.Select(async (instance, i) =>
            {
                using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/schools/{uai}")
                {
                    Content = JsonContent.Create(School(uai, $"{uai} by instance {i}")),
                };
                put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
                using var answer = await instance.Http.SendAsync(put);
                return (Instance: i, answer.StatusCode, Body: await answer.Content.ReadAsStringAsync());
            }));
            answers.Select(a => a.StatusCode).Should().BeEquivalentTo(
                [HttpStatusCode.OK, HttpStatusCode.PreconditionFailed],
                $"one of two updates of {uai} with one ETag wins: {string.Join(" | ", answers.Select(a => $"{a.StatusCode} {a.Body}"))}");
            var winner = $"{uai} by instance {answers.Single(a => a.StatusCode == HttpStatusCode.OK).Instance}";

            foreach (var instance in _instances)
            {
                using var read = await instance.Http.GetAsync($"/api/v1/schools/{uai}");
                read.Headers.ETag!.Tag.Should().Be("\"2\"", "the school changed once");
                (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString().Should().Be(winner);
            }

            return (Uai: uai, Winner: winner);
        }));
        var requests = Rounds * 5;

        await WaitUntilDeliveredAsync();
        var feed = FeedRows();
        using var projects = ApiProcess.OpenFile(_data, "projects");
        foreach (var (uai, winner) in outcomes)
        {
            var events = feed.Where(e => e.AggregateKey.EndsWith(uai, StringComparison.Ordinal)).ToList();
            events.Select(e => e.Type).Should().Equal(["SchoolRegistered", "SchoolUpdated"], $"{uai} changed once, after its creation");
            JsonDocument.Parse(events[1].Payload).RootElement.GetProperty("school").GetProperty("name").GetString().Should().Be(winner);
            projects.QuerySingle<string>("SELECT name FROM school WHERE uai = @Uai", new { Uai = uai })
                .Should().Be(winner, "Projects' copy holds the winner's change, not the loser's");
        }

        OneDispatcherAtATime();
        TestContext.Progress.WriteLine(
            $"{Rounds} rounds of two concurrent PUTs with one ETag, through two instances: {requests} requests, {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Test]
    public async Task Every_event_written_through_either_instance_is_in_the_feed_once_and_reaches_each_consumer_once()
    {
        var watch = Stopwatch.StartNew();
        // Schools (one consumer: Projects' copy) and networks (two: Projects' and Evaluation's copies), through both at once.
        var schools = new ConcurrentBag<string>();
        var networks = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, Written, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            if (i % 5 == 4)
            {
                networks.Add(await CreateNetworkAsync(_instances[i % 2]));
            }
            else
            {
                schools.Add(await RegisterAsync(_instances[i % 2]));
            }
        });

        await WaitUntilDeliveredAsync();
        var (feed, consumptions) = await EveryEventOnceInTheFeedAndOncePerConsumerAsync(schools);
        foreach (var (schema, table) in new[] { ("projects", "network"), ("evaluation", "network") })
        {
            using var file = ApiProcess.OpenFile(_data, schema);
            file.Query<string>($"SELECT id FROM {table}").Select(id => id.ToLowerInvariant())
                .Should().OnlyHaveUniqueItems().And.Contain(networks, $"{schema}'s copy holds each network once");
        }

        OneDispatcherAtATime();
        TestContext.Progress.WriteLine($"{schools.Count} schools and {networks.Count} networks written through two instances at once: " +
            $"{feed} events in the feed, {consumptions} consumptions checked; {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Named to run last in NUnit's usual order, so that no other test waits for the killed instance to start again.</summary>
    [Test]
    public async Task When_the_dispatching_instance_dies_the_other_takes_over_once_its_lease_has_run_out()
    {
        var watch = Stopwatch.StartNew();
        await WaitUntilDeliveredAsync();
        var holder = Array.FindIndex(_instances, i => LeaseHolder() == i.Api.Id);
        holder.Should().BeGreaterThanOrEqualTo(0, "one of the two instances holds the dispatch lease");

        // Killed, it gives nothing up: what the survivor writes waits for the lease to run out, then is delivered by the survivor.
        await _instances[holder].Api.KillAsync();
        var survivor = _instances[1 - holder];
        var schools = new List<string>();
        foreach (var _ in Enumerable.Range(0, 10))
        {
            schools.Add(await RegisterAsync(survivor));
        }

        await WaitUntilDeliveredAsync();
        LeaseHolder().Should().Be(survivor.Api.Id, "the survivor took the lease over");
        OneDispatcherAtATime();
        var (feed, consumptions) = await EveryEventOnceInTheFeedAndOncePerConsumerAsync(schools);
        TestContext.Progress.WriteLine($"The dispatching instance killed: {schools.Count} schools written through the other were delivered " +
            $"once its lease had run out; {feed} events in the feed, {consumptions} consumptions checked; {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Test]
    public async Task A_key_revoked_through_one_instance_is_refused_by_the_other_within_the_cache_duration()
    {
        var (a, b) = (_instances[0], _instances[1]);
        using var created = await a.Http.PostAsJsonAsync("/api/v1/admin/api-keys",
            new { name = "two instances", academie = (string?)null, departement = (string?)null, scopes = new[] { "schools:read" } });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();
        (await ReadWith(b, key)).Should().Be(HttpStatusCode.OK, "the other instance knows the new key (and now remembers it)");

        using var revoked = await a.Http.DeleteAsync($"/api/v1/admin/api-keys/{key.GetProperty("id").GetGuid()}");
        revoked.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var sinceRevocation = Stopwatch.StartNew();
        (await ReadWith(a, key)).Should().Be(HttpStatusCode.Unauthorized, "the revoking instance forgets the key at once");

        // Generous beyond the duration: the bound is the cache's, not the machine's speed.
        var until = KeyCacheDuration + TimeSpan.FromSeconds(10);
        while (await ReadWith(b, key) != HttpStatusCode.Unauthorized)
        {
            sinceRevocation.Elapsed.Should().BeLessThan(until, "the other instance refuses a revoked key within Auth:ApiKeyCacheDuration");
            await Task.Delay(50);
        }

        var refusedAfter = sinceRevocation.Elapsed;
        foreach (var instance in _instances)
        {
            (await ReadWith(instance, key)).Should().Be(HttpStatusCode.Unauthorized, "a revoked key stays refused");
        }

        TestContext.Progress.WriteLine($"A key revoked through one instance was refused by the other after {refusedAfter.TotalSeconds:0.00} s " +
            $"(cache: {KeyCacheDuration.TotalSeconds} s)");
    }

    /// <summary>
    /// The dispatch lease's holders, as watched: only the instances, and each change of holder after the previous lease ran out
    /// or was given up (the new lease's start, its end less the duration, is the time its holder took it).
    /// </summary>
    private void OneDispatcherAtATime()
    {
        var states = _lease.Changes();
        states.Select(h => h.Owner).Should().OnlyContain(o => o == null || _processes.Contains(o.Value), "only the instances dispatch");
        foreach (var (before, after) in states.Zip(states.Skip(1)).Where(p => p.Second.Owner is not null && p.First.Owner != p.Second.Owner))
        {
            (after.ExpiresAt - LeaseDuration).Should().BeOnOrAfter(before.ExpiresAt,
                $"instance {after.Owner} took the lease only once {before.Owner?.ToString(CultureInfo.InvariantCulture) ?? "nobody"}'s had ended");
        }
    }

    /// <summary>
    /// Every event of every outbox is in the feed once, at consecutive positions, the same through either instance, with a
    /// SchoolRegistered for each of <paramref name="schools"/>; each consumer of a type of event recorded every event of that
    /// type once, and Projects' copy of the directory holds each school once.
    /// </summary>
    /// <returns>How many events the feed holds and how many consumptions were checked.</returns>
    private async Task<(int Feed, int Consumptions)> EveryEventOnceInTheFeedAndOncePerConsumerAsync(IEnumerable<string> schools)
    {
        var feed = FeedRows();
        feed.Select(e => e.Position).Should().Equal(Enumerable.Range(1, feed.Count).Select(p => (long)p), "no position is missing");
        feed.Select(e => e.EventId).Should().OnlyHaveUniqueItems();
        feed.Select(e => e.EventId).Should().BeEquivalentTo(Outboxes(), "every committed event is in the feed, once");
        foreach (var instance in _instances.Where(i => !i.Api.HasExited))
        {
            (await ApiProcess.FeedAsync(instance.Http)).Select(e => e.Id).Should().Equal(feed.Select(e => e.EventId));
        }

        var registered = feed.Where(e => e.Type == "SchoolRegistered").Select(e => e.AggregateKey).ToList();
        foreach (var uai in schools)
        {
            registered.Count(s => s.EndsWith(uai, StringComparison.Ordinal)).Should().Be(1, $"{uai} was acknowledged: its event is in the feed once");
        }

        var consumed = Consumed();
        foreach (var (consumer, events) in consumed)
        {
            events.Should().OnlyHaveUniqueItems($"{consumer} ran once per event");
            foreach (var type in feed.Where(e => events.Contains(e.EventId)).Select(e => e.Type).Distinct())
            {
                events.Should().Contain(feed.Where(e => e.Type == type).Select(e => e.EventId), $"{consumer} consumes {type}");
            }
        }

        consumed.Keys.Should().Contain("projects/SchoolReadModel");
        using var projects = ApiProcess.OpenFile(_data, "projects");
        projects.Query<string>("SELECT uai FROM school").Should().OnlyHaveUniqueItems().And.Contain(schools);
        return (feed.Count, consumed.Sum(c => c.Value.Count));
    }

    /// <summary>A read through <paramref name="instance"/> with <paramref name="key"/> (and not the administrator's).</summary>
    private static async Task<HttpStatusCode> ReadWith(Instance instance, JsonElement key)
    {
        using var read = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{instance.Port}/api/v1/schools?limit=1");
        read.Headers.Add("X-Api-Key", key.GetProperty("secret").GetString());
        using var answer = await Keyless.SendAsync(read);
        return answer.StatusCode;
    }

    private async Task<string> RegisterAsync(Instance instance)
    {
        var uai = OutboxCrashTests.Uai(Interlocked.Increment(ref _nextUai));
        using var created = await instance.Http.PostAsJsonAsync("/api/v1/schools", School(uai, $"École {uai}"));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return uai;
    }

    private async Task<string> CreateNetworkAsync(Instance instance)
    {
        var name = $"Groupe {Interlocked.Increment(ref _nextUai)}";
        using var created = await instance.Http.PostAsJsonAsync("/api/v1/networks",
            new { kind = "mutualisationGroup", name, departement = "095", activeYears = new[] { "2025-2026" } });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!.ToLowerInvariant();
    }

    private static object School(string uai, string name) => new
    {
        uai, name, type = "ecole", sector = "public", commune = "Cergy", postcode = "95000", departement = "95", priorityEducation = "none",
    };

    private int? LeaseHolder() => LeaseWatch.Read(_data).Owner;

    private async Task WaitUntilDeliveredAsync()
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (SchemaFiles().Any(schema => Undelivered(schema) > 0))
        {
            DateTime.UtcNow.Should().BeBefore(until, "the test waits at most a minute for every outbox to be delivered");
            await Task.Delay(50);
        }
    }

    private long Undelivered(string schema)
    {
        using var file = ApiProcess.OpenFile(_data, schema);
        return file.ExecuteScalar<long>("SELECT COUNT(*) FROM outbox_message WHERE processed_at IS NULL");
    }

    /// <summary>The id of every event any module's outbox holds.</summary>
    private List<Guid> Outboxes() => SchemaFiles().SelectMany(schema =>
    {
        using var file = ApiProcess.OpenFile(_data, schema);
        return file.Query<string>("SELECT event_id FROM outbox_message").Select(Guid.Parse).ToList();
    }).ToList();

    /// <summary>Per consumer (schema/handler), the events its inbox records.</summary>
    private Dictionary<string, List<Guid>> Consumed() => SchemaFiles().SelectMany(schema =>
        {
            using var file = ApiProcess.OpenFile(_data, schema);
            return file.Query<(string Handler, string EventId)>("SELECT handler, event_id FROM inbox_message").ToList()
                .Select(row => (Consumer: $"{schema}/{row.Handler}", Event: Guid.Parse(row.EventId)));
        })
        .GroupBy(row => row.Consumer)
        .ToDictionary(g => g.Key, g => g.Select(row => row.Event).ToList());

    private IEnumerable<string> SchemaFiles() =>
        Directory.EnumerateFiles(_data, "*.db").Select(f => Path.GetFileNameWithoutExtension(f)!).Where(s => s != "innovation");

    private List<FeedRow> FeedRows()
    {
        using var host = ApiProcess.OpenFile(_data, "host");
        return host.Query<(long Position, string EventId, string Type, string AggregateKey, string Payload)>(
                "SELECT position, event_id, type, aggregate_key, payload FROM event_feed ORDER BY position")
            .Select(r => new FeedRow(r.Position, Guid.Parse(r.EventId), r.Type, r.AggregateKey, r.Payload)).ToList();
    }

    private sealed record Instance(int Port, ApiProcess Api, HttpClient Http);

    private sealed record FeedRow(long Position, Guid EventId, string Type, string AggregateKey, string Payload);

    /// <summary>The dispatch lease as read from <c>host.dispatcher_lease</c> every few milliseconds: each state seen, in order.</summary>
    private sealed class LeaseWatch : IAsyncDisposable
    {
        private readonly List<(int? Owner, DateTimeOffset ExpiresAt)> _changes = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _watching;

        public LeaseWatch(string data) => _watching = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var state = Read(data);
                lock (_changes)
                {
                    if (_changes.Count == 0 || _changes[^1] != state)
                    {
                        _changes.Add(state);
                    }
                }

                await Task.Delay(10);
            }
        });

        public static (int? Owner, DateTimeOffset ExpiresAt) Read(string data)
        {
            using var host = ApiProcess.OpenFile(data, "host");
            var (owner, expiresAt) = host.QuerySingle<(string? Owner, string ExpiresAt)>(
                "SELECT owner, expires_at FROM dispatcher_lease WHERE name = 'outbox'");
            // The owner is "machine/process id/instance"; the process id tells the two instances apart.
            return (owner is null ? null : int.Parse(owner.Split('/')[1], CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(expiresAt, CultureInfo.InvariantCulture));
        }

        public List<(int? Owner, DateTimeOffset ExpiresAt)> Changes()
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _watching;
            _stop.Dispose();
        }
    }
}
