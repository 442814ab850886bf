using System.Net;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Projects.Features.SchoolDirectory;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Messaging;

/// <summary>Integration events from the outbox to the feed and to another module's read model.</summary>
public sealed class EventDeliveryTests(Engine engine) : ApiTest(engine)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messaging:MaxAttempts"] = "3",
        ["Messaging:RetryBaseDelay"] = "00:00:00.020",
        ["Messaging:RetryMaxDelay"] = "00:00:00.050",
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddTransient<INotificationHandler<IntegrationEvent<SchoolRegistered>>, BrokenSubscriber>();

    [SetUp]
    public void Repair() => BrokenSubscriber.FailFor = null;

    [Test]
    public async Task A_registered_school_reaches_the_feed_and_the_projects_read_model()
    {
        await RegisterSchool("0951099D", "095", "Lycée Galois", "lycee");

        await Eventually(async () => await ReadModel("0951099D") is not null, "Projects received SchoolRegistered");
        var copy = (await ReadModel("0951099D"))!;
        copy.Name.Should().Be("Lycée Galois");
        copy.Academie.Should().Be("25");
        copy.Status.Should().Be("open");

        var feed = await Json(await Admin.GetAsync("/api/v1/events"));
        var item = feed.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("type").GetString().Should().Be("SchoolRegistered");
        item.GetProperty("academie").GetString().Should().Be("25");
        item.GetProperty("payload").GetProperty("school").GetProperty("uai").GetString().Should().Be("0951099D");
        Guid.TryParse(item.GetProperty("id").GetString(), out _).Should().BeTrue();
    }

    [Test]
    public async Task Updates_and_closure_follow_in_order()
    {
        var etag = await RegisterSchool("0951099D", "095", "Lycée Galois", "lycee");
        var updated = await Admin.SendAsync(Request(HttpMethod.Put, "/api/v1/schools/0951099D",
            new { name = "Lycée Évariste Galois", type = "lycee", sector = "public", departement = "095" }, etag));
        var closed = await Admin.SendAsync(Request(HttpMethod.Put, "/api/v1/schools/0951099D",
            new { name = "Lycée Évariste Galois", type = "lycee", sector = "public", departement = "095", status = "closed" },
                updated.Headers.ETag!.ToString()));
        closed.StatusCode.Should().Be(HttpStatusCode.OK);

        await Eventually(async () => (await ReadModel("0951099D"))?.Status == "closed", "Projects received SchoolClosed");
        (await ReadModel("0951099D"))!.Version.Should().Be(3);
        var types = (await Json(await Admin.GetAsync("/api/v1/events"))).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("type").GetString());
        types.Should().Equal("SchoolRegistered", "SchoolUpdated", "SchoolClosed");
    }

    [Test]
    public async Task The_feed_pages_by_cursor_and_resumes_after_an_event_id()
    {
        foreach (var (uai, departement) in new[] { ("0951099D", "095"), ("0301674G", "030"), ("0271234V", "027") })
        {
            await RegisterSchool(uai, departement);
        }

        await Eventually(async () => (await Json(await Admin.GetAsync("/api/v1/events"))).GetProperty("items").GetArrayLength() == 3, "three events");
        var first = await Json(await Admin.GetAsync("/api/v1/events?limit=2"));
        first.GetProperty("items").GetArrayLength().Should().Be(2);
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await Json(await Admin.GetAsync($"/api/v1/events?limit=2&after={cursor}"));
        second.GetProperty("items").GetArrayLength().Should().Be(1);
        second.TryGetProperty("nextCursor", out _).Should().BeFalse();
        var byCursor = await Json(await Admin.GetAsync($"/api/v1/events?limit=2&cursor={cursor}"));
        byCursor.GetProperty("items").GetRawText().Should().Be(second.GetProperty("items").GetRawText(), "`cursor` is `after`'s other name");
        await Problem(await Admin.GetAsync($"/api/v1/events?after={cursor}&cursor={Guid.NewGuid()}"), HttpStatusCode.BadRequest,
            "validation_failed");

        var lastId = second.GetProperty("items")[0].GetProperty("id").GetString();
        (await Json(await Admin.GetAsync($"/api/v1/events?after={lastId}"))).GetProperty("items").GetArrayLength().Should().Be(0);
        await Problem(await Admin.GetAsync("/api/v1/events?after=not-an-id"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task The_feed_shows_a_caller_only_its_academie()
    {
        await RegisterSchool("0951099D", "095");
        await RegisterSchool("0271234V", "027");
        await Eventually(async () => (await Json(await Admin.GetAsync("/api/v1/events"))).GetProperty("items").GetArrayLength() == 2, "two events");

        var normandie = await ClientFor("70", "events:read");
        var items = (await Json(await normandie.GetAsync("/api/v1/events"))).GetProperty("items");
        items.EnumerateArray().Select(e => e.GetProperty("payload").GetProperty("school").GetProperty("uai").GetString()).Should().Equal("0271234V");

        var versaillesEvent = (await Json(await Admin.GetAsync("/api/v1/events"))).GetProperty("items").EnumerateArray()
            .First(e => e.GetProperty("academie").GetString() == "25").GetProperty("id").GetString();
        await Problem(await normandie.GetAsync($"/api/v1/events?after={versaillesEvent}"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task A_failing_subscriber_parks_the_event_holds_its_aggregate_back_and_an_admin_retry_delivers_it()
    {
        BrokenSubscriber.FailFor = "0951099D";
        var etag = await RegisterSchool("0951099D", "095", "Lycée Galois", "lycee");
        await RegisterSchool("0301674G", "030");

        await Eventually(async () => (await Json(await Admin.GetAsync("/api/v1/admin/outbox/parked"))).GetProperty("items").GetArrayLength() == 1,
            "the event is parked after MaxAttempts");
        var parked = (await Json(await Admin.GetAsync("/api/v1/admin/outbox/parked"))).GetProperty("items")[0];
        parked.GetProperty("type").GetString().Should().Be("SchoolRegistered");
        parked.GetProperty("attempts").GetInt32().Should().Be(3);
        parked.GetProperty("lastError").GetString().Should().Contain("subscriber is down");

        var ready = await Json(await Anonymous().GetAsync("/health/ready"));
        ready.GetProperty("status").GetString().Should().Be("Degraded");
        ready.GetProperty("checks").GetProperty("outbox").GetProperty("data").GetProperty("parked").GetInt32().Should().Be(1);

        // Other aggregates flow; a later event of the parked school waits behind it.
        await Eventually(async () => await ReadModel("0301674G") is not null, "the other school is delivered");
        await Admin.SendAsync(Request(HttpMethod.Put, "/api/v1/schools/0951099D",
            new { name = "Lycée Évariste Galois", type = "lycee", sector = "public", departement = "095" }, etag));
        await Task.Delay(500);
        // The read model may have applied SchoolRegistered before the broken subscriber failed; what
        // matters is that the later SchoolUpdated has not overtaken the parked event.
        (await ReadModel("0951099D"))?.Version.Should().Be(1, "SchoolUpdated must not overtake the parked SchoolRegistered");

        BrokenSubscriber.FailFor = null;
        var retry = await Admin.PostAsync($"/api/v1/admin/outbox/parked/{parked.GetProperty("id").GetString()}/retry", null);
        retry.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually(async () => (await ReadModel("0951099D"))?.Name == "Lycée Évariste Galois", "both events delivered, in order");
        (await Json(await Admin.GetAsync("/api/v1/admin/outbox/parked"))).GetProperty("items").GetArrayLength().Should().Be(0);
        await Problem(await Admin.PostAsync($"/api/v1/admin/outbox/parked/{Guid.NewGuid()}/retry", null), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task A_redelivered_event_is_applied_once()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        var eventId = Guid.NewGuid();
        var applied = 0;
        for (var i = 0; i < 2; i++)
        {
            await db.ProcessOnceAsync("projects", "test-handler", eventId, DateTimeOffset.UtcNow, (_, _) =>
            {
                applied++;
                return Task.CompletedTask;
            }, CancellationToken.None);
        }

        applied.Should().Be(1);
    }

    private Task<SchoolSnapshot?> ReadModel(string uai) =>
        Factory.Services.GetRequiredService<Db>().ReadAsync(c => SchoolReadModel.FindAsync(c, uai), CancellationToken.None);

    /// <summary>A subscriber that fails for one school, like a module whose dependency is down.</summary>
    private sealed class BrokenSubscriber : INotificationHandler<IntegrationEvent<SchoolRegistered>>
    {
        public static volatile string? FailFor;

        public Task Handle(IntegrationEvent<SchoolRegistered> notification, CancellationToken cancellationToken) =>
            notification.Payload.School.Uai == FailFor ? throw new InvalidOperationException("subscriber is down") : Task.CompletedTask;
    }
}
