using System.Net;
using System.Net.Http.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Accompaniment;

public sealed class SessionTests(Engine engine) : AccompanimentApiTest(engine)
{
    private static object SessionBody(string day, string? method = "gease") => new
    {
        heldOn = day,
        durationMinutes = 90,
        modality = "onSite",
        otherParticipants = 3,
        tools = new object[] { new { tool = "logbook" }, new { tool = "practiceAnalysisCircle", method } },
        summary = "Premier bilan : une sortie ratée, l'équipe ajuste le calendrier.",
        nextSteps = new[] { new { what = "Construire la grille d'auto-positionnement", who = "L'équipe de cycle 3", byWhen = "2026-12-15" } },
    };

    [Test]
    public async Task Sessions_of_an_active_plan_fall_within_a_type_period_and_publish_counts_and_hours_only()
    {
        var project = await KnownProject();
        var cpc = await Person("claude.bernard@ac-versailles.fr");
        await Diagnose(project, cpc);
        var proposed = await Cardie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{project}/plans", new
        {
            types = new[] { new { type = "proximity", start = "2026-11-01", end = "2027-02-28" } },
            goals = new[] { new { needCode = "training", description = "Se former." } },
            accompanists = new[] { new { personId = cpc, role = "cpc", schoolYear = "2026-2027", plannedHours = 12 } },
        });
        var plan = (await Json(proposed)).GetProperty("id").GetString();
        var url = $"/api/v1/accompaniment/plans/{plan}/sessions";
        await Problem(await Cardie.SendAsync(Request(HttpMethod.Post, url, SessionBody("2026-11-20"), proposed.Headers.ETag!.ToString())),
            HttpStatusCode.Conflict, "invalid_transition");

        var carrier = PersonClient(Carrier, "25", "projects:carry");
        var accepted = await carrier.SendAsync(Request(HttpMethod.Post, $"/api/v1/accompaniment/plans/{plan}/accept", null,
            proposed.Headers.ETag!.ToString()));
        var etag = accepted.Headers.ETag!.ToString();

        await Problem(await Cardie.SendAsync(Request(HttpMethod.Post, url, SessionBody("2027-03-10"), etag)),
            HttpStatusCode.UnprocessableEntity, "session_outside_plan_periods");
        var invalid = await Problem(await Cardie.SendAsync(Request(HttpMethod.Post, url, SessionBody("2026-11-20", method: null), etag)),
            HttpStatusCode.BadRequest, "validation_failed");
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("tools[1].method");

        var held = await Cardie.SendAsync(Request(HttpMethod.Post, url, SessionBody("2026-11-20"), etag));
        held.StatusCode.Should().Be(HttpStatusCode.Created, await held.Content.ReadAsStringAsync());
        var session = await Json(held);
        session.GetProperty("tools")[1].GetProperty("method").GetString().Should().Be("gease");
        (await Json(await Cardie.GetAsync(url))).GetProperty("items").GetArrayLength().Should().Be(1);

        var normandie = await ClientFor("70", "accompaniment:read", "accompaniment:write");
        await Problem(await normandie.GetAsync(url), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.SendAsync(Request(HttpMethod.Post, url, SessionBody("2026-11-21"), held.Headers.ETag!.ToString())),
            HttpStatusCode.NotFound, "not_found");

        var feed = await FeedWith("SessionHeld");
        feed.Should().Contain("\"hours\":1.5").And.NotContain("sortie ratée", "the right to error: a session's words never leave it")
            .And.NotContain("auto-positionnement");
    }
}
