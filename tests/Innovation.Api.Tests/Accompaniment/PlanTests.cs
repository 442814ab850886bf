using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Accompaniment;

public sealed class PlanTests(Engine engine) : AccompanimentApiTest(engine)
{
    private string _project = "";
    private string _cpc = "";
    private string _researcher = "";

    [SetUp]
    public async Task DiagnosedProject()
    {
        _project = await KnownProject();
        _cpc = await Person("claude.bernard@ac-versailles.fr");
        _researcher = await Person("marie.curie@ac-versailles.fr", function: "researcher");
        await Diagnose(_project, _cpc);
    }

    private object PlanBody(string goalNeed = "training", string? accompanist = null, int hours = 12) => new
    {
        types = new object[]
        {
            new { type = "research", start = "2027-01-15", end = "2027-06-30" },
            new { type = "proximity", start = "2026-11-01", end = "2027-02-28" },
        },
        goals = new[] { new { needCode = goalNeed, description = "Former l'équipe à l'évaluation par compétences." } },
        accompanists = new object[]
        {
            new { personId = accompanist ?? _cpc, role = "cpc", schoolYear = "2026-2027", plannedHours = hours },
            new { personId = _researcher, role = "researcher", schoolYear = "2026-2027", plannedHours = 6 },
        },
    };

    private async Task<(string Id, string ETag, JsonElement Body)> Propose(object? body = null)
    {
        var response = await Cardie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{_project}/plans", body ?? PlanBody());
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        var json = JsonDocument.Parse(text).RootElement;
        return (json.GetProperty("id").GetString()!, response.Headers.ETag!.ToString(), json);
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string uri, string etag, object? body = null) =>
        client.SendAsync(Request(HttpMethod.Post, uri, body, etag));

    private HttpClient TheCarrier() => PersonClient(Carrier, "25", "projects:carry");

    [Test]
    public async Task A_plan_combines_two_types_over_different_periods_and_leaves_the_queue()
    {
        var (id, etag, plan) = await Propose();

        etag.Should().Be("\"1\"");
        plan.GetProperty("status").GetString().Should().Be("proposed");
        plan.GetProperty("types").EnumerateArray().Select(t => (t.GetProperty("type").GetString(), t.GetProperty("start").GetString(),
                t.GetProperty("end").GetString()))
            .Should().Equal(("proximity", "2026-11-01", "2027-02-28"), ("research", "2027-01-15", "2027-06-30"));
        plan.GetProperty("accompanists").GetArrayLength().Should().Be(2);
        (await Json(await Cardie.GetAsync($"/api/v1/accompaniment/plans/{id}"))).GetProperty("goals")[0].GetProperty("needCode").GetString()
            .Should().Be("training");
        (await Json(await Cardie.GetAsync($"/api/v1/accompaniment/projects/{_project}/plans"))).GetProperty("items")[0].GetProperty("id")
            .GetString().Should().Be(id);
        (await Json(await Cardie.GetAsync("/api/v1/accompaniment/queue"))).GetProperty("items").GetArrayLength()
            .Should().Be(0, "a proposed plan is an accompaniment under way");
        await FeedWith("AccompanimentProposed");
    }

    [Test]
    public async Task Only_a_carrier_of_the_project_accepts_and_a_closed_plan_no_longer_changes()
    {
        var (id, etag, _) = await Propose();
        var url = $"/api/v1/accompaniment/plans/{id}";

        await Problem(await Post(Admin, $"{url}/accept", etag), HttpStatusCode.Forbidden, "not_a_carrier");
        await Problem(await Post(PersonClient("other.teacher@ac-versailles.fr", "25", "projects:carry"), $"{url}/accept", etag),
            HttpStatusCode.Forbidden, "not_a_carrier");
        (await Post(Cardie, $"{url}/accept", etag)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "accepting needs projects:carry");
        (await Post(TheCarrier(), $"{url}/accept", null!)).StatusCode.Should().Be((HttpStatusCode)428);
        await Problem(await Post(TheCarrier(), $"{url}/accept", "\"7\""), HttpStatusCode.PreconditionFailed, "etag_mismatch");

        var accepted = await Post(TheCarrier(), $"{url}/accept", etag);
        accepted.StatusCode.Should().Be(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        (await Json(accepted)).GetProperty("status").GetString().Should().Be("active");
        etag = accepted.Headers.ETag!.ToString();
        await Problem(await Post(TheCarrier(), $"{url}/decline", etag, new { reason = "Trop tard." }), HttpStatusCode.Conflict,
            "invalid_transition");

        await Problem(await Post(Cardie, $"{url}/close", etag, new { summary = "" }), HttpStatusCode.BadRequest, "validation_failed");
        var closed = await Post(Cardie, $"{url}/close", etag, new { summary = "Objectifs atteints." });
        closed.StatusCode.Should().Be(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var body = await Json(closed);
        (body.GetProperty("status").GetString(), body.GetProperty("closingSummary").GetString()).Should().Be(("closed", "Objectifs atteints."));
        etag = closed.Headers.ETag!.ToString();

        await Problem(await Cardie.SendAsync(Request(HttpMethod.Put, url, PlanBody(), etag)), HttpStatusCode.Conflict, "plan_closed");
        await Problem(await Post(Cardie, $"{url}/close", etag, new { summary = "Encore." }), HttpStatusCode.Conflict, "plan_closed");
        await Problem(await Post(TheCarrier(), $"{url}/accept", etag), HttpStatusCode.Conflict, "plan_closed");
        (await FeedWith("AccompanimentAccepted", "AccompanimentClosed")).Should().NotContain("Objectifs atteints");
    }

    [Test]
    public async Task The_diagnosis_and_each_step_of_a_plan_are_in_the_audit_trail_under_the_project()
    {
        var (id, etag, _) = await Propose();
        var url = $"/api/v1/accompaniment/plans/{id}";
        var accepted = await Post(TheCarrier(), $"{url}/accept", etag);
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Post(Cardie, $"{url}/close", accepted.Headers.ETag!.ToString(), new { summary = "Objectifs atteints." }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var entries = (await Json(await Admin.GetAsync($"/api/v1/audit?module=accompaniment&resourceId={_project}")))
            .GetProperty("items").EnumerateArray().ToList();

        entries.Select(e => (e.GetProperty("resourceType").GetString(), e.GetProperty("action").GetString())).Should().Equal(
            ("accompaniment.plan", "close"), ("accompaniment.plan", "accept"), ("accompaniment.plan", "create"),
            ("accompaniment.diagnosis", "create"));
        var status = entries[1].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "status");
        (status.GetProperty("before").GetString(), status.GetProperty("after").GetString()).Should().Be(("proposed", "active"));
        entries[0].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString())
            .Should().Contain(["status", "closingSummary"]);
        entries.Should().OnlyContain(e => e.GetProperty("parentId").GetString() == _project);
    }

    [Test]
    public async Task A_carrier_declines_with_a_reason_and_the_project_returns_to_the_queue()
    {
        var (id, etag, _) = await Propose();
        var url = $"/api/v1/accompaniment/plans/{id}";
        await Problem(await Post(TheCarrier(), $"{url}/decline", etag, new { }), HttpStatusCode.BadRequest, "validation_failed");

        var declined = await Post(TheCarrier(), $"{url}/decline", etag, new { reason = "L'équipe préfère attendre la rentrée." });
        declined.StatusCode.Should().Be(HttpStatusCode.OK, await declined.Content.ReadAsStringAsync());
        (await Json(declined)).GetProperty("declineReason").GetString().Should().Be("L'équipe préfère attendre la rentrée.");
        var queue = await Json(await Cardie.GetAsync("/api/v1/accompaniment/queue"));
        queue.GetProperty("items")[0].GetProperty("stage").GetString().Should().Be("awaitingAccompaniment");
        await Problem(await Cardie.SendAsync(Request(HttpMethod.Put, url, PlanBody(), declined.Headers.ETag!.ToString())),
            HttpStatusCode.Conflict, "plan_closed");
    }

    [Test]
    public async Task A_change_to_a_proposed_plan_applies_and_to_an_active_one_waits_for_the_carrier()
    {
        var (id, etag, _) = await Propose();
        var url = $"/api/v1/accompaniment/plans/{id}";
        (await Cardie.SendAsync(Request(HttpMethod.Put, url, PlanBody(hours: 20)))).StatusCode.Should().Be((HttpStatusCode)428);
        await Problem(await Cardie.SendAsync(Request(HttpMethod.Put, url, PlanBody(hours: 20), "\"9\"")), HttpStatusCode.PreconditionFailed,
            "etag_mismatch");
        var changed = await Cardie.SendAsync(Request(HttpMethod.Put, url, PlanBody(hours: 20), etag));
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await Json(changed)).GetProperty("accompanists")[0].GetProperty("plannedHours").GetInt32().Should().BeOneOf(20, 6);

        var accepted = await Post(TheCarrier(), $"{url}/accept", changed.Headers.ETag!.ToString());
        var revised = await Cardie.SendAsync(Request(HttpMethod.Put, url, PlanBody(hours: 30), accepted.Headers.ETag!.ToString()));
        var pending = await Json(revised);
        pending.GetProperty("pendingRevision").GetProperty("accompanists")[0].GetProperty("plannedHours").GetInt32().Should().Be(30);
        pending.GetProperty("accompanists").EnumerateArray().Select(a => a.GetProperty("plannedHours").GetInt32()).Should().Contain(20)
            .And.NotContain(30, "the active plan keeps its content until a carrier accepts");

        await Problem(await Post(Admin, $"{url}/revision/accept", revised.Headers.ETag!.ToString()), HttpStatusCode.Forbidden, "not_a_carrier");
        var applied = await Post(TheCarrier(), $"{url}/revision/accept", revised.Headers.ETag!.ToString());
        applied.StatusCode.Should().Be(HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        var body = await Json(applied);
        body.GetProperty("accompanists").EnumerateArray().Select(a => a.GetProperty("plannedHours").GetInt32()).Should().Contain(30);
        body.TryGetProperty("pendingRevision", out var none).Should().Be(none.ValueKind == JsonValueKind.Null);
        await Problem(await Post(TheCarrier(), $"{url}/revision/decline", applied.Headers.ETag!.ToString()), HttpStatusCode.Conflict,
            "no_pending_revision");
    }

    [Test]
    public async Task Goals_answer_diagnosed_needs_accompanists_are_of_the_academie_and_periods_of_one_type_do_not_overlap()
    {
        var url = $"/api/v1/accompaniment/projects/{_project}/plans";
        var goal = await Problem(await Cardie.PostAsJsonAsync(url, PlanBody(goalNeed: "mentoring")), HttpStatusCode.BadRequest, "validation_failed");
        goal.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("goals[0].needCode");

        var elsewhere = await Person("camille.lefevre@ac-normandie.fr", "70");
        var person = await Problem(await Cardie.PostAsJsonAsync(url, PlanBody(accompanist: elsewhere)), HttpStatusCode.BadRequest,
            "validation_failed");
        person.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("accompanists[0].personId");

        var invalid = await Problem(await Cardie.PostAsJsonAsync(url, new
        {
            types = new[] { new { type = "proximity", start = "2026-11-01", end = "2027-02-28" }, new { type = "proximity", start = "2027-01-01",
                end = "2027-03-01" } },
            goals = Array.Empty<object>(),
            accompanists = new[] { new { personId = _cpc, role = "cpc", schoolYear = "2026-2028", plannedHours = 0 } },
        }), HttpStatusCode.BadRequest, "validation_failed");
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should()
            .Contain(["types", "goals", "accompanists[0].schoolYear", "accompanists[0].plannedHours"]);
        (await Json(await Cardie.GetAsync(url))).GetProperty("items").GetArrayLength().Should().Be(0, "nothing was written");
    }

    [Test]
    public async Task Another_academies_plan_is_not_found_on_every_route()
    {
        var (id, etag, _) = await Propose();
        var normandie = await ClientFor("70", "accompaniment:read", "accompaniment:write");
        var carrierElsewhere = PersonClient(Carrier, "70", "projects:carry");
        var url = $"/api/v1/accompaniment/plans/{id}";

        await Problem(await normandie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{_project}/plans", PlanBody()), HttpStatusCode.NotFound,
            "not_found");
        await Problem(await normandie.GetAsync($"/api/v1/accompaniment/projects/{_project}/plans"), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.GetAsync(url), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.SendAsync(Request(HttpMethod.Put, url, PlanBody(), etag)), HttpStatusCode.NotFound, "not_found");
        await Problem(await Post(normandie, $"{url}/close", etag, new { summary = "Fin." }), HttpStatusCode.NotFound, "not_found");
        foreach (var action in new[] { "accept", "decline", "revision/accept", "revision/decline" })
        {
            await Problem(await Post(carrierElsewhere, $"{url}/{action}", etag, new { reason = "Non." }), HttpStatusCode.NotFound, "not_found");
        }

        var read = await Cardie.GetAsync(url);
        var again = Request(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.ParseAdd(read.Headers.ETag!.ToString());
        (await Cardie.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }
}
