using System.Net;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectPartnersTests(Engine engine) : ProjectDetailsTest(engine)
{
    private static object Museum(string name = "Muséum d'histoire naturelle") => new
    {
        kind = "culturalInstitution", name, role = "Accueille les classes.", contributions = new[] { "people", "expertise" },
        contributionDescription = "Deux médiateurs, une journée par trimestre.",
    };

    [Test]
    public async Task A_partner_is_added_listed_replaced_and_removed()
    {
        var id = await NewProject();
        var carrier = Carrier();
        var added = await Created(carrier.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/partners", Museum(), "\"1\"")));
        added.Headers.ETag!.ToString().Should().Be("\"2\"");
        var partner = await Json(added);
        var uri = $"/api/v1/projects/{id}/partners/{partner.GetProperty("id").GetString()}";
        added.Headers.Location!.ToString().Should().Be(uri);
        partner.GetProperty("contributions").EnumerateArray().Select(c => c.GetString()).Should().Equal("people", "expertise");

        await Created(carrier.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/partners",
            new { kind = "localAuthority", name = "Ville de Sarcelles", contributions = new[] { "money" } }, "\"2\"")));
        var list = await Admin.GetAsync($"/api/v1/projects/{id}/partners");
        list.Headers.ETag!.ToString().Should().Be("\"3\"");
        (await Json(list)).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("kind").GetString()).Should()
            .Equal("culturalInstitution", "localAuthority");

        var replaced = await carrier.SendAsync(Request(HttpMethod.Put, uri,
            new { kind = "researchLab", name = "LPI", contributions = new[] { "expertise" } }, "\"3\""));
        replaced.StatusCode.Should().Be(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        replaced.Headers.ETag!.ToString().Should().Be("\"4\"");
        var read = await Json(await Admin.GetAsync(uri));
        read.GetProperty("name").GetString().Should().Be("LPI");
        read.GetProperty("role").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "a replace sets every field");

        var removed = await carrier.SendAsync(Request(HttpMethod.Delete, uri, null, "\"4\""));
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        removed.Headers.ETag!.ToString().Should().Be("\"5\"");
        await Problem(await Admin.GetAsync(uri), HttpStatusCode.NotFound, "not_found");
        await Problem(await carrier.SendAsync(Request(HttpMethod.Delete, uri, null, "\"5\"")), HttpStatusCode.NotFound, "not_found");
        (await ProjectETag(id)).Should().Be("\"5\"", "a refused change moves nothing");
    }

    [Test]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var id = await NewProject();
        var response = await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/partners",
            new { name = "", contributions = Array.Empty<string>(), role = new string('r', 501) }, "\"1\""));
        (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo(["kind", "name", "contributions", "role"]);
        var badKind = await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/partners",
            new { kind = "friend", name = "X", contributions = new[] { "money" } }, "\"1\""));
        await Problem(badKind, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Changes_need_the_current_etag_and_a_carrier()
    {
        var id = await NewProject();
        await Problem(await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/partners", Museum())),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/partners", Museum(), "\"0\"")),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await Problem(await NonCarrier().SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/partners", Museum(), "\"1\"")),
            HttpStatusCode.Forbidden, "not_a_carrier");
        var partner = await Json(await Created(Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/partners", Museum(), "\"1\""))));
        var uri = $"/api/v1/projects/{id}/partners/{partner.GetProperty("id").GetString()}";
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, uri, Museum("Autre"), "\"1\"")), HttpStatusCode.PreconditionFailed,
            "etag_mismatch");
        await Problem(await NonCarrier().SendAsync(Request(HttpMethod.Delete, uri, null, "\"2\"")), HttpStatusCode.Forbidden, "not_a_carrier");

        await Archive(id);
        await Problem(await Admin.SendAsync(Request(HttpMethod.Delete, uri, null, "\"2\"")), HttpStatusCode.Conflict, "project_locked");
    }

    [Test]
    public async Task Another_academie_finds_no_partner()
    {
        var id = await NewProject();
        var partner = await Json(await Created(Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/partners", Museum(), "\"1\""))));
        var uri = $"/api/v1/projects/{id}/partners/{partner.GetProperty("id").GetString()}";
        await HiddenFromAnotherAcademie(
            (HttpMethod.Get, $"/api/v1/projects/{id}/partners", null),
            (HttpMethod.Post, $"/api/v1/projects/{id}/partners", Museum()),
            (HttpMethod.Get, uri, null),
            (HttpMethod.Put, uri, Museum("Autre")),
            (HttpMethod.Delete, uri, null));
    }
}
