using System.Net;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

/// <summary>What the lifecycle, editing, erasure and valorisation tests share: driving a project to a status.</summary>
public abstract class LifecycleApiTest(Engine engine) : ProjectApiTest(engine)
{
    /// <summary>The actions (with the body each needs) that take a new draft to each status.</summary>
    protected static readonly IReadOnlyDictionary<string, string[]> PathTo = new Dictionary<string, string[]>
    {
        ["draft"] = [],
        ["submitted"] = ["submit"],
        ["validated"] = ["submit", "validate"],
        ["rejected"] = ["submit", "reject"],
        ["returnedForChanges"] = ["submit", "return"],
        ["inProgress"] = ["submit", "validate", "start"],
        ["completed"] = ["submit", "validate", "start", "complete"],
        ["archived"] = ["submit", "validate", "start", "complete", "archive"],
    };

    protected static object? BodyFor(string action) => action switch
    {
        "reject" => new { reason = "Hors du champ de l'innovation." },
        "return" => new { comment = "Précisez les indicateurs." },
        _ => null,
    };

    protected async Task<string> ETagOf(string id) => (await Admin.GetAsync($"/api/v1/projects/{id}")).Headers.ETag!.ToString();

    /// <summary>Performs a lifecycle action with the project's current ETag (unless one is given).</summary>
    protected async Task<HttpResponseMessage> Act(HttpClient client, string id, string action, object? body = null, string? ifMatch = null) =>
        await client.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/{action}", body ?? BodyFor(action), ifMatch ?? await ETagOf(id)));

    /// <summary>A new project (as the national administrator) driven to <paramref name="status"/>; returns its id.</summary>
    protected async Task<string> ProjectIn(string status, Dictionary<string, object?>? body = null)
    {
        var id = (await CreateProject(body)).GetProperty("id").GetString()!;
        foreach (var action in PathTo[status])
        {
            var response = await Act(Admin, id, action);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action} on the way to {status}: {await response.Content.ReadAsStringAsync()}");
        }

        return id;
    }

    protected async Task<JsonElement> Read(string id) => await Json(await Admin.GetAsync($"/api/v1/projects/{id}"));
}

public sealed class ProjectLifecycleTests(Engine engine) : LifecycleApiTest(engine)
{
    private static readonly string[] Actions = ["submit", "validate", "reject", "return", "start", "complete", "archive"];

    /// <summary>The state table of ADR 0011, from the client's side.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["draft"] = ["submit"],
        ["submitted"] = ["validate", "reject", "return"],
        ["validated"] = ["start"],
        ["rejected"] = ["archive"],
        ["returnedForChanges"] = ["submit"],
        ["inProgress"] = ["complete"],
        ["completed"] = ["archive"],
        ["archived"] = [],
    };

    [SetUp]
    public Task Schools() => StandardSchools();

    [Test]
    public async Task A_project_goes_through_its_whole_lifecycle_and_its_history_keeps_every_step()
    {
        var id = (await CreateProject()).GetProperty("id").GetString()!;
        var steps = new (string Action, string Status)[]
        {
            ("submit", "submitted"), ("return", "returnedForChanges"), ("submit", "submitted"), ("validate", "validated"),
            ("start", "inProgress"), ("complete", "completed"), ("archive", "archived"),
        };
        var version = 1;
        foreach (var (action, status) in steps)
        {
            var response = await Act(Admin, id, action);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            response.Headers.ETag!.ToString().Should().Be($"\"{++version}\"", $"{action} moves the version");
            (await Json(response)).GetProperty("status").GetString().Should().Be(status);
        }

        var history = (await Json(await Admin.GetAsync($"/api/v1/projects/{id}/history"))).GetProperty("items").EnumerateArray().ToList();
        history.Select(h => h.GetProperty("action").GetString()).Should()
            .Equal("create", "submit", "return", "submit", "validate", "start", "complete", "archive");
        history.Select(h => h.GetProperty("toStatus").GetString()).Should().Equal(
            "draft", "submitted", "returnedForChanges", "submitted", "validated", "inProgress", "completed", "archived");
        history[0].GetProperty("fromStatus").ValueKind.Should().Be(JsonValueKind.Null, "the creation comes from nowhere");
        history[2].GetProperty("fromStatus").GetString().Should().Be("submitted");
        history[2].GetProperty("reason").GetString().Should().Be("Précisez les indicateurs.");
        history.Should().OnlyContain(h => h.GetProperty("actor").GetString() == history[0].GetProperty("actor").GetString(),
            "the administrator did everything");
        history.Select(h => h.GetProperty("occurredAt").GetDateTimeOffset()).Should().BeInAscendingOrder();
        history.Select(h => h.GetProperty("sequence").GetInt32()).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);

        var page = await Json(await Admin.GetAsync($"/api/v1/projects/{id}/history?limit=3"));
        page.GetProperty("items").GetArrayLength().Should().Be(3);
        var rest = await Json(await Admin.GetAsync($"/api/v1/projects/{id}/history?limit=10&cursor={page.GetProperty("nextCursor").GetString()}"));
        rest.GetProperty("items")[0].GetProperty("action").GetString().Should().Be("submit");
        rest.GetProperty("items").GetArrayLength().Should().Be(5);
    }

    [Test]
    public async Task A_rejected_project_keeps_its_reason_and_can_only_be_archived()
    {
        var id = await ProjectIn("rejected");
        var history = (await Json(await Admin.GetAsync($"/api/v1/projects/{id}/history"))).GetProperty("items");
        history[2].GetProperty("action").GetString().Should().Be("reject");
        history[2].GetProperty("reason").GetString().Should().Be("Hors du champ de l'innovation.");
        (await Act(Admin, id, "archive")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Read(id)).GetProperty("status").GetString().Should().Be("archived");
    }

    [TestCaseSource(nameof(Statuses))]
    public async Task Every_action_the_status_does_not_allow_is_refused_naming_the_allowed_ones(string status)
    {
        var id = await ProjectIn(status);
        var version = (await Read(id)).GetProperty("version").GetInt32();
        foreach (var action in Actions.Except(Allowed[status]))
        {
            var problem = await Problem(await Act(Admin, id, action), HttpStatusCode.Conflict, "invalid_transition");
            problem.GetProperty("currentStatus").GetString().Should().Be(status, $"{action} from {status} names the current status");
            problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should()
                .Equal(Allowed[status], $"{action} from {status}");
        }

        (await Read(id)).GetProperty("version").GetInt32().Should().Be(version, "a refused transition changes nothing");
        (await Json(await Admin.GetAsync($"/api/v1/projects/{id}/history"))).GetProperty("items").GetArrayLength().Should()
            .Be(PathTo[status].Length + 1);
    }

    private static IEnumerable<string> Statuses() => Allowed.Keys;

    [Test]
    public async Task Submitting_lists_every_missing_canvas_item_at_once()
    {
        var body = ValidProject();
        body["canvas"] = new { needs = "Des besoins.", objectives = " ", resources = "Le parc." };
        var id = (await CreateProject(body)).GetProperty("id").GetString()!;

        var problem = await Problem(await Act(Admin, id, "submit"), HttpStatusCode.UnprocessableEntity, "canvas_incomplete");
        problem.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).Should()
            .Equal("objectives", "actors", "keySteps", "evaluationIndicators");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(
            "canvas.objectives", "canvas.actors", "canvas.keySteps", "canvas.evaluationIndicators");
        (await Read(id)).GetProperty("status").GetString().Should().Be("draft");

        var empty = ValidProject(title: "Sans canevas");
        empty["canvas"] = null;
        var bare = (await CreateProject(empty)).GetProperty("id").GetString()!;
        (await Problem(await Act(Admin, bare, "submit"), HttpStatusCode.UnprocessableEntity, "canvas_incomplete")).GetProperty("missing")
            .GetArrayLength()
            .Should().Be(6);
    }

    [Test]
    public async Task Rejecting_needs_a_reason_and_returning_needs_a_comment()
    {
        var id = await ProjectIn("submitted");
        (await Problem(await Act(Admin, id, "reject", new { }), HttpStatusCode.BadRequest, "validation_failed"))
            .GetProperty("errors").GetProperty("reason")[0].GetString().Should().Contain("reason");
        (await Problem(await Act(Admin, id, "reject", new { reason = "  " }), HttpStatusCode.BadRequest, "validation_failed"))
            .GetProperty("errors").TryGetProperty("reason", out _).Should().BeTrue();
        (await Problem(await Act(Admin, id, "return", new { }), HttpStatusCode.BadRequest, "validation_failed"))
            .GetProperty("errors").GetProperty("comment")[0].GetString().Should().Contain("comment");
        (await Problem(await Act(Admin, id, "reject", new { reason = new string('x', 2001) }), HttpStatusCode.BadRequest, "validation_failed"))
            .GetProperty("errors").TryGetProperty("reason", out _).Should().BeTrue();
        (await Read(id)).GetProperty("status").GetString().Should().Be("submitted");
    }

    [Test]
    public async Task Validation_rejection_and_return_need_projects_validate()
    {
        var id = await ProjectIn("submitted");
        var writer = await ClientFor("25", "projects:read", "projects:write");
        await Problem(await Act(writer, id, "validate"), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await Act(writer, id, "reject"), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await Act(writer, id, "return"), HttpStatusCode.Forbidden, "forbidden");
        var carrier = PersonClient("ada.lovelace@ac-versailles.fr", "25", "projects:read", "projects:carry");
        await Problem(await Act(carrier, id, "validate"), HttpStatusCode.Forbidden, "forbidden");

        var validator = await ClientFor("25", "projects:validate");
        (await Act(validator, id, "validate")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Carriers_submit_start_and_complete_their_project_but_do_not_archive_it()
    {
        var ada = PersonClient("ada.lovelace@ac-versailles.fr", "25", "projects:read", "projects:carry");
        var grace = PersonClient("grace.hopper@ac-versailles.fr", "25", "projects:read", "projects:carry");
        var id = (await CreateProject()).GetProperty("id").GetString()!;

        await Problem(await Act(grace, id, "submit"), HttpStatusCode.Forbidden, "not_a_carrier");
        (await Act(ada, id, "submit")).StatusCode.Should().Be(HttpStatusCode.OK);
        var validator = await ClientFor("25", "projects:validate");
        (await Act(validator, id, "validate")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Problem(await Act(grace, id, "start"), HttpStatusCode.Forbidden, "not_a_carrier");
        (await Act(ada, id, "start")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Act(ada, id, "complete")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Problem(await Act(ada, id, "archive"), HttpStatusCode.Forbidden, "forbidden");

        var history = (await Json(await Admin.GetAsync($"/api/v1/projects/{id}/history"))).GetProperty("items");
        history[1].GetProperty("actor").GetString().Should()
            .Be("jwt:ada.lovelace@ac-versailles.fr", "the history names who acted (the token subject)");
    }

    [Test]
    public async Task Actions_need_the_current_etag()
    {
        var id = (await CreateProject()).GetProperty("id").GetString()!;
        await Problem(await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/submit")), HttpStatusCode.PreconditionRequired,
            "if_match_required");
        await Problem(await Act(Admin, id, "submit", ifMatch: "\"7\""), HttpStatusCode.PreconditionFailed, "etag_mismatch");
        (await Read(id)).GetProperty("status").GetString().Should().Be("draft");
        (await Act(Admin, id, "submit", ifMatch: "\"1\"")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Problem(await Act(Admin, id, "validate", ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed, "etag_mismatch");
    }

    [Test]
    public async Task Another_academie_finds_neither_the_actions_nor_the_history()
    {
        var id = await ProjectIn("submitted");
        var montpellier = await ClientFor("11", "projects:read", "projects:write", "projects:validate");
        foreach (var action in Actions)
        {
            await Problem(await Act(montpellier, id, action, ifMatch: "\"2\""), HttpStatusCode.NotFound, "not_found");
        }

        await Problem(await montpellier.GetAsync($"/api/v1/projects/{id}/history"), HttpStatusCode.NotFound, "not_found");
        var carrierElsewhere = PersonClient("ada.lovelace@ac-versailles.fr", "11", "projects:read", "projects:carry");
        await Problem(await Act(carrierElsewhere, id, "submit", ifMatch: "\"2\""), HttpStatusCode.NotFound, "not_found");
        (await Read(id)).GetProperty("status").GetString().Should().Be("submitted");
    }

    [Test]
    public async Task Lifecycle_events_reach_the_feed_with_codes_and_no_personal_data()
    {
        var id = await ProjectIn("archived", ValidProject(schools: [Galois, Jaures]));
        var expected = new[] { "ProjectSubmitted", "ProjectValidated", "ProjectStarted", "ProjectCompleted", "ProjectArchived" };
        List<JsonElement> events = [];
        await Eventually(async () =>
        {
            var feed = await Json(await Admin.GetAsync("/api/v1/events?limit=200"));
            // This test's project only: a previous test's last delivery may land after the reset.
            events = [.. feed.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString()!.StartsWith("Project", StringComparison.Ordinal) && e.GetRawText()
                    .Contains(id, StringComparison.Ordinal))];
            return events.Count == expected.Length;
        }, "the five lifecycle events reach the feed");

        events.Select(e => e.GetProperty("type").GetString()).Should().Equal(expected);
        var submitted = events[0].GetProperty("payload").GetProperty("project");
        submitted.GetProperty("projectId").GetString().Should().Be(id);
        submitted.GetProperty("academie").GetString().Should().Be("25");
        submitted.GetProperty("schools").EnumerateArray().Select(s => s.GetString()).Should().Equal(Galois, Jaures);
        submitted.GetProperty("departements").EnumerateArray().Select(s => s.GetString()).Should().Equal("095");
        submitted.GetProperty("themes").EnumerateArray().Select(s => s.GetString()).Should().Equal("scienceAndGenderMix", "wellBeing");
        submitted.GetProperty("fromStatus").GetString().Should().Be("draft");
        submitted.GetProperty("status").GetString().Should().Be("submitted");
        submitted.GetProperty("version").GetInt32().Should().Be(2);
        events[^1].GetProperty("payload").GetProperty("project").GetProperty("status").GetString().Should().Be("archived");
        events.Should().OnlyContain(e => e.GetProperty("academie").GetString() == "25");

        var raw = string.Join('\n', events.Select(e => e.GetRawText()));
        foreach (var personal in new[] { "Lovelace", "Blaise", "Pascal", "@", "ac-versailles" })
        {
            raw.Should().NotContainEquivalentOf(personal, "event payloads carry ids and codes, never names or e-mails");
        }
    }

    [Test]
    public async Task Rejection_and_return_events_carry_no_reason()
    {
        var rejected = await ProjectIn("rejected");
        var returned = await ProjectIn("returnedForChanges", ValidProject(title: "Autre"));
        await Eventually(async () => (await Admin.GetStringAsync("/api/v1/events?limit=200")).Contains("ProjectReturned"),
            "the return event arrives");
        var feed = await Admin.GetStringAsync("/api/v1/events?limit=200");
        feed.Should().Contain("ProjectRejected").And.Contain(rejected).And.Contain(returned);
        feed.Should().NotContain("Hors du champ").And.NotContain("les indicateurs", "free text may name people: it stays in the history");
    }
}
