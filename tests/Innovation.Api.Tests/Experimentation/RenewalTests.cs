using System.Net;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Experimentation;

public sealed class RenewalTests(Engine engine) : ExperimentationApiTest(engine)
{
    private static object Renewal(int years = 2) => new
    {
        additionalYears = years,
        intermediateReviewsDue = new[] { "2030-06-30", "2031-06-30" },
        finalReportDue = "2031-07-05",
        reason = "Premiers effets encourageants.",
    };

    [Test]
    public async Task The_dasen_renews_a_running_experimentation_once_and_a_second_renewal_is_refused()
    {
        var id = await ExperimentationIn("running");
        var renewed = await Ok(Dasen, id, "renew", Renewal());
        renewed.GetProperty("durationYears").GetInt32().Should().Be(5, "three years plus two");
        renewed.GetProperty("renewal").GetProperty("additionalYears").GetInt32().Should().Be(2);
        renewed.GetProperty("renewal").GetProperty("reason").GetString().Should().Be("Premiers effets encourageants.");
        renewed.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("close");
        renewed.GetProperty("reviews").EnumerateArray().Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("dueOn").GetString()))
            .Should().Equal(("intermediate", "2027-06-30"), ("intermediate", "2028-06-30"), ("intermediate", "2029-06-30"),
                ("intermediate", "2030-06-30"), ("intermediate", "2031-06-30"), ("final", "2031-07-05"));

        var again = await Problem(await Step(Dasen, id, "renew", Renewal(1)), HttpStatusCode.Conflict, "renewal_exhausted");
        again.GetProperty("currentStatus").GetString().Should().Be("running");
        (await Json(await Team.GetAsync($"/api/v1/experimentations/{id}"))).GetProperty("durationYears").GetInt32().Should().Be(5);
        var history = (await Json(await Team.GetAsync($"/api/v1/experimentations/{id}/history"))).GetProperty("items");
        history.EnumerateArray().Count(s => s.GetProperty("action").GetString() == "renew").Should().Be(1);
        await FeedWith("ExperimentationRenewed");
    }

    [Test]
    public async Task A_renewal_is_the_dasens_for_one_to_five_years_of_a_running_experimentation()
    {
        var approved = await ExperimentationIn("approved");
        var notRunning = await Problem(await Step(Dasen, approved, "renew", Renewal()), HttpStatusCode.Conflict, "invalid_transition");
        notRunning.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("adopt");

        var id = await ExperimentationIn("running");
        (await Step(Team, id, "renew", Renewal())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var tooLong = await Problem(await Step(Dasen, id, "renew", Renewal(6)), HttpStatusCode.UnprocessableEntity, "duration_too_long");
        tooLong.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("additionalYears");
        tooLong.GetProperty("detail").GetString().Should().Contain("at most 5 school years");
        var none = await Problem(await Step(Dasen, id, "renew", Renewal(0)), HttpStatusCode.BadRequest, "validation_failed");
        none.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain("additionalYears");
        var early = await Problem(await Step(Dasen, id, "renew", new
        {
            additionalYears = 1, intermediateReviewsDue = new[] { "2028-01-15" }, finalReportDue = "2030-07-05",
        }), HttpStatusCode.BadRequest, "validation_failed");
        early.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("intermediateReviewsDue");
        var after = await Json(await Team.GetAsync($"/api/v1/experimentations/{id}"));
        after.GetProperty("renewal").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "nothing is written");
        after.GetProperty("durationYears").GetInt32().Should().Be(3);
        after.GetProperty("reviews").GetArrayLength().Should().Be(4, "three intermediate reviews and the final report, none added");
    }
}
