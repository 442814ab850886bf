using System.Net;
using System.Text.Json;
using Innovation.Api.Tests.Accompaniment;
using Innovation.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Experimentation;

/// <summary>Reviews, the final report and closing, with a clock the test sets and the overdue job running every 100 ms.</summary>
public sealed class ReviewTests(Engine engine) : ExperimentationApiTest(engine)
{
    private readonly SettableClock _clock = new(At("2026-06-01"));

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Experimentation:OverdueCheckInterval"] = "00:00:00.100";
            return settings;
        }
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private static DateTimeOffset At(string day) => DateTimeOffset.Parse(day + "T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [SetUp]
    public void BeforeTheFirstReview() => _clock.Now = At("2026-06-01");

    private async Task<JsonElement> ReadExperimentation(string id) => await Json(await Team.GetAsync($"/api/v1/experimentations/{id}"));

    private static object Submission(string text = "Bilan de l'année.", string link = "https://ent.example.fr/bilan.pdf") => new
    {
        text,
        attachments = new[] { link },
        indicatorValues = new[] { new { indicatorCode = "absenteeism", value = 10.2m, measuredOn = "2027-06-15" } },
    };

    private async Task<int> OverdueEventsIn()
    {
        var feed = JsonDocument.Parse(await Admin.GetStringAsync("/api/v1/events?limit=200")).RootElement;
        return feed.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "ReviewOverdue");
    }

    [Test]
    public async Task Reviews_and_the_final_report_are_submitted_and_it_closes_once_the_families_know_the_results()
    {
        var id = await ExperimentationIn("running");
        var reviews = (await ReadExperimentation(id)).GetProperty("reviews").EnumerateArray().ToList();
        reviews.Should().HaveCount(4);
        foreach (var review in reviews.Where(r => r.GetProperty("kind").GetString() == "intermediate"))
        {
            var after = await Ok(Team, id, $"reviews/{review.GetProperty("id").GetString()}/submission", Submission());
            var submitted = after.GetProperty("reviews").EnumerateArray()
                .Single(r => r.GetProperty("id").GetString() == review.GetProperty("id").GetString());
            submitted.GetProperty("text").GetString().Should().Be("Bilan de l'année.");
            submitted.GetProperty("attachments")[0].GetString().Should().Be("https://ent.example.fr/bilan.pdf");
            submitted.GetProperty("indicatorValues")[0].GetProperty("value").GetDecimal().Should().Be(10.2m);
        }

        await Problem(await Step(Team, id, "close"), HttpStatusCode.Conflict, "final_report_missing");
        var final = reviews.Single(r => r.GetProperty("kind").GetString() == "final").GetProperty("id").GetString();
        await Ok(Team, id, $"reviews/{final}/submission", Submission("Rapport final."));
        await Problem(await Step(Team, id, "close"), HttpStatusCode.Conflict, "families_not_informed");
        await Ok(Team, id, "families-information", new { about = "results", informedOn = "2029-06-20", means = "meeting" });
        var closed = await Ok(Team, id, "close");
        closed.GetProperty("status").GetString().Should().Be("closed");
        closed.GetProperty("closedAt").GetString().Should().NotBeNull();
        closed.GetProperty("families").GetProperty("results").GetProperty("informedOn").GetString().Should().Be("2029-06-20");

        var history = (await Json(await Team.GetAsync($"/api/v1/experimentations/{id}/history"))).GetProperty("items");
        history.EnumerateArray().Select(s => s.GetProperty("action").GetString()).Should().EndWith(
            ["reviewSubmitted", "reviewSubmitted", "reviewSubmitted", "finalReportSubmitted", "familiesInformed", "close"]);
        await FeedWith("ReviewSubmitted", "FinalReportSubmitted", "ExperimentationClosed");
    }

    [Test]
    public async Task A_review_past_its_due_date_is_overdue_in_the_experimentation_and_the_list_and_announced_exactly_once()
    {
        var id = await ExperimentationIn("running");
        await Create(await KnownProject());
        _clock.Now = At("2027-06-30");
        (await ReadExperimentation(id)).GetProperty("overdue").GetBoolean().Should().BeFalse("the due day itself is not late");
        await Task.Delay(300);
        (await OverdueEventsIn()).Should().Be(0);

        _clock.Now = At("2027-07-01");
        var late = await ReadExperimentation(id);
        late.GetProperty("overdue").GetBoolean().Should().BeTrue();
        late.GetProperty("reviews")[0].GetProperty("overdue").GetBoolean().Should().BeTrue();
        late.GetProperty("reviews")[1].GetProperty("overdue").GetBoolean().Should().BeFalse();
        var list = (await Json(await Team.GetAsync("/api/v1/experimentations?overdue=true"))).GetProperty("items");
        list.EnumerateArray().Select(e => e.GetProperty("id").GetString()).Should().Equal(id);
        (await Json(await Team.GetAsync("/api/v1/experimentations"))).GetProperty("items").GetArrayLength().Should().Be(2);

        await Eventually(async () => await OverdueEventsIn() == 1, "the job announces the overdue review");
        await Task.Delay(600);
        (await OverdueEventsIn()).Should().Be(1, "each overdue review is announced once, however many passes run");

        var first = late.GetProperty("reviews")[0].GetProperty("id").GetString();
        (await Ok(Team, id, $"reviews/{first}/submission", Submission())).GetProperty("overdue").GetBoolean().Should().BeFalse();
        (await Json(await Team.GetAsync("/api/v1/experimentations?overdue=true"))).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task A_submission_is_checked_made_once_and_only_while_it_runs()
    {
        var approved = await ExperimentationIn("approved");
        var early = (await ReadExperimentation(approved)).GetProperty("reviews")[0].GetProperty("id").GetString();
        await Problem(await Step(Team, approved, $"reviews/{early}/submission", Submission()), HttpStatusCode.Conflict, "invalid_transition");

        var id = await ExperimentationIn("running");
        var review = (await ReadExperimentation(id)).GetProperty("reviews")[0].GetProperty("id").GetString();
        var bad = await Problem(await Step(Team, id, $"reviews/{review}/submission", new
        {
            text = "",
            attachments = new[] { "ftp://files.example.fr/bilan.pdf" },
            indicatorValues = new[] { new { indicatorCode = "absenteeism", value = 10m, measuredOn = "2027-06-15" } },
        }), HttpStatusCode.BadRequest, "validation_failed");
        bad.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(["text", "attachments[0]"]);
        var unknown = await Problem(await Step(Team, id, $"reviews/{review}/submission", new
        {
            text = "Bilan.", indicatorValues = new[] { new { indicatorCode = "happiness", value = 1m, measuredOn = "2027-06-15" } },
        }), HttpStatusCode.BadRequest, "validation_failed");
        unknown.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("indicatorValues[0].indicatorCode");

        await Ok(Team, id, $"reviews/{review}/submission", Submission());
        await Problem(await Step(Team, id, $"reviews/{review}/submission", Submission()), HttpStatusCode.Conflict, "review_already_submitted");
        await Problem(await Step(Team, id, $"reviews/{Guid.NewGuid()}/submission", Submission()), HttpStatusCode.NotFound, "not_found");
        await Problem(await Step(Team, id, $"reviews/{early}/submission", Submission()), HttpStatusCode.NotFound, "not_found");
    }
}
