using System.Net;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectLogbookTests(Engine engine) : ProjectDetailsTest(engine)
{
    [Test]
    public async Task Entries_are_appended_by_their_author_and_read_newest_first_by_page_and_type()
    {
        var id = await NewProject();
        var carrier = Carrier();
        var first = await Created(carrier.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook",
            new { type = "stepReached", date = "2026-10-02", text = "Première sortie au parc." }, "\"1\"")));
        first.Headers.ETag!.ToString().Should().Be("\"2\"");
        var firstEntry = await Json(first);
        first.Headers.Location!.ToString().Should().Be($"/api/v1/projects/{id}/logbook/{firstEntry.GetProperty("id").GetString()}");
        firstEntry.GetProperty("author").GetString().Should().Be($"jwt:{CarrierEmail}", "the author is the caller's id");
        firstEntry.GetProperty("sequence").GetInt32().Should().Be(1);

        await Created(carrier.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook",
            new { type = "openQuestion", text = "Que faire s'il pleut ?" }, "\"2\"")));
        var correction = await Json(await Created(carrier.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook",
            new { type = "stepReached", date = "2026-10-02", text = "Première sortie au bois, pas au parc.", corrects = firstEntry.GetProperty("id")
                .GetString() }, "\"3\""))));
        correction.GetProperty("corrects").GetString().Should().Be(firstEntry.GetProperty("id").GetString());

        var page = await Json(await Admin.GetAsync($"/api/v1/projects/{id}/logbook?limit=2"));
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32()).Should().Equal(3, 2);
        var next = await Json(await Admin.GetAsync($"/api/v1/projects/{id}/logbook?limit=2&cursor={page.GetProperty("nextCursor").GetString()}"));
        next.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("text").GetString()).Should().Equal("Première sortie au parc.");
        next.TryGetProperty("nextCursor", out _).Should().BeFalse();

        var steps = await Json(await Admin.GetAsync($"/api/v1/projects/{id}/logbook?type=stepReached"));
        steps.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32()).Should().Equal(3, 1);
        await Problem(await Admin.GetAsync($"/api/v1/projects/{id}/logbook?type=gossip"), HttpStatusCode.BadRequest, "validation_failed");
        (await ProjectETag(id)).Should().Be("\"4\"", "each entry moves the project one version up");
    }

    [Test]
    public async Task The_logbook_is_append_only()
    {
        var id = await NewProject();
        var entry = await Json(await Created(Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook",
            new { type = "decision", text = "On garde le jeudi." }, "\"1\""))));
        var uri = $"/api/v1/projects/{id}/logbook/{entry.GetProperty("id").GetString()}";
        (await Admin.GetAsync(uri)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, uri, new { type = "decision", text = "Réécrit" }, "\"2\"")),
            HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Delete, uri, null, "\"2\"")), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Delete, $"/api/v1/projects/{id}/logbook", null, "\"2\"")),
            HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        (await Json(await Admin.GetAsync(uri))).GetProperty("text").GetString().Should().Be("On garde le jeudi.");

        var unknown = await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook",
            new { type = "decision", text = "Correction", corrects = Guid.NewGuid() }, "\"2\""));
        (await Problem(unknown, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("corrects")[0].GetString()
            .Should().Contain("no entry");
    }

    [Test]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var id = await NewProject();
        var response = await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook", new { text = "", date = "2099-01-01" },
            "\"1\""));
        (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo(["type", "text", "date"]);
        var badType = await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook", new { type = "rumour", text = "x" }, "\"1\""));
        await Problem(badType, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Appending_needs_the_current_etag_and_a_carrier()
    {
        var id = await NewProject();
        var body = new { type = "success", text = "Tous les élèves ont présenté." };
        await Problem(await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook", body)), HttpStatusCode.PreconditionRequired,
            "if_match_required");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook", body, "\"7\"")),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await Problem(await NonCarrier().SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook", body, "\"1\"")),
            HttpStatusCode.Forbidden, "not_a_carrier");
        (await NonCarrier().GetAsync($"/api/v1/projects/{id}/logbook")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ProjectETag(id)).Should().Be("\"1\"");

        await Archive(id);
        await Problem(await Carrier().SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook", body, "\"1\"")), HttpStatusCode.Conflict,
            "project_locked");
        (await Admin.GetAsync($"/api/v1/projects/{id}/logbook")).StatusCode.Should().Be(HttpStatusCode.OK, "an archived logbook is still read");
    }

    [Test]
    public async Task Another_academie_finds_no_logbook()
    {
        var id = await NewProject();
        var entry = await Json(await Created(Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/logbook",
            new { type = "error", text = "Sortie annulée." }, "\"1\""))));
        await HiddenFromAnotherAcademie(
            (HttpMethod.Get, $"/api/v1/projects/{id}/logbook", null),
            (HttpMethod.Get, $"/api/v1/projects/{id}/logbook/{entry.GetProperty("id").GetString()}", null),
            (HttpMethod.Post, $"/api/v1/projects/{id}/logbook", new { type = "error", text = "Intrusion" }));
    }
}
