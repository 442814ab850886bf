using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Accompaniment;

public sealed class LoadTests(Engine engine) : AccompanimentApiTest(engine)
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Accompaniment:YearlyCapacityHours"] = "20";
            return settings;
        }
    }

    private HttpClient TheCarrier() => PersonClient(Carrier, "25", "projects:carry");

    /// <summary>A plan of a new diagnosed project with these accompanist lines, accepted unless <paramref name="accept"/> is false.</summary>
    private async Task<(string Plan, string ETag)> Plan(string diagnosedBy, bool accept, params (string Person, string Year, int Hours)[] lines)
    {
        var project = await KnownProject();
        await Diagnose(project, diagnosedBy);
        var proposed = await Cardie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{project}/plans", new
        {
            types = new[] { new { type = "proximity", start = "2026-09-01", end = "2028-06-30" } },
            goals = new[] { new { needCode = "training", description = "Se former." } },
            accompanists = lines.Select(l => new { personId = l.Person, role = "cpc", schoolYear = l.Year, plannedHours = l.Hours }).ToArray(),
        });
        proposed.StatusCode.Should().Be(HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var plan = (await Json(proposed)).GetProperty("id").GetString()!;
        if (!accept)
        {
            return (plan, proposed.Headers.ETag!.ToString());
        }

        var accepted = await TheCarrier().SendAsync(
            Request(HttpMethod.Post, $"/api/v1/accompaniment/plans/{plan}/accept", null, proposed.Headers.ETag!.ToString()));
        accepted.StatusCode.Should().Be(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        return (plan, accepted.Headers.ETag!.ToString());
    }

    private static object Session(string day, int minutes, string[] accompanistIds, string[]? participantIds = null,
        object[]? nextSteps = null) => new
    {
        heldOn = day, durationMinutes = minutes, modality = "onSite", participantIds = participantIds ?? [], accompanistIds,
        nextSteps = nextSteps ?? [],
    };

    private async Task<(string ETag, JsonElement Body)> Hold(string plan, string etag, object session)
    {
        var response = await Cardie.SendAsync(Request(HttpMethod.Post, $"/api/v1/accompaniment/plans/{plan}/sessions", session, etag));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return (response.Headers.ETag!.ToString(), JsonDocument.Parse(text).RootElement);
    }

    [Test]
    public async Task Planned_and_held_hours_per_accompanist_and_the_overview_flag_whoever_exceeds_the_yearly_capacity()
    {
        var cpc = await Person("claude.bernard@ac-versailles.fr");
        var researcher = await Person("marie.curie@ac-versailles.fr", function: "researcher");
        var (first, etag) = await Plan(cpc, true, (cpc, "2026-2027", 12), (researcher, "2026-2027", 6), (cpc, "2027-2028", 5));
        (etag, _) = await Hold(first, etag, Session("2026-11-20", 90, [cpc]));
        (etag, _) = await Hold(first, etag, Session("2026-12-10", 120, [cpc, researcher]));
        (etag, _) = await Hold(first, etag, Session("2027-01-05", 60, [], participantIds: [cpc]));
        await Hold(first, etag, Session("2027-09-15", 45, [cpc]));
        var (second, etag2) = await Plan(cpc, true, (cpc, "2026-2027", 10));
        await Hold(second, etag2, Session("2027-01-10", 30, [cpc]));
        await Plan(cpc, false, (cpc, "2026-2027", 50));

        var load = await Json(await Cardie.GetAsync($"/api/v1/accompaniment/accompanists/{cpc}/load?schoolYear=2026-2027"));
        load.GetProperty("plannedHours").GetInt32().Should().Be(22, "12 + 10 in accepted plans; a proposed plan commits no one yet");
        load.GetProperty("heldHours").GetDecimal().Should().Be(4.0m, "1.5 + 2 + 0.5 as an accompanist; a mere participant holds nothing");
        load.GetProperty("capacityHours").GetInt32().Should().Be(20);
        load.GetProperty("overCapacity").GetBoolean().Should().BeTrue();
        load.GetProperty("plans").EnumerateArray()
            .Select(p => (p.GetProperty("planId").GetString(), p.GetProperty("plannedHours").GetInt32(), p.GetProperty("heldHours").GetDecimal()))
            .Should().BeEquivalentTo([(first, 12, 3.5m), (second, 10, 0.5m)]);
        var next = await Json(await Cardie.GetAsync($"/api/v1/accompaniment/accompanists/{cpc}/load?schoolYear=2027-2028"));
        (next.GetProperty("plannedHours").GetInt32(), next.GetProperty("heldHours").GetDecimal()).Should().Be((5, 0.75m));

        var overview = (await Json(await Cardie.GetAsync("/api/v1/accompaniment/load?departement=95&schoolYear=2026-2027")))
            .GetProperty("items").EnumerateArray()
            .ToDictionary(l => l.GetProperty("personId").GetString()!, l => (l.GetProperty("plannedHours").GetInt32(),
                l.GetProperty("heldHours").GetDecimal(), l.GetProperty("overCapacity").GetBoolean()));
        overview.Should().BeEquivalentTo(new Dictionary<string, (int, decimal, bool)>
        {
            [cpc] = (22, 4.0m, true), [researcher] = (6, 2.0m, false),
        });
        var flagged = await Json(await Cardie.GetAsync("/api/v1/accompaniment/load?departement=095&schoolYear=2026-2027&overCapacity=true"));
        flagged.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("personId").GetString()).Should().Equal(cpc);
        var paged = await Json(await Cardie.GetAsync("/api/v1/accompaniment/load?schoolYear=2026-2027&limit=1"));
        paged.GetProperty("items").GetArrayLength().Should().Be(1);
        var cursor = paged.GetProperty("nextCursor").GetString();
        (await Json(await Cardie.GetAsync($"/api/v1/accompaniment/load?schoolYear=2026-2027&limit=1&cursor={cursor}")))
            .GetProperty("items").GetArrayLength().Should().Be(1);
        (await Json(await Cardie.GetAsync("/api/v1/accompaniment/load?departement=030&schoolYear=2026-2027"))).GetProperty("items")
            .GetArrayLength().Should().Be(0);

        await Problem(await Cardie.GetAsync("/api/v1/accompaniment/load?schoolYear=2026"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Cardie.GetAsync("/api/v1/accompaniment/load?capacity=3"), HttpStatusCode.BadRequest, "validation_failed");
        var normandie = await ClientFor("70", "accompaniment:read");
        await Problem(await normandie.GetAsync($"/api/v1/accompaniment/accompanists/{cpc}/load"), HttpStatusCode.NotFound, "not_found");
        (await Json(await normandie.GetAsync("/api/v1/accompaniment/load?schoolYear=2026-2027"))).GetProperty("items").GetArrayLength()
            .Should().Be(0);
        await Problem(await Cardie.GetAsync($"/api/v1/accompaniment/accompanists/{Guid.NewGuid()}/load"), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task A_sessions_accompanists_are_the_plans_and_a_next_steps_owner_takes_part_in_it()
    {
        var cpc = await Person("claude.bernard@ac-versailles.fr");
        var other = await Person("jean.moulin@ac-versailles.fr");
        var (plan, etag) = await Plan(cpc, true, (cpc, "2026-2027", 12));

        var notOfThePlan = await Problem(await Cardie.SendAsync(Request(HttpMethod.Post, $"/api/v1/accompaniment/plans/{plan}/sessions",
            Session("2026-11-20", 60, [cpc, other]), etag)), HttpStatusCode.BadRequest, "validation_failed");
        notOfThePlan.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("accompanistIds[1]");
        var foreignOwner = await Problem(await Cardie.SendAsync(Request(HttpMethod.Post, $"/api/v1/accompaniment/plans/{plan}/sessions",
            Session("2026-11-20", 60, [cpc], nextSteps: [new { what = "Relire", ownerPersonId = other }]), etag)),
            HttpStatusCode.BadRequest, "validation_failed");
        foreignOwner.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("nextSteps[0]");
    }

    [Test]
    public async Task Erasing_a_person_clears_the_next_steps_they_own_and_keeps_the_hours()
    {
        var cpc = await Person("claude.bernard@ac-versailles.fr");
        var teacher = await Person("marie.curie@ac-versailles.fr");
        var (plan, etag) = await Plan(cpc, true, (cpc, "2026-2027", 12));
        var (_, session) = await Hold(plan, etag, Session("2026-11-20", 90, [cpc], participantIds: [teacher], nextSteps:
        [
            new { what = "Construire la grille", who = "Marie Curie", ownerPersonId = teacher, byWhen = "2026-12-15" },
            new { what = "Relire la grille", who = "L'équipe de cycle 3", byWhen = "2026-12-20" },
        ]));
        var url = $"/api/v1/accompaniment/plans/{plan}/sessions/{session.GetProperty("id").GetString()}";
        var before = (await Cardie.GetAsync(url)).Headers.ETag!.ToString();
        (await Admin.GetStringAsync($"/api/v1/audit?resourceId={plan}")).Should().Contain("Marie Curie", "the session's audit holds its steps");

        (await Admin.PostAsync($"/api/v1/people/{teacher}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        await Eventually(async () => !(await Cardie.GetStringAsync(url)).Contains("Marie Curie"), "PersonErased reaches Accompaniment");
        var after = await Cardie.GetAsync(url);
        after.Headers.ETag!.ToString().Should().NotBe(before, "the plan moved one version up");
        var steps = (await Json(after)).GetProperty("nextSteps");
        steps[0].GetProperty("what").GetString().Should().Be("Construire la grille");
        (steps[0].TryGetProperty("who", out var who) ? who.ValueKind : JsonValueKind.Null).Should().Be(JsonValueKind.Null);
        steps[1].GetProperty("who").GetString().Should().Be("L'équipe de cycle 3", "a group is no one's name");
        var load = await Json(await Cardie.GetAsync($"/api/v1/accompaniment/accompanists/{cpc}/load?schoolYear=2026-2027"));
        load.GetProperty("heldHours").GetDecimal().Should().Be(1.5m);
        (await Admin.GetStringAsync($"/api/v1/accompaniment/plans/{plan}")).Should().NotContain("Marie Curie");
        var audit = await Admin.GetStringAsync($"/api/v1/audit?resourceId={plan}");
        audit.Should().NotContain("Marie Curie", "the erased owner's name is gone from the audit too").And.Contain("Construire la grille");
    }
}
