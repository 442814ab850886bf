using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Accompaniment;

public sealed class ResourceTests(Engine engine) : ApiTest(engine)
{
    private const string Url = "/api/v1/accompaniment/resources";

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["RateLimiting:PublicBurst"] = "1000";
            return settings;
        }
    }

    private HttpClient _cardie = null!;

    [SetUp]
    public async Task CardieOfVersailles() =>
        _cardie = await ClientFor("25", "accompaniment:read", "resources:write");

    internal static Dictionary<string, object?> Body(
        string title = "Le canevas de projet pas à pas", string link = "https://www.reseau-canope.fr/canevas", bool published = false,
        string kind = "video", string format = "tutorial", string[]? themes = null, string[]? sections = null,
        string description = "Tutoriel de douze minutes sur le canevas et le diagramme de Gantt.") => new()
    {
        ["title"] = title,
        ["description"] = description,
        ["kind"] = kind,
        ["format"] = format,
        ["themes"] = themes ?? ["wellBeing"],
        ["audience"] = new[] { "Porteurs de projet", "CPC" },
        ["guideSections"] = sections ?? ["II 3.1", "I 3.1"],
        ["link"] = link,
        ["language"] = "fr",
        ["licence"] = "CC BY-SA 4.0",
        ["published"] = published,
    };

    private async Task<(string Id, string ETag)> Create(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync(Url, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return (JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!, response.Headers.ETag!.Tag);
    }

    private static IEnumerable<string?> Titles(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString());

    [Test]
    public async Task A_resource_is_created_read_replaced_published_and_removed_with_its_etag()
    {
        var response = await _cardie.PostAsJsonAsync(Url, Body());
        var created = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        response.Headers.Location!.ToString().Should().Be($"{Url}/{id}");
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        created.GetProperty("academie").GetString().Should().Be("25");
        created.GetProperty("kind").GetString().Should().Be("video");
        created.GetProperty("guideSections").EnumerateArray().Select(s => s.GetString()).Should().Equal("I 3.1", "II 3.1");
        created.GetProperty("published").GetBoolean().Should().BeFalse();

        var read = await _cardie.GetAsync($"{Url}/{id}");
        (await Json(read)).GetProperty("title").GetString().Should().Be("Le canevas de projet pas à pas");
        var again = new HttpRequestMessage(HttpMethod.Get, $"{Url}/{id}");
        again.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        (await _cardie.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        var published = Body(title: "Le canevas, version publiée", published: true, kind: "siteWeb");
        await Problem(await _cardie.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", published)), HttpStatusCode.PreconditionRequired,
            "if_match_required");
        await Problem(await _cardie.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", published, "\"7\"")), HttpStatusCode.PreconditionFailed,
            "etag_mismatch");
        var replaced = await _cardie.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", published, "\"1\""));
        var resource = await Json(replaced);
        replaced.StatusCode.Should().Be(HttpStatusCode.OK);
        replaced.Headers.ETag!.Tag.Should().Be("\"2\"");
        resource.GetProperty("kind").GetString().Should().Be("siteWeb");
        resource.GetProperty("published").GetBoolean().Should().BeTrue();
        resource.GetProperty("publishedAt").ValueKind.Should().Be(JsonValueKind.String);

        string feed = "";
        await Eventually(async () => (feed = await Admin.GetStringAsync("/api/v1/events?limit=200")).Contains("ResourcePublished"),
            "the feed shows ResourcePublished");
        feed.Should().NotContain("canevas", "the event carries ids and codes only");

        await Problem(await _cardie.SendAsync(Request(HttpMethod.Delete, $"{Url}/{id}")), HttpStatusCode.PreconditionRequired,
            "if_match_required");
        (await _cardie.SendAsync(Request(HttpMethod.Delete, $"{Url}/{id}", ifMatch: "\"2\""))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Problem(await _cardie.GetAsync($"{Url}/{id}"), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Each_write_of_a_resource_is_in_the_audit_trail_with_what_changed()
    {
        var (id, _) = await Create(_cardie, Body());
        (await _cardie.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", Body(kind: "siteWeb", published: true), "\"1\"")))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await _cardie.SendAsync(Request(HttpMethod.Delete, $"{Url}/{id}", ifMatch: "\"2\""))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var entries = (await Json(await Admin.GetAsync($"/api/v1/audit?module=accompaniment&resourceId={id}")))
            .GetProperty("items").EnumerateArray().ToList();

        entries.Select(e => (e.GetProperty("resourceType").GetString(), e.GetProperty("action").GetString())).Should().Equal(
            ("accompaniment.resource", "delete"), ("accompaniment.resource", "update"), ("accompaniment.resource", "create"));
        var changed = entries[1].GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        (changed["kind"].GetProperty("before").GetString(), changed["kind"].GetProperty("after").GetString()).Should().Be(("video", "siteWeb"));
        changed["published"].GetProperty("after").GetBoolean().Should().BeTrue();
        changed.Should().NotContainKey("title", "an unchanged field is not recorded");
    }

    [Test]
    public async Task Validation_names_every_bad_field_and_a_link_that_is_not_http()
    {
        var body = Body(link: "ftp://files.example.org/canevas.pdf", sections: ["II 5.1", "I 3.1"]);
        body["title"] = "";
        body["language"] = "French";

        var problem = await Problem(await _cardie.PostAsJsonAsync(Url, body), HttpStatusCode.BadRequest, "validation_failed");

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should()
            .BeEquivalentTo("title", "link", "language", "guideSections[0]");
        foreach (var link in new[] { "javascript:alert(1)", "/relative/path", "file:///etc/passwd", "mailto:cardie@ac-versailles.fr" })
        {
            var refused = await Problem(await _cardie.PostAsJsonAsync(Url, Body(link: link)), HttpStatusCode.BadRequest, "validation_failed");
            refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("link");
        }

        (await _cardie.PostAsJsonAsync(Url, Body(sections: ["ii3.3", "II 4.3"]))).StatusCode.Should().Be(HttpStatusCode.Created,
            "a section written without its space is the guide's II 3.3");
        await Problem(await _cardie.PostAsJsonAsync(Url, Body(sections: ["II 4.3"])), HttpStatusCode.Conflict, "resource_exists");
        var national = Body(link: "https://example.org/national");
        await Problem(await Admin.PostAsJsonAsync(Url, national), HttpStatusCode.BadRequest, "validation_failed");
        national["academie"] = "Versailles";
        (await Json(await Admin.PostAsJsonAsync(Url, national))).GetProperty("academie").GetString().Should().Be("25");
    }

    [Test]
    public async Task Another_academies_resource_is_a_404_on_every_route_and_absent_from_lists_and_facets()
    {
        var (id, etag) = await Create(_cardie, Body(published: true));
        var normandie = await ClientFor("70", "accompaniment:read", "resources:write");

        await Problem(await normandie.GetAsync($"{Url}/{id}"), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", Body(), etag)), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.SendAsync(Request(HttpMethod.Delete, $"{Url}/{id}", ifMatch: etag)), HttpStatusCode.NotFound,
            "not_found");
        (await Json(await normandie.GetAsync(Url))).GetProperty("items").GetArrayLength().Should().Be(0);
        (await Json(await normandie.GetAsync($"{Url}?q=canevas"))).GetProperty("items").GetArrayLength().Should().Be(0);
        (await Json(await normandie.GetAsync($"{Url}/facets"))).GetProperty("total").GetInt32().Should().Be(0);
        var into = Body(link: "https://example.org/other");
        into["academie"] = "25";
        await Problem(await normandie.PostAsJsonAsync(Url, into), HttpStatusCode.Forbidden, "academie_forbidden");

        var reader = await ClientFor("25", "accompaniment:read");
        (await reader.PostAsJsonAsync(Url, Body(link: "https://example.org/x"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.GetAsync($"{Url}/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Search_folds_accents_ranks_title_matches_first_and_pages()
    {
        await Create(_cardie, Body(title: "Évaluer un projet", link: "https://a.example.org/1", description: "Indicateurs et pédagogie."));
        await Create(_cardie, Body(title: "Pédagogie de projet", link: "https://a.example.org/2", description: "Une démarche."));
        await Create(_cardie, Body(title: "Le tutorat", link: "https://a.example.org/3", description: "Mentorat des néo-titulaires."));

        Titles(await Json(await _cardie.GetAsync($"{Url}?q=PEDAGO"))).Should().Equal("Pédagogie de projet", "Évaluer un projet");
        Titles(await Json(await _cardie.GetAsync($"{Url}?q=pedago&sort=id"))).Should().Equal("Évaluer un projet", "Pédagogie de projet");
        Titles(await Json(await _cardie.GetAsync($"{Url}?q=evaluer projet"))).Should().Equal("Évaluer un projet");
        await Problem(await _cardie.GetAsync($"{Url}?sort=relevance"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await _cardie.GetAsync($"{Url}?colour=blue"), HttpStatusCode.BadRequest, "validation_failed");

        var first = await Json(await _cardie.GetAsync($"{Url}?q=pedago&limit=1"));
        Titles(first).Should().Equal("Pédagogie de projet");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await Json(await _cardie.GetAsync($"{Url}?q=pedago&limit=1&cursor={cursor}"));
        Titles(second).Should().Equal("Évaluer un projet");
        second.TryGetProperty("nextCursor", out _).Should().BeFalse();

        var byId = await Json(await _cardie.GetAsync($"{Url}?limit=2"));
        var rest = await Json(await _cardie.GetAsync($"{Url}?limit=2&cursor={byId.GetProperty("nextCursor").GetString()}"));
        Titles(byId).Concat(Titles(rest)).Should().Equal("Évaluer un projet", "Pédagogie de projet", "Le tutorat");
    }

    [Test]
    public async Task Facets_count_per_kind_format_theme_and_guide_section_under_the_filters()
    {
        await Create(_cardie, Body(link: "https://f.example.org/1", kind: "video", format: "mooc", themes: ["wellBeing", "digitalAndAi"],
            sections: ["II 3.3"], published: true));
        await Create(_cardie, Body(link: "https://f.example.org/2", kind: "document", format: "practicalSheet", themes: ["wellBeing"],
            sections: ["II 3.3", "II 1.1"]));
        await Create(_cardie, Body(link: "https://f.example.org/3", kind: "audio", format: "webinar", themes: [], sections: ["I 3.2"]));

        var facets = await Json(await _cardie.GetAsync($"{Url}/facets"));

        facets.GetProperty("total").GetInt32().Should().Be(3);
        Count(facets, "kind", "video").Should().Be(1);
        Count(facets, "kind", "siteWeb").Should().Be(0, "every kind is listed");
        Count(facets, "format", "practicalSheet").Should().Be(1);
        Count(facets, "theme", "wellBeing").Should().Be(2);
        Count(facets, "theme", "digitalAndAi").Should().Be(1);
        Count(facets, "section", "II 3.3").Should().Be(2);
        Count(facets, "section", "II 4.3").Should().Be(0);
        facets.GetProperty("section").GetArrayLength().Should().Be(17, "the guide has 17 sections that offer resources");

        var filtered = await Json(await _cardie.GetAsync($"{Url}/facets?section=II%203.3&published=false"));
        filtered.GetProperty("total").GetInt32().Should().Be(1);
        Count(filtered, "kind", "document").Should().Be(1);
        Titles(await Json(await _cardie.GetAsync($"{Url}?theme=digitalAndAi&kind=video&format=mooc"))).Should().HaveCount(1);
        await Problem(await _cardie.GetAsync($"{Url}?section=III%201.1"), HttpStatusCode.BadRequest, "validation_failed");
    }

    private static int Count(JsonElement facets, string facet, string code) =>
        facets.GetProperty(facet).EnumerateArray().Single(c => c.GetProperty("code").GetString() == code).GetProperty("count").GetInt32();

    [Test]
    public async Task The_public_portal_serves_only_published_resources_without_credentials()
    {
        var (published, _) = await Create(_cardie, Body(title: "Communauté de pratiques", link: "https://p.example.org/1", published: true,
            format: "communityOfPractice"));
        var (draft, _) = await Create(_cardie, Body(title: "Brouillon de fiche", link: "https://p.example.org/2"));
        var normandie = await ClientFor("70", "accompaniment:read", "resources:write");
        var body = Body(title: "Webinaire normand", link: "https://p.example.org/3", published: true, format: "webinar");
        body["academie"] = "70";
        await Create(normandie, body);

        var anonymous = Anonymous();
        Titles(await Json(await anonymous.GetAsync("/api/v1/public/resources"))).Should()
            .BeEquivalentTo("Communauté de pratiques", "Webinaire normand");
        Titles(await Json(await anonymous.GetAsync("/api/v1/public/resources?q=communaute"))).Should().Equal("Communauté de pratiques");
        Titles(await Json(await anonymous.GetAsync("/api/v1/public/resources?academie=70&format=webinar"))).Should().Equal("Webinaire normand");
        Titles(await Json(await anonymous.GetAsync("/api/v1/public/resources?q=brouillon"))).Should().BeEmpty();
        (await Json(await anonymous.GetAsync($"/api/v1/public/resources/{published}"))).GetProperty("title").GetString().Should()
            .Be("Communauté de pratiques");
        await Problem(await anonymous.GetAsync($"/api/v1/public/resources/{draft}"), HttpStatusCode.NotFound, "not_found");
        (await anonymous.GetAsync(Url)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
