using System.Net;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Experimentation;

public sealed class WorkflowTests(Engine engine) : ExperimentationApiTest(engine)
{
    [Test]
    public async Task The_dasen_approves_the_council_adopts_the_school_project_enters_it_and_it_runs_with_every_step_in_the_history()
    {
        var (id, _) = await Create(await KnownProject());
        (await Ok(Team, id, "submit")).GetProperty("submittedAt").GetString().Should().NotBeNull();
        var approved = await Ok(Dasen, id, "approve");
        approved.GetProperty("status").GetString().Should().Be("approved");
        approved.GetProperty("decision").GetProperty("decision").GetString().Should().Be("approved");
        approved.GetProperty("reviews").EnumerateArray().Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("dueOn").GetString()))
            .Should().Equal(("intermediate", "2027-06-30"), ("intermediate", "2028-06-30"), ("intermediate", "2029-06-30"), ("final", "2029-07-05"));
        var adopted = await Ok(Team, id, "adopt", new { body = "boardOfAdministration", voteDate = "2026-06-20" });
        adopted.GetProperty("adoption").GetProperty("body").GetString().Should().Be("boardOfAdministration");
        adopted.GetProperty("adoption").GetProperty("voteDate").GetString().Should().Be("2026-06-20");
        (await Ok(Team, id, "enter-in-school-project", new { on = "2026-06-25" })).GetProperty("enteredInSchoolProjectOn").GetString()
            .Should().Be("2026-06-25");
        await Ok(Team, id, "families-information", new { about = "objectives", informedOn = "2026-09-02", means = "meeting" });
        var running = await Ok(Team, id, "start", new { on = "2026-09-07" });
        running.GetProperty("status").GetString().Should().Be("running");
        running.GetProperty("startedOn").GetString().Should().Be("2026-09-07");
        running.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("close", "renew");

        var history = (await Json(await Team.GetAsync($"/api/v1/experimentations/{id}/history"))).GetProperty("items");
        history.EnumerateArray().Select(s => (s.GetProperty("action").GetString(), s.GetProperty("toStatus").GetString())).Should().Equal(
            ("create", "draft"), ("submit", "submitted"), ("approve", "approved"), ("adopt", "adopted"),
            ("enterInSchoolProject", "enteredInSchoolProject"), ("familiesInformed", "enteredInSchoolProject"), ("start", "running"));
        history.EnumerateArray().Should()
            .OnlyContain(s => s.GetProperty("actor").GetString()!.Length > 0 && s.GetProperty("occurredAt").GetString() != null);
        history[3].GetProperty("details").GetProperty("voteDate").GetString().Should().Be("2026-06-20");
        history[6].GetProperty("details").GetProperty("on").GetString().Should().Be("2026-09-07");

        var feed = await FeedWith("ExperimentationSubmitted", "ExperimentationApproved", "ExperimentationAdopted", "ExperimentationStarted");
        var approval = JsonDocument.Parse(feed).RootElement.GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == "ExperimentationApproved").GetProperty("payload");
        var indicator = approval.GetProperty("protocol").GetProperty("indicators")[0];
        indicator.GetProperty("baselineValue").GetDecimal().Should().Be(12.5m);
        indicator.GetProperty("targetValue").GetDecimal().Should().Be(8m);
        approval.GetProperty("protocol").GetProperty("intermediateReviewsDue").GetArrayLength().Should().Be(3);
        approval.GetProperty("protocol").GetProperty("finalReportDue").GetString().Should().Be("2029-07-05");
    }

    [Test]
    public async Task A_rejection_and_a_return_need_a_reason_kept_in_the_history_and_a_returned_dossier_is_submitted_again()
    {
        var (returned, _) = await Create(await KnownProject());
        await Ok(Team, returned, "submit");
        await Problem(await Step(Dasen, returned, "return", new { reason = "" }), HttpStatusCode.BadRequest, "validation_failed");
        var back = await Ok(Dasen, returned, "return", new { reason = "Précisez les indicateurs." });
        back.GetProperty("status").GetString().Should().Be("returnedForChanges");
        back.GetProperty("decision").GetProperty("reason").GetString().Should().Be("Précisez les indicateurs.");
        await Ok(Team, returned, "submit");

        var (rejected, _) = await Create(await KnownProject());
        await Ok(Team, rejected, "submit");
        await Problem(await Step(Dasen, rejected, "reject"), HttpStatusCode.BadRequest, "validation_failed");
        (await Ok(Dasen, rejected, "reject", new { reason = "Pas de dérogation nécessaire." })).GetProperty("allowedActions").GetArrayLength()
            .Should().Be(0);

        var history = (await Json(await Team.GetAsync($"/api/v1/experimentations/{returned}/history"))).GetProperty("items");
        history.EnumerateArray().Select(s => s.GetProperty("action").GetString()).Should().Equal("create", "submit", "return", "submit");
        history[2].GetProperty("reason").GetString().Should().Be("Précisez les indicateurs.");
        await FeedWith("ExperimentationReturned", "ExperimentationRejected");
    }

    [Test]
    public async Task A_transition_the_workflow_does_not_allow_is_a_409_naming_the_status_and_the_allowed_actions()
    {
        var (id, _) = await Create(await KnownProject());
        var early = await Problem(await Step(Team, id, "start", new { on = "2026-09-07" }), HttpStatusCode.Conflict, "invalid_transition");
        early.GetProperty("currentStatus").GetString().Should().Be("draft");
        early.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("submit");

        await Ok(Team, id, "submit");
        await Ok(Dasen, id, "approve");
        var beforeAdoption = await Problem(await Step(Team, id, "start", new { on = "2026-09-07" }), HttpStatusCode.Conflict, "invalid_transition");
        beforeAdoption.GetProperty("currentStatus").GetString().Should().Be("approved");
        beforeAdoption.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("adopt");
        await Problem(await Step(Dasen, id, "approve"), HttpStatusCode.Conflict, "invalid_transition");
        await Problem(await Step(Team, id, "close"), HttpStatusCode.Conflict, "invalid_transition");
        await Ok(Team, id, "adopt", new { body = "schoolCouncil", voteDate = "2026-06-20" });
        var beforeEntry = await Problem(await Step(Team, id, "start", new { on = "2026-09-07" }), HttpStatusCode.Conflict, "invalid_transition");
        beforeEntry.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("enterInSchoolProject");
        (await Json(await Team.GetAsync($"/api/v1/experimentations/{id}"))).GetProperty("status").GetString().Should().Be("adopted");
    }

    [Test]
    public async Task It_cannot_run_before_the_families_are_informed_of_its_objectives()
    {
        var id = await ExperimentationIn("enteredInSchoolProject");
        var problem = await Problem(await Step(Team, id, "start", new { on = "2026-09-07" }), HttpStatusCode.Conflict, "families_not_informed");
        problem.GetProperty("currentStatus").GetString().Should().Be("enteredInSchoolProject");
        await Problem(await Step(Team, id, "families-information", new { about = "results", informedOn = "2026-09-02", means = "letter" }),
            HttpStatusCode.Conflict, "invalid_transition");
        var informed = await Ok(Team, id, "families-information",
            new { about = "objectives", informedOn = "2026-09-02", means = "digitalWorkspaceMessage" });
        informed.GetProperty("families").GetProperty("objectives").GetProperty("means").GetString().Should().Be("digitalWorkspaceMessage");
        (await Ok(Team, id, "start", new { on = "2026-09-07" })).GetProperty("status").GetString().Should().Be("running");
    }

    [Test]
    public async Task Deciding_needs_the_decide_scope_and_the_team_cannot_approve_its_own_dossier()
    {
        var (id, _) = await Create(await KnownProject());
        await Ok(Team, id, "submit");
        foreach (var action in new[] { "approve", "reject", "return" })
        {
            (await Step(Team, id, action, new { reason = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden, action);
        }

        (await Step(Dasen, id, "adopt", new { body = "schoolCouncil", voteDate = "2026-06-20" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Json(await Team.GetAsync($"/api/v1/experimentations/{id}"))).GetProperty("status").GetString().Should().Be("submitted");
    }
}
