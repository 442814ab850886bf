using System.Net;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectResourcesTests(Engine engine) : ProjectDetailsTest(engine)
{
    private static object Booklet(string url = "https://www.ac-versailles.fr/classe-dehors/carnet.pdf", string kind = "document") =>
        new { kind, title = "Carnet d'observation", url, licence = "CC-BY-4.0" };

    [Test]
    public async Task A_resource_is_added_listed_and_removed()
    {
        var id = await NewProject();
        var carrier = Carrier();
        var added = await Created(carrier.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/resources", Booklet(), "\"1\"")));
        added.Headers.ETag!.ToString().Should().Be("\"2\"");
        var resource = await Json(added);
        resource.GetProperty("licence").GetString().Should().Be("CC-BY-4.0");
        var uri = added.Headers.Location!.ToString();

        var site = await Json(await Created(carrier.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/resources",
            new { kind = "SITEWEB", title = "Blog de la classe", url = "http://classe-dehors.example.org/" }, "\"2\""))));
        site.GetProperty("kind").GetString().Should().Be("siteweb", "the upper-case codes of the issue are accepted and answered in lower case");

        var list = await Json(await Admin.GetAsync($"/api/v1/projects/{id}/resources"));
        list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("kind").GetString()).Should().Equal("document", "siteweb");

        await Problem(await carrier.SendAsync(Request(HttpMethod.Put, uri, Booklet(), "\"3\"")), HttpStatusCode.MethodNotAllowed,
            "method_not_allowed");
        var removed = await carrier.SendAsync(Request(HttpMethod.Delete, uri, null, "\"3\""));
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        removed.Headers.ETag!.ToString().Should().Be("\"4\"");
        await Problem(await Admin.GetAsync(uri), HttpStatusCode.NotFound, "not_found");
    }

    [TestCase("javascript:alert(1)")]
    [TestCase("ftp://files.example.org/carnet.pdf")]
    [TestCase("/classe-dehors/carnet.pdf")]
    [TestCase("data:text/html,<script>alert(1)</script>")]
    [TestCase("file:///etc/passwd")]
    [TestCase("https://user:secret@example.org/")]
    public async Task Only_absolute_http_urls_are_accepted(string url)
    {
        var id = await NewProject();
        var response = await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/resources", Booklet(url), "\"1\""));
        (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("url")[0].GetString()
            .Should().Contain("http");
    }

    [Test]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var id = await NewProject();
        var response = await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/resources",
            new { title = "", url = "ftp://x", licence = new string('l', 101) }, "\"1\""));
        (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo(["kind", "title", "url", "licence"]);
        await Problem(await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/resources", Booklet(kind: "podcast"), "\"1\"")),
            HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Changes_need_the_current_etag_and_a_carrier()
    {
        var id = await NewProject();
        await Problem(await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/resources", Booklet())),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/resources", Booklet(), "\"2\"")),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await Problem(await NonCarrier().SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/resources", Booklet(), "\"1\"")),
            HttpStatusCode.Forbidden, "not_a_carrier");
        var added = await Created(Carrier().SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/resources", Booklet(), "\"1\"")));

        await Archive(id);
        await Problem(await Carrier().SendAsync(Request(HttpMethod.Delete, added.Headers.Location!.ToString(), null, "\"2\"")),
            HttpStatusCode.Conflict, "project_locked");
    }

    [Test]
    public async Task Another_academie_finds_no_resource()
    {
        var id = await NewProject();
        var uri = (await Created(Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/resources", Booklet(), "\"1\""))))
            .Headers.Location!.ToString();
        await HiddenFromAnotherAcademie(
            (HttpMethod.Get, $"/api/v1/projects/{id}/resources", null),
            (HttpMethod.Post, $"/api/v1/projects/{id}/resources", Booklet()),
            (HttpMethod.Get, uri, null),
            (HttpMethod.Delete, uri, null));
    }
}
