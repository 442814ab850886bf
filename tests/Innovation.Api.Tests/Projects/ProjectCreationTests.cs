using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectCreationTests(Engine engine) : ProjectApiTest(engine)
{
    [SetUp]
    public Task Schools() => StandardSchools();

    [Test]
    public async Task Team_emails_are_shown_only_with_people_read_or_to_the_projects_own_team()
    {
        var id = (await CreateProject()).GetProperty("id").GetString();
        async Task<string?[]> EmailsSeenBy(HttpClient client) =>
            [.. (await Json(await client.GetAsync($"/api/v1/projects/{id}"))).GetProperty("team").EnumerateArray()
                .Select(m => m.GetProperty("email").GetString())];

        var readerOnly = await ClientFor("25", "projects:read");
        var seen = await Json(await readerOnly.GetAsync($"/api/v1/projects/{id}"));
        seen.GetProperty("team").EnumerateArray().Select(m => m.GetProperty("email").ValueKind).Should().OnlyContain(k => k == JsonValueKind.Null);
        seen.GetProperty("team")[0].GetProperty("name").GetString().Should().Be("Ada Lovelace", "names say who carries the project");
        seen.GetRawText().Should().NotContain("@ac-versailles.fr");

        (await EmailsSeenBy(await ClientFor("25", "projects:read", "people:read"))).Should().Contain("ada.lovelace@ac-versailles.fr");
        (await EmailsSeenBy(PersonClient("blaise.pascal@ac-versailles.fr", "25", "projects:read"))).Should()
            .Equal("ada.lovelace@ac-versailles.fr", "blaise.pascal@ac-versailles.fr");
        (await EmailsSeenBy(PersonClient("grace.hopper@ac-versailles.fr", "25", "projects:read"))).Should().OnlyContain(e => e == null);

        var writer = await ClientFor("25", "projects:write");
        var created = await writer.PostAsJsonAsync("/api/v1/projects", ValidProject(title: "Autre"));
        (await created.Content.ReadAsStringAsync()).Should().NotContain("@ac-versailles.fr", "the create response follows the same rule");
    }

    [Test]
    public async Task A_created_project_is_a_draft_that_reads_back_whole()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/projects", ValidProject(schools: [Galois, Jaures], externalReference: "CARDIE-1"));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.ToString().Should().Be("\"1\"");
        var id = (await Json(response)).GetProperty("id").GetString();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/projects/{id}");

        var read = await Admin.GetAsync($"/api/v1/projects/{id}");
        read.Headers.ETag!.ToString().Should().Be("\"1\"");
        var project = await Json(read);
        project.GetProperty("status").GetString().Should().Be("draft");
        project.GetProperty("academie").GetString().Should().Be("25", "the académie follows from the schools");
        project.GetProperty("externalReference").GetString().Should().Be("CARDIE-1");
        project.GetProperty("schools").EnumerateArray().Select(s => (s.GetProperty("uai").GetString(), s.GetProperty("name").GetString()))
            .Should().Equal((Galois, $"École {Galois}"), (Jaures, $"École {Jaures}"));
        project.GetProperty("themes").EnumerateArray().Select(t => t.GetString()).Should().Equal("scienceAndGenderMix", "wellBeing");
        project.GetProperty("team")[0].GetProperty("role").GetString().Should().Be("carrier");
        project.GetProperty("team")[0].GetProperty("email").GetString().Should().Be("ada.lovelace@ac-versailles.fr");
        project.GetProperty("canvas").GetProperty("keySteps").GetString().Should().Be("Sorties puis exposés.");
        project.GetProperty("plannedStart").GetString().Should().Be("2026-09-01");

        var notModified = Request(HttpMethod.Get, $"/api/v1/projects/{id}");
        notModified.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        (await Admin.SendAsync(notModified)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task Validation_lists_every_invalid_field_at_once()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/projects", new
        {
            title = "", schools = Array.Empty<string>(), themes = new[] { "astrology" }, plannedStart = "2027-01-01", plannedEnd = "2026-01-01",
            team = new[] { new { role = "contributor", name = "", email = "not-an-email" } },
        });
        var problem = await Problem(response, HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should()
            .Contain("themes[0]", "an unknown theme code is named by its position");

        var fieldErrors = await Admin.PostAsJsonAsync("/api/v1/projects", new
        {
            title = "", schools = Array.Empty<string>(), themes = Array.Empty<string>(), plannedStart = "2027-01-01", plannedEnd = "2026-01-01",
            team = new[] { new { role = "contributor", name = "", email = "not-an-email" } },
        });
        (await Problem(fieldErrors, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().Contain(["title", "summary", "schools", "themes", "plannedEnd", "team", "team[0].name", "team[0].email"]);
    }

    [Test]
    public async Task Empty_or_hollow_bodies_are_400s_naming_the_fields()
    {
        var empty = await Admin.PostAsJsonAsync("/api/v1/projects", new { });
        (await Problem(empty, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().Contain(["title", "summary", "schools", "themes", "team"]);

        var hollow = await Admin.PostAsJsonAsync("/api/v1/projects", new
        {
            title = "T", summary = "S", schools = new string?[] { null }, themes = new string?[] { null }, tags = new string?[] { null },
            team = new object?[] { null }, canvas = (object?)null,
        });
        await Problem(hollow, HttpStatusCode.BadRequest, "validation_failed");

        var noTeam = ValidProject();
        noTeam["team"] = Array.Empty<object>();
        (await Problem(await Admin.PostAsJsonAsync("/api/v1/projects", noTeam), HttpStatusCode.BadRequest, "validation_failed"))
            .GetProperty("errors").GetProperty("team")[0].GetString().Should().Contain("at least one carrier");
    }

    [Test]
    public async Task Schools_must_be_known_open_and_of_one_academie()
    {
        var unknown = await Admin.PostAsJsonAsync("/api/v1/projects", ValidProject(schools: [Galois, "0951102G"]));
        (await Problem(unknown, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("schools[1]")[0].GetString()
            .Should().Contain("not in the school directory");

        var mixed = await Admin.PostAsJsonAsync("/api/v1/projects", ValidProject(schools: [Galois, Nimes]));
        (await Problem(mixed, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("schools[1]")[0].GetString()
            .Should().Contain("belongs to académie 11");

        var school = await Admin.GetAsync($"/api/v1/schools/{Curie}");
        var close = Request(HttpMethod.Put, $"/api/v1/schools/{Curie}",
            new { uai = Curie, name = "École fermée", type = "ecole", sector = "public", departement = "095", status = "closed" },
            school.Headers.ETag!.ToString());
        (await Admin.SendAsync(close)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually(async () =>
        {
            var attempt = await Admin.PostAsJsonAsync("/api/v1/projects", ValidProject(schools: [Curie]));
            return attempt.StatusCode == HttpStatusCode.BadRequest && (await attempt.Content.ReadAsStringAsync()).Contains("is closed");
        }, "a closed school cannot join a new project");
    }

    [Test]
    public async Task An_external_reference_is_unique_within_the_academie()
    {
        await CreateProject(ValidProject(externalReference: "REF-7"));
        var again = await Admin.PostAsJsonAsync("/api/v1/projects", ValidProject(title: "Autre", externalReference: "REF-7"));
        await Problem(again, HttpStatusCode.Conflict, "external_reference_exists");

        var elsewhere = await Admin.PostAsJsonAsync("/api/v1/projects", ValidProject(schools: [Nimes], externalReference: "REF-7"));
        elsewhere.StatusCode.Should().Be(HttpStatusCode.Created, "another académie has its own references");
    }

    [Test]
    public async Task A_project_of_another_academie_does_not_exist_for_the_caller()
    {
        var id = (await CreateProject()).GetProperty("id").GetString();
        var montpellier = await ClientFor("11", "projects:read", "projects:write");
        await Problem(await montpellier.GetAsync($"/api/v1/projects/{id}"), HttpStatusCode.NotFound, "not_found");
        await Problem(await montpellier.PostAsJsonAsync("/api/v1/projects", ValidProject()), HttpStatusCode.Forbidden, "academie_forbidden");

        var versailles = await ClientFor("25", "projects:read");
        (await versailles.GetAsync($"/api/v1/projects/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Problem(await versailles.PostAsJsonAsync("/api/v1/projects", ValidProject()), HttpStatusCode.Forbidden, "forbidden");
    }

    [Test]
    public async Task A_carrier_creates_only_projects_naming_them_as_carrier()
    {
        var ada = PersonClient("ada.lovelace@ac-versailles.fr", "25", "projects:read", "projects:carry");
        (await ada.PostAsJsonAsync("/api/v1/projects", ValidProject())).StatusCode.Should().Be(HttpStatusCode.Created);

        var grace = PersonClient("grace.hopper@ac-versailles.fr", "25", "projects:read", "projects:carry");
        await Problem(await grace.PostAsJsonAsync("/api/v1/projects", ValidProject()), HttpStatusCode.Forbidden, "not_a_carrier");
    }

    [Test]
    public async Task Creating_with_an_idempotency_key_twice_creates_one_project()
    {
        var first = Request(HttpMethod.Post, "/api/v1/projects", ValidProject());
        first.Headers.Add("Idempotency-Key", "create-project-1");
        var created = await Admin.SendAsync(first);
        created.StatusCode.Should().Be(HttpStatusCode.Created);

        var retry = Request(HttpMethod.Post, "/api/v1/projects", ValidProject());
        retry.Headers.Add("Idempotency-Key", "create-project-1");
        var replayed = await Admin.SendAsync(retry);
        replayed.StatusCode.Should().Be(HttpStatusCode.Created);
        (await Json(replayed)).GetProperty("id").GetString().Should().Be((await Json(created)).GetProperty("id").GetString());
    }
}
