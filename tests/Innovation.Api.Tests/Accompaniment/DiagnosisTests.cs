using System.Net;
using System.Net.Http.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Accompaniment;

public sealed class DiagnosisTests(Engine engine) : AccompanimentApiTest(engine)
{
    [Test]
    public async Task A_diagnosis_records_needs_at_three_levels_and_the_latest_is_current()
    {
        var project = await KnownProject();
        var cpc = await Person("claude.bernard@ac-versailles.fr");

        var response = await Cardie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{project}/diagnoses", DiagnosisBody(cpc));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.ToString().Should().Be("\"1\"");
        var first = await Json(response);
        response.Headers.Location!.ToString().Should().Be($"/api/v1/accompaniment/diagnoses/{first.GetProperty("id").GetString()}");
        first.GetProperty("needs").EnumerateArray().Select(n => (n.GetProperty("code").GetString(), n.GetProperty("level").GetString()))
            .Should().Equal(("training", "individual"), ("teamFacilitation", "collective"), ("fundingSearch", "territorial"));
        first.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).Should().Equal("interview", "selfPositioning");

        var second = await Diagnose(project, cpc, "2027-01-10", "mentoring");
        var current = await Json(await Cardie.GetAsync($"/api/v1/accompaniment/projects/{project}/diagnoses/current"));
        current.GetProperty("id").GetString().Should().Be(second.GetProperty("id").GetString());
        var list = await Json(await Cardie.GetAsync($"/api/v1/accompaniment/projects/{project}/diagnoses?limit=1"));
        list.GetProperty("items")[0].GetProperty("id").GetString().Should().Be(first.GetProperty("id").GetString());
        var next = list.GetProperty("nextCursor").GetString();
        (await Json(await Cardie.GetAsync($"/api/v1/accompaniment/projects/{project}/diagnoses?limit=1&cursor={next}")))
            .GetProperty("items")[0].GetProperty("id").GetString().Should().Be(second.GetProperty("id").GetString());

        var read = await Cardie.GetAsync($"/api/v1/accompaniment/diagnoses/{second.GetProperty("id").GetString()}");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        var again = Request(HttpMethod.Get, $"/api/v1/accompaniment/diagnoses/{second.GetProperty("id").GetString()}");
        again.Headers.IfNoneMatch.ParseAdd(read.Headers.ETag!.ToString());
        (await Cardie.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        (await FeedWith("NeedsDiagnosed")).Should().NotContain("Besoin training", "events carry codes, never comments");
    }

    [Test]
    public async Task A_project_with_no_diagnosis_has_no_current_one()
    {
        var project = await KnownProject();
        await Problem(await Cardie.GetAsync($"/api/v1/accompaniment/projects/{project}/diagnoses/current"), HttpStatusCode.NotFound, "no_diagnosis");
    }

    [Test]
    public async Task Validation_lists_every_invalid_field_and_people_must_be_in_the_academies_directory()
    {
        var project = await KnownProject();
        var url = $"/api/v1/accompaniment/projects/{project}/diagnoses";
        var invalid = await Problem(await Cardie.PostAsJsonAsync(url, new { tools = Array.Empty<string>(), needs = Array.Empty<object>() }),
            HttpStatusCode.BadRequest, "validation_failed");
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(["diagnosedOn", "ledBy", "tools", "needs"]);

        var elsewhere = await Person("camille.lefevre@ac-normandie.fr", "70");
        var problem = await Problem(await Cardie.PostAsJsonAsync(url, DiagnosisBody(elsewhere)), HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("ledBy");
        (await Cardie.GetStringAsync($"{url}")).Should().Contain("\"items\":[]", "nothing was written");
    }

    [Test]
    public async Task Another_academies_project_and_diagnosis_are_not_found_and_drafts_are_unknown()
    {
        var project = await KnownProject();
        var cpc = await Person("claude.bernard@ac-versailles.fr");
        var diagnosis = (await Diagnose(project, cpc)).GetProperty("id").GetString();
        var normandie = await ClientFor("70", "accompaniment:read", "accompaniment:write");

        await Problem(await normandie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{project}/diagnoses", DiagnosisBody(cpc)),
            HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.GetAsync($"/api/v1/accompaniment/projects/{project}/diagnoses"), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.GetAsync($"/api/v1/accompaniment/projects/{project}/diagnoses/current"), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.GetAsync($"/api/v1/accompaniment/diagnoses/{diagnosis}"), HttpStatusCode.NotFound, "not_found");

        var draft = (await CreateProject()).GetProperty("id").GetString();
        await Problem(await Cardie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{draft}/diagnoses", DiagnosisBody(cpc)),
            HttpStatusCode.NotFound, "not_found");

        var reader = await ClientFor("25", "accompaniment:read");
        (await reader.PostAsJsonAsync($"/api/v1/accompaniment/projects/{project}/diagnoses", DiagnosisBody(cpc)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
