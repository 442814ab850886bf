using System.Net;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectPlanTests(Engine engine) : ProjectDetailsTest(engine)
{
    [Test]
    public async Task A_plan_is_replaced_whole_and_reads_back_sorted_for_a_gantt_chart()
    {
        var id = await NewProject();
        var body = new
        {
            phases = new object[]
            {
                new { key = "share", title = "Restitution", start = "2027-01-04", end = "2027-06-30", responsible = "Directrice", state = "planned",
                    dependsOn = new[] { "explore" } },
                new { key = "explore", title = "Sorties d'observation", start = "2026-09-01", end = "2026-12-18",
                    responsible = "Professeure de CM2", state = "inProgress" },
            },
            milestones = new object[]
            {
                new { key = "parents", title = "Exposés devant les parents", date = "2027-05-20", phase = "share", dependsOn = new[] { "herbier" } },
                new { key = "herbier", title = "Herbier terminé", date = "2026-12-15", phase = "explore", responsible = "CPC sciences",
                    state = "late" },
                new { key = "bilan", title = "Bilan", date = "2027-07-01" },
            },
        };

        var response = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", body, "\"1\""));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.ToString().Should().Be("\"2\"", "changing the plan moves the project one version up");

        var read = await Admin.GetAsync($"/api/v1/projects/{id}/plan");
        read.Headers.ETag!.ToString().Should().Be("\"2\"");
        var plan = await Json(read);
        plan.GetProperty("start").GetString().Should().Be("2026-09-01");
        plan.GetProperty("end").GetString().Should().Be("2027-07-01");
        plan.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("key").GetString()).Should().Equal("explore", "share");
        plan.GetProperty("phases")[1].GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()).Should().Equal("explore");
        plan.GetProperty("phases")[0].GetProperty("state").GetString().Should().Be("inProgress");
        plan.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("key").GetString()).Should().Equal("herbier", "parents", "bilan");
        plan.GetProperty("milestones")[1].GetProperty("state").GetString().Should().Be("planned", "the state defaults to planned");
        plan.GetProperty("milestones")[2].GetProperty("phase").ValueKind.Should().Be(JsonValueKind.Null);
        (await Admin.GetAsync($"/api/v1/projects/{id}")).Headers.ETag!.ToString().Should().Be("\"2\"");

        var emptied = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", new { phases = Array.Empty<object>() }, "\"2\""));
        emptied.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(emptied)).GetProperty("milestones").GetArrayLength().Should().Be(0, "the plan is replaced whole");
    }

    [Test]
    public async Task Every_plan_error_is_reported_at_once_with_its_path()
    {
        var id = await NewProject();
        var response = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", new
        {
            phases = new object[]
            {
                new { key = "a", title = "A", start = "2026-10-01", end = "2026-09-01" },
                new { key = "b", title = "", start = "2026-09-01", end = "2026-10-31", dependsOn = new[] { "nowhere" } },
                new { key = "b", title = "Doublon", start = "2026-09-01", end = "2026-10-31" },
            },
            milestones = new object[]
            {
                new { key = "m1", title = "Hors phase", date = "2026-11-15", phase = "b" },
                new { key = "m2", title = "Phase inconnue", date = "2026-11-15", phase = "zz" },
                new { key = "bad key!", title = "Clé", date = "2026-11-15" },
            },
        }, "\"1\""));

        var errors = (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Contain([
            "phases[0].end", "phases[1].title", "phases[1].dependsOn[0]", "phases[2].key", "milestones[0].date", "milestones[1].phase",
                "milestones[2].key"]);
        errors.GetProperty("phases[0].end")[0].GetString().Should().Contain("ends (2026-09-01) before it starts (2026-10-01)");
        errors.GetProperty("milestones[0].date")[0].GetString().Should().Contain("outside its phase 'b' (2026-09-01 to 2026-10-31)");
        errors.GetProperty("phases[1].dependsOn[0]")[0].GetString().Should().Contain("'nowhere'");
        (await Admin.GetAsync($"/api/v1/projects/{id}")).Headers.ETag!.ToString().Should().Be("\"1\"", "a refused plan changes nothing");
    }

    [Test]
    public async Task A_dependency_cycle_is_refused_and_named()
    {
        var id = await NewProject();
        var response = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", new
        {
            phases = new object[]
            {
                new { key = "a", title = "A", start = "2026-09-01", end = "2026-09-30", dependsOn = new[] { "m" } },
                new { key = "b", title = "B", start = "2026-10-01", end = "2026-10-31", dependsOn = new[] { "a" } },
            },
            milestones = new object[] { new { key = "m", title = "M", date = "2026-10-15", phase = "b", dependsOn = new[] { "b" } } },
        }, "\"1\""));

        var errors = (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        errors.GetProperty("phases[0].dependsOn")[0].GetString().Should().Be("Dependency cycle: a → m → b → a.");

        var self = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", new
        {
            phases = new object[] { new { key = "a", title = "A", start = "2026-09-01", end = "2026-09-30", dependsOn = new[] { "a" } } },
        }, "\"1\""));
        (await Problem(self, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors")
            .GetProperty("phases[0].dependsOn[0]")[0].GetString()
            .Should().Contain("cannot depend on itself");
    }

    [Test]
    public async Task Changing_the_plan_needs_the_current_project_etag()
    {
        var id = await NewProject();
        var body = new { phases = new object[] { new { key = "a", title = "A", start = "2026-09-01", end = "2026-09-30" } } };
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", body)), HttpStatusCode.PreconditionRequired,
            "if_match_required");
        (await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", body, "\"1\""))).StatusCode.Should().Be(HttpStatusCode.OK);
        var stale = await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", body, "\"1\"")),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        stale.GetProperty("currentETag").GetString().Should().Be("\"2\"");

        var notModified = Request(HttpMethod.Get, $"/api/v1/projects/{id}/plan");
        notModified.Headers.TryAddWithoutValidation("If-None-Match", "\"2\"");
        (await Admin.SendAsync(notModified)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task Carriers_change_the_plan_other_readers_do_not_and_an_archived_project_is_locked()
    {
        var id = await NewProject();
        var body = new { phases = new object[] { new { key = "a", title = "A", start = "2026-09-01", end = "2026-09-30" } } };
        var carrier = Carrier();
        (await carrier.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", body, "\"1\""))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Problem(await NonCarrier().SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", body, "\"2\"")), HttpStatusCode.Forbidden,
            "not_a_carrier");
        (await NonCarrier().GetAsync($"/api/v1/projects/{id}/plan")).StatusCode.Should()
            .Be(HttpStatusCode.OK, "everyone in the académie reads the plan");
        var reader = await ClientFor("25", "projects:read");
        (await reader.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", body, "\"2\""))).StatusCode.Should()
            .Be(HttpStatusCode.Forbidden, "reading is not editing");

        await Archive(id);
        var locked = await Problem(await carrier.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/plan", body, "\"2\"")),
            HttpStatusCode.Conflict, "project_locked");
        locked.GetProperty("projectStatus").GetString().Should().Be("archived");
    }

    [Test]
    public async Task Another_academie_finds_no_plan()
    {
        var id = await NewProject();
        await HiddenFromAnotherAcademie(
            (HttpMethod.Get, $"/api/v1/projects/{id}/plan", null),
            (HttpMethod.Put, $"/api/v1/projects/{id}/plan", new { phases = Array.Empty<object>() }));
    }
}

/// <summary>What the tests of a project's plan, logbook, partners, funding and resources share.</summary>
public abstract class ProjectDetailsTest(Engine engine) : ProjectApiTest(engine)
{
    protected const string CarrierEmail = "ada.lovelace@ac-versailles.fr";

    [SetUp]
    public Task Schools() => StandardSchools();

    /// <summary>A new draft project of académie 25 (version 1) carried by <see cref="CarrierEmail"/>; returns its id.</summary>
    protected async Task<string> NewProject() => (await CreateProject()).GetProperty("id").GetString()!;

    protected HttpClient Carrier() => PersonClient(CarrierEmail, "25", "projects:read", "projects:carry");

    /// <summary>A carrier of other projects: may read this one, not change it.</summary>
    protected HttpClient NonCarrier() => PersonClient("grace.hopper@ac-versailles.fr", "25", "projects:read", "projects:carry");

    protected async Task<string> ProjectETag(string id) => (await Admin.GetAsync($"/api/v1/projects/{id}")).Headers.ETag!.ToString();

    /// <summary>Archives a project directly (the lifecycle endpoints belong to another part of the module).</summary>
    protected async Task Archive(string id)
    {
        var db = Factory.Services.GetRequiredService<Db>();
        await db.WriteAsync((c, t) => c.ExecuteAsync("UPDATE projects.project SET status = 'archived' WHERE id = @Id", new { Id = Guid.Parse(id) },
            t), CancellationToken.None);
    }

    /// <summary>Every route answers 404 to a caller of another académie, even with every scope and a current ETag.</summary>
    protected async Task HiddenFromAnotherAcademie(params (HttpMethod Method, string Uri, object? Body)[] routes)
    {
        var foreign = await ClientFor("11", "projects:read", "projects:write");
        foreach (var (method, uri, body) in routes)
        {
            var etag = await ProjectETag(uri.Split('/')[4]);
            var problem = await Problem(await foreign.SendAsync(Request(method, uri, body, method == HttpMethod.Get ? null : etag)),
                HttpStatusCode.NotFound, "not_found");
            problem.GetRawText().Should().NotContain("Classe dehors", $"{method} {uri} leaks nothing");
        }
    }

    protected static async Task<HttpResponseMessage> Created(Task<HttpResponseMessage> send)
    {
        var response = await send;
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response;
    }
}
