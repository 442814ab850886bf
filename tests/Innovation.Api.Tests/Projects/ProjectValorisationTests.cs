using System.Net;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectValorisationTests(Engine engine) : LifecycleApiTest(engine)
{
    [SetUp]
    public Task Schools() => StandardSchools();

    private async Task<HttpResponseMessage> SetStanding(HttpClient client, string id, int year, string standing, string? ifMatch = null) =>
        await client.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/prize/{year}", new { standing }, ifMatch ?? await ETagOf(id)));

    private async Task<HttpResponseMessage> Feature(HttpClient client, string id, string issue, string title = "La classe dehors, un an après",
        string? ifMatch = null) =>
        await client.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/gazette", new { issue, title }, ifMatch ?? await ETagOf(id)));

    [Test]
    public async Task Validated_projects_become_candidates_then_laureates_of_the_year()
    {
        var first = await ProjectIn("validated");
        var second = await ProjectIn("completed", ValidProject(title: "Oral en sciences"));

        var candidate = await SetStanding(Admin, first, 2026, "candidate", "\"3\"");
        candidate.StatusCode.Should().Be(HttpStatusCode.OK, await candidate.Content.ReadAsStringAsync());
        candidate.Headers.ETag!.ToString().Should().Be("\"4\"", "valorisation moves the project's version");
        (await Json(candidate)).GetProperty("prizes")[0].GetProperty("standing").GetString().Should().Be("candidate");
        (await SetStanding(Admin, first, 2026, "laureate", "\"4\"")).Headers.ETag!.ToString().Should().Be("\"5\"");
        (await SetStanding(Admin, first, 2026, "laureate", "\"5\"")).Headers.ETag!.ToString().Should()
            .Be("\"5\"", "the same standing again changes nothing");
        (await SetStanding(Admin, first, 2025, "candidate")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SetStanding(Admin, second, 2026, "candidate")).StatusCode.Should().Be(HttpStatusCode.OK);

        var valorisation = await Json(await Admin.GetAsync($"/api/v1/projects/{first}/valorisation"));
        valorisation.GetProperty("prizes").EnumerateArray().Select(p => (p.GetProperty("year").GetInt32(), p.GetProperty("standing").GetString()))
            .Should().Equal((2026, "laureate"), (2025, "candidate"));

        var list = (await Json(await Admin.GetAsync("/api/v1/projects/prizes/2026"))).GetProperty("items").EnumerateArray().ToList();
        list.Select(e => (e.GetProperty("projectId").GetString(), e.GetProperty("standing").GetString()))
            .Should().BeEquivalentTo([(first, "laureate"), (second, "candidate")]);
        var laureates = (await Json(await Admin.GetAsync("/api/v1/projects/prizes/2026?standing=laureate"))).GetProperty("items");
        laureates.EnumerateArray().Select(e => e.GetProperty("title").GetString()).Should().Equal("Classe dehors");
        var paged = await Json(await Admin.GetAsync("/api/v1/projects/prizes/2026?limit=1"));
        paged.GetProperty("items").GetArrayLength().Should().Be(1);
        (await Json(await Admin.GetAsync($"/api/v1/projects/prizes/2026?limit=1&cursor={paged.GetProperty("nextCursor").GetString()}")))
            .GetProperty("items").GetArrayLength().Should().Be(1);
        await Problem(await Admin.GetAsync("/api/v1/projects/prizes/2026?standing=winner"), HttpStatusCode.BadRequest, "validation_failed");

        var withdrawn = await Admin.SendAsync(Request(HttpMethod.Delete, $"/api/v1/projects/{second}/prize/2026", ifMatch: await ETagOf(second)));
        withdrawn.StatusCode.Should().Be(HttpStatusCode.NoContent);
        withdrawn.Headers.ETag.Should().NotBeNull();
        (await Json(await Admin.GetAsync("/api/v1/projects/prizes/2026"))).GetProperty("items").GetArrayLength().Should().Be(1);
        await Problem(await Admin.SendAsync(Request(HttpMethod.Delete, $"/api/v1/projects/{second}/prize/2026", ifMatch: await ETagOf(second))),
            HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Only_validated_or_later_projects_are_valorised()
    {
        foreach (var status in new[] { "draft", "submitted", "rejected", "returnedForChanges" })
        {
            var id = await ProjectIn(status, ValidProject(title: status));
            (await Problem(await SetStanding(Admin, id, 2026, "candidate"), HttpStatusCode.Conflict, "not_valorisable")).GetProperty("currentStatus")
                .GetString().Should().Be(status);
            await Problem(await Feature(Admin, id, "2026-03"), HttpStatusCode.Conflict, "not_valorisable");
        }

        foreach (var status in new[] { "validated", "inProgress", "completed", "archived" })
        {
            var id = await ProjectIn(status, ValidProject(title: status));
            (await SetStanding(Admin, id, 2026, "candidate")).StatusCode.Should().Be(HttpStatusCode.OK, status);
        }
    }

    [Test]
    public async Task Valorisation_requests_are_checked()
    {
        var id = await ProjectIn("validated");
        var badYear = await SetStanding(Admin, id, 1999, "candidate");
        (await Problem(badYear, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").TryGetProperty("year", out _).Should()
            .BeTrue();
        (await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/prize/2026", new { }, await ETagOf(id))),
            HttpStatusCode.BadRequest, "validation_failed"))
            .GetProperty("errors").TryGetProperty("standing", out _).Should().BeTrue();
        var badIssue = await Feature(Admin, id, "2026-13", "");
        (await Problem(badIssue, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo("issue", "title");

        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/prize/2026", new { standing = "candidate" })),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        await Problem(await SetStanding(Admin, id, 2026, "candidate", "\"1\""), HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/gazette", new { issue = "2026-03", title = "Titre" })),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Delete, $"/api/v1/projects/{id}/gazette/2026-03")),
            HttpStatusCode.PreconditionRequired, "if_match_required");

        var reader = await ClientFor("25", "projects:read");
        await Problem(await SetStanding(reader, id, 2026, "candidate"), HttpStatusCode.Forbidden, "forbidden");
        var carrier = PersonClient("ada.lovelace@ac-versailles.fr", "25", "projects:read", "projects:carry");
        await Problem(await Feature(carrier, id, "2026-03"), HttpStatusCode.Forbidden, "forbidden");
        (await reader.GetAsync($"/api/v1/projects/{id}/valorisation")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.GetAsync("/api/v1/projects/prizes/2026")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_gazette_issue_features_a_project_once()
    {
        var id = await ProjectIn("inProgress");
        var created = await Feature(Admin, id, "2026-03");
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().Should().Be($"/api/v1/projects/{id}/valorisation");
        (await Json(created)).GetProperty("gazette")[0].GetProperty("issue").GetString().Should().Be("2026-03");
        (await Problem(await Feature(Admin, id, "2026-03", "Autre titre"), HttpStatusCode.Conflict, "already_featured")).GetProperty("issue")
            .GetString().Should().Be("2026-03");
        (await Feature(Admin, id, "2026-06", "Suite")).StatusCode.Should().Be(HttpStatusCode.Created);

        var issue = (await Json(await Admin.GetAsync("/api/v1/projects/gazette/2026-03"))).GetProperty("items").EnumerateArray().ToList();
        issue.Should().ContainSingle();
        issue[0].GetProperty("projectId").GetString().Should().Be(id);
        issue[0].GetProperty("title").GetString().Should().Be("La classe dehors, un an après");
        issue[0].GetProperty("projectTitle").GetString().Should().Be("Classe dehors");
        await Problem(await Admin.GetAsync("/api/v1/projects/gazette/mars"), HttpStatusCode.BadRequest, "validation_failed");

        var removed = await Admin.SendAsync(Request(HttpMethod.Delete, $"/api/v1/projects/{id}/gazette/2026-03", ifMatch: await ETagOf(id)));
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Json(await Admin.GetAsync($"/api/v1/projects/{id}/valorisation"))).GetProperty("gazette").EnumerateArray()
            .Select(g => g.GetProperty("issue").GetString()).Should().Equal("2026-06");
    }

    [Test]
    public async Task Another_academie_sees_no_valorisation_and_cannot_change_it()
    {
        var id = await ProjectIn("validated");
        (await SetStanding(Admin, id, 2026, "laureate")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Feature(Admin, id, "2026-03")).StatusCode.Should().Be(HttpStatusCode.Created);
        var etag = await ETagOf(id);

        var montpellier = await ClientFor("11", "projects:read", "projects:write");
        await Problem(await montpellier.GetAsync($"/api/v1/projects/{id}/valorisation"), HttpStatusCode.NotFound, "not_found");
        await Problem(await SetStanding(montpellier, id, 2026, "candidate", etag), HttpStatusCode.NotFound, "not_found");
        await Problem(await montpellier.SendAsync(Request(HttpMethod.Delete, $"/api/v1/projects/{id}/prize/2026", ifMatch: etag)),
            HttpStatusCode.NotFound, "not_found");
        await Problem(await Feature(montpellier, id, "2026-04", ifMatch: etag), HttpStatusCode.NotFound, "not_found");
        await Problem(await montpellier.SendAsync(Request(HttpMethod.Delete, $"/api/v1/projects/{id}/gazette/2026-03", ifMatch: etag)),
            HttpStatusCode.NotFound, "not_found");
        (await Json(await montpellier.GetAsync("/api/v1/projects/prizes/2026"))).GetProperty("items").GetArrayLength().Should().Be(0);
        (await Json(await montpellier.GetAsync("/api/v1/projects/prizes/2026?academie=25"))).GetProperty("items").GetArrayLength().Should().Be(0);
        (await Json(await montpellier.GetAsync("/api/v1/projects/gazette/2026-03"))).GetProperty("items").GetArrayLength().Should().Be(0);

        var versailles = await ClientFor("25", "projects:read");
        (await Json(await versailles.GetAsync("/api/v1/projects/prizes/2026"))).GetProperty("items").GetArrayLength().Should().Be(1);
        (await Json(await Admin.GetAsync("/api/v1/projects/prizes/2026?academie=11"))).GetProperty("items").GetArrayLength().Should()
            .Be(0, "a national caller narrows by académie");
        (await ETagOf(id)).Should().Be(etag);
    }
}
