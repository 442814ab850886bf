using System.Net;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Messaging;

public sealed class ReadinessTests(Engine engine) : ApiTest(engine)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messaging:StuckAfter"] = "00:00:01",
    };

    [Test]
    public async Task Readiness_fails_while_events_wait_with_no_delivery_and_recovers_when_dispatch_resumes()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        // Another instance holds the dispatch lease and delivers nothing.
        await SetLease(db, "another-instance", DateTimeOffset.UtcNow.AddHours(1));
        await RegisterSchool("0951099D", "095");

        await Eventually(async () => (await Anonymous().GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
            "readiness reports the outbox stuck");
        var report = await Json(await Anonymous().GetAsync("/health/ready"));
        report.GetProperty("checks").GetProperty("outbox").GetProperty("status").GetString().Should().Be("Unhealthy");

        await SetLease(db, "another-instance", DateTimeOffset.UtcNow.AddSeconds(-1));
        await Eventually(async () => (await Anonymous().GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            "this instance takes the expired lease, delivers, and is ready again");
    }

    private static Task SetLease(Db db, string owner, DateTimeOffset until) =>
        db.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE host.dispatcher_lease SET owner = @Owner, expires_at = @Until WHERE name = 'outbox'", new { Owner = owner, Until = until }, t),
            CancellationToken.None);
}
