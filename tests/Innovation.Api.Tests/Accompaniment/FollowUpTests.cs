using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Accompaniment;

/// <summary>A clock the test sets: "today" for the API's rules is what the test says.</summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class FollowUpTests(Engine engine) : AccompanimentApiTest(engine)
{
    private readonly SettableClock _clock = new(At("2026-11-02"));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private static DateTimeOffset At(string day) => DateTimeOffset.Parse(day + "T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [SetUp]
    public void MorningOfTheProposal() => _clock.Now = At("2026-11-02");

    private async Task<(string Plan, string ETag, string Project)> ActivePlan(int? weeks = 6)
    {
        var project = await KnownProject();
        var cpc = await Person("claude.bernard@ac-versailles.fr");
        await Diagnose(project, cpc);
        var proposed = await Cardie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{project}/plans", new
        {
            types = new[] { new { type = "proximity", start = "2026-11-01", end = "2027-06-30" } },
            goals = new[] { new { needCode = "training", description = "Se former." } },
            accompanists = new[] { new { personId = cpc, role = "cpc", schoolYear = "2026-2027", plannedHours = 12 } },
            followUpIntervalWeeks = weeks,
        });
        var body = await Json(proposed);
        proposed.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());
        body.GetProperty("followUp").GetProperty("intervalWeeks").GetInt32().Should().Be(6);
        body.GetProperty("followUp").GetProperty("nextSheetDue").ValueKind.Should().Be(JsonValueKind.Null, "only an active plan has sheets due");
        var plan = body.GetProperty("id").GetString()!;
        var accepted = await PersonClient(Carrier, "25", "projects:carry").SendAsync(
            Request(HttpMethod.Post, $"/api/v1/accompaniment/plans/{plan}/accept", null, proposed.Headers.ETag!.ToString()));
        accepted.StatusCode.Should().Be(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        return (plan, accepted.Headers.ETag!.ToString(), project);
    }

    private async Task<JsonElement> FollowUpOf(string plan) =>
        (await Json(await Cardie.GetAsync($"/api/v1/accompaniment/plans/{plan}"))).GetProperty("followUp");

    private static object Sheet(string day, int selfEvaluation = 2) => new
    {
        writtenOn = day,
        progress = "Deux séquences conduites.",
        obstacles = "La sortie prévue a échoué faute de transport.",
        adjustments = "Sortie reportée en mars.",
        selfEvaluation,
    };

    [Test]
    public async Task A_missing_sheet_is_overdue_the_day_after_it_is_due_in_the_plan_and_the_queue_until_the_team_writes_it()
    {
        var (plan, etag, project) = await ActivePlan();
        var followUp = await FollowUpOf(plan);
        followUp.GetProperty("nextSheetDue").GetString().Should().Be("2026-12-14", "six weeks after the acceptance");
        followUp.GetProperty("overdue").GetBoolean().Should().BeFalse();

        _clock.Now = At("2026-12-14");
        (await FollowUpOf(plan)).GetProperty("overdue").GetBoolean().Should().BeFalse("the due day itself is not late");
        (await Json(await Cardie.GetAsync("/api/v1/accompaniment/queue?overdueSheet=true"))).GetProperty("items").GetArrayLength().Should().Be(0);

        _clock.Now = At("2026-12-15");
        (await FollowUpOf(plan)).GetProperty("overdue").GetBoolean().Should().BeTrue();
        var queue = (await Json(await Cardie.GetAsync("/api/v1/accompaniment/queue?overdueSheet=true&departement=95"))).GetProperty("items");
        queue.GetArrayLength().Should().Be(1);
        queue[0].GetProperty("projectId").GetString().Should().Be(project);
        queue[0].GetProperty("planId").GetString().Should().Be(plan);
        queue[0].GetProperty("stage").GetString().Should().Be("awaitingFollowUpSheet");
        queue[0].GetProperty("queuedAt").GetDateTimeOffset().Should().Be(DateTimeOffset.Parse("2026-12-14T00:00:00Z",
            System.Globalization.CultureInfo.InvariantCulture));
        (await Json(await Cardie.GetAsync("/api/v1/accompaniment/queue?stage=awaitingFollowUpSheet"))).GetProperty("items")
            .GetArrayLength().Should().Be(1);
        (await Json(await Cardie.GetAsync("/api/v1/accompaniment/queue"))).GetProperty("items").GetArrayLength()
            .Should().Be(0, "the usual queue still lists only projects waiting for a diagnosis or a plan");
        var normandie = await ClientFor("70", "accompaniment:read", "accompaniment:write");
        (await Json(await normandie.GetAsync("/api/v1/accompaniment/queue?overdueSheet=true"))).GetProperty("items").GetArrayLength()
            .Should().Be(0);

        var sheets = $"/api/v1/accompaniment/plans/{plan}/sheets";
        var invalid = await Problem(await Cardie.SendAsync(Request(HttpMethod.Post, sheets, new { selfEvaluation = 5 }, etag)),
            HttpStatusCode.BadRequest, "validation_failed");
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("writtenOn", "selfEvaluation");
        await Problem(await normandie.GetAsync(sheets), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.SendAsync(Request(HttpMethod.Post, sheets, Sheet("2026-12-15"), etag)), HttpStatusCode.NotFound, "not_found");

        var written = await Cardie.SendAsync(Request(HttpMethod.Post, sheets, Sheet("2026-12-15", selfEvaluation: 1), etag));
        written.StatusCode.Should().Be(HttpStatusCode.Created, await written.Content.ReadAsStringAsync());
        (await Json(written)).GetProperty("selfEvaluation").GetInt32().Should().Be(1);
        followUp = await FollowUpOf(plan);
        followUp.GetProperty("lastSheetOn").GetString().Should().Be("2026-12-15");
        followUp.GetProperty("nextSheetDue").GetString().Should().Be("2027-01-26");
        followUp.GetProperty("overdue").GetBoolean().Should().BeFalse();
        (await Json(await Cardie.GetAsync("/api/v1/accompaniment/queue?overdueSheet=true"))).GetProperty("items").GetArrayLength().Should().Be(0);

        var planText = await Cardie.GetStringAsync($"/api/v1/accompaniment/plans/{plan}");
        planText.Should().NotContain("selfEvaluation", "the right to error: a sheet feeds no score of the plan or project")
            .And.NotContain("échoué");
        (await Json(await Cardie.GetAsync(sheets))).GetProperty("items").GetArrayLength().Should().Be(1);

        var closed = await Cardie.SendAsync(Request(HttpMethod.Post, $"/api/v1/accompaniment/plans/{plan}/close",
            new { summary = "Fin." }, written.Headers.ETag!.ToString()));
        closed.StatusCode.Should().Be(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        _clock.Now = At("2027-03-01");
        (await FollowUpOf(plan)).GetProperty("overdue").GetBoolean().Should().BeFalse("a closed plan has no sheet due");
        await Problem(await Cardie.SendAsync(Request(HttpMethod.Post, sheets, Sheet("2027-03-01"), closed.Headers.ETag!.ToString())),
            HttpStatusCode.Conflict, "plan_closed");
    }
}
