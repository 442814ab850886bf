using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using static Innovation.Api.Tests.Networks.NetworkApi;

namespace Innovation.Api.Tests.Networks;

public sealed class NetworkTests(Engine engine) : ApiTest(engine)
{
    [Test]
    public async Task A_created_network_reads_back_with_its_etag_and_academie_from_the_departement()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/networks", new
        {
            kind = "mutualisationGroup", name = "Groupe de mutualisation de l'Eure", departement = "27",
            description = "Enseignants innovants", activeYears = new[] { "2025-2026", "2024-2025" },
        });
        var created = await Body(response, HttpStatusCode.Created);
        response.Headers.ETag!.ToString().Should().Be("\"1\"");
        var id = created.GetProperty("id").GetString();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/networks/{id}");

        var get = await Admin.GetAsync($"/api/v1/networks/{id}");
        var network = await Body(get, HttpStatusCode.OK);
        get.Headers.ETag!.ToString().Should().Be("\"1\"");
        network.GetProperty("kind").GetString().Should().Be("mutualisationGroup");
        network.GetProperty("academie").GetString().Should().Be("70");
        network.GetProperty("departement").GetString().Should().Be("027");
        network.GetProperty("activeYears").EnumerateArray().Select(y => y.GetString()).Should().Equal("2024-2025", "2025-2026");

        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/networks/{id}");
        again.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        (await Admin.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task Validation_lists_every_invalid_field_at_once()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/networks", new { name = "", departement = "999", activeYears = new[] { "2025-2027" } });
        var errors = (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().Contain(["kind", "name", "departement"]);
        errors.EnumerateObject().Select(p => p.Name).Should().Contain(n => n.StartsWith("activeYears"));
    }

    [Test]
    public async Task An_update_needs_if_match_refuses_a_stale_etag_and_keeps_the_kind()
    {
        var (id, etag) = await Create(Admin);
        var body = new { kind = "bassin", name = "Bassin d'Évreux-Vernon", departement = "027", activeYears = new[] { "2025-2026" } };
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/networks/{id}", body)), HttpStatusCode.PreconditionRequired,
            "if_match_required");

        var updated = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/networks/{id}", body, etag));
        (await Body(updated, HttpStatusCode.OK)).GetProperty("name").GetString().Should().Be("Bassin d'Évreux-Vernon");
        updated.Headers.ETag!.ToString().Should().Be("\"2\"");

        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/networks/{id}", body with { name = "Stale" }, etag)),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        var kind = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/networks/{id}", body with { kind = "circonscription" }, "\"2\""));
        (await Problem(kind, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("kind").ToString().Should()
            .Contain("cannot change");
    }

    [Test]
    public async Task The_list_filters_on_kind_departement_text_year_member_school_and_person_and_pages_by_cursor()
    {
        await RegisterSchool(Evreux, "027");
        var teacher = await Teacher(Admin, "a.martin@ac-normandie.fr");
        var (bassin, _) = await Create(Admin, "bassin", "Bassin d'Évreux", "027", ["2025-2026"]);
        var (collective, _) = await Create(Admin, "professionalCollective", "Collectif numérique", "076", ["2024-2025"]);
        var (group, _) = await Create(Admin, "mutualisationGroup", "Groupe de l'Eure", "027", ["2024-2025", "2025-2026"]);
        await AddSchool(Admin, bassin, Evreux);
        await AddPerson(Admin, group, teacher);

        async Task<string[]> Ids(string query) =>
            (await Body(await Admin.GetAsync($"/api/v1/networks{query}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
                .Select(n => n.GetProperty("id").GetString()!).ToArray();

        (await Ids("?kind=bassin")).Should().Equal(bassin);
        (await Ids("?departement=027")).Should().BeEquivalentTo([bassin, group]);
        (await Ids("?q=NUMERIQUE")).Should().Equal(collective);
        (await Ids("?activeYear=2024-2025")).Should().BeEquivalentTo([collective, group]);
        (await Ids($"?school={Evreux}")).Should().Equal(bassin);
        (await Ids($"?person={teacher}")).Should().Equal(group);

        var first = await Body(await Admin.GetAsync("/api/v1/networks?limit=2"), HttpStatusCode.OK);
        first.GetProperty("items").GetArrayLength().Should().Be(2);
        var second = await Body(await Admin.GetAsync($"/api/v1/networks?limit=2&cursor={first.GetProperty("nextCursor").GetString()}"),
            HttpStatusCode.OK);
        second.GetProperty("items").GetArrayLength().Should().Be(1);
        second.TryGetProperty("nextCursor", out _).Should().BeFalse();

        await Problem(await Admin.GetAsync("/api/v1/networks?color=red"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Admin.GetAsync("/api/v1/networks?activeYear=2025"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task A_member_whose_period_ended_is_not_current_but_is_listed_with_all_and_at_a_past_date()
    {
        await RegisterSchool(Evreux, "027");
        await RegisterSchool(Vernon, "027");
        var teacher = await Teacher(Admin, "c.petit@ac-normandie.fr");
        var (id, _) = await Create(Admin);
        await AddSchool(Admin, id, Evreux, from: "2023-09-01");
        var ended = await AddSchool(Admin, id, Vernon, from: "2023-09-01", to: Day(-1));
        ended.GetProperty("current").GetBoolean().Should().BeFalse();
        await AddPerson(Admin, id, teacher, "referent", "culture", from: "2024-09-01");

        var current = await Body(await Admin.GetAsync($"/api/v1/networks/{id}/members"), HttpStatusCode.OK);
        current.GetProperty("schools").EnumerateArray().Select(s => s.GetProperty("uai").GetString()).Should().Equal(Evreux);
        var person = current.GetProperty("people").EnumerateArray().Single();
        person.GetProperty("role").GetString().Should().Be("referent");
        person.GetProperty("domain").GetString().Should().Be("culture");

        var all = await Body(await Admin.GetAsync($"/api/v1/networks/{id}/members?all=true"), HttpStatusCode.OK);
        all.GetProperty("schools").GetArrayLength().Should().Be(2);
        var past = await Body(await Admin.GetAsync($"/api/v1/networks/{id}/members?at=2024-01-15"), HttpStatusCode.OK);
        past.GetProperty("schools").GetArrayLength().Should().Be(2);
        past.GetProperty("people").GetArrayLength().Should().Be(0, "the referent joined in September 2024");
    }

    [Test]
    public async Task Ending_a_membership_needs_the_networks_etag_and_moves_it()
    {
        await RegisterSchool(Evreux, "027");
        var (id, etag) = await Create(Admin);
        var member = await AddSchool(Admin, id, Evreux, from: "2024-09-01");
        var membership = member.GetProperty("id").GetString();
        var after = (await Admin.GetAsync($"/api/v1/networks/{id}")).Headers.ETag!.ToString();
        after.Should().NotBe(etag);

        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/networks/{id}/schools/{membership}",
            new { from = "2024-09-01", to = Day(-1) }, etag)),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/networks/{id}/schools/{membership}",
            new { from = "2024-09-01", to = "2024-01-01" }, after)),
            HttpStatusCode.BadRequest, "validation_failed");
        var ended = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/networks/{id}/schools/{membership}",
            new { from = "2024-09-01", to = Day(-1) }, after));
        (await Body(ended, HttpStatusCode.OK)).GetProperty("current").GetBoolean().Should().BeFalse();
        (await Body(await Admin.GetAsync($"/api/v1/networks/{id}/members"), HttpStatusCode.OK)).GetProperty("schools").GetArrayLength().Should()
            .Be(0);
    }

    [Test]
    public async Task A_school_is_in_several_kinds_of_network_but_in_one_network_of_a_kind_at_a_time()
    {
        await RegisterSchool(Evreux, "027");
        var (bassin, _) = await Create(Admin, "bassin", "Bassin d'Évreux");
        var (otherBassin, _) = await Create(Admin, "bassin", "Bassin de Vernon");
        var (collective, _) = await Create(Admin, "professionalCollective", "Collectif");
        await AddSchool(Admin, bassin, Evreux, to: "2025-08-31");
        await AddSchool(Admin, collective, Evreux);

        var clash = await Admin.PostAsJsonAsync($"/api/v1/networks/{otherBassin}/schools", new { uai = Evreux, from = "2025-06-01" });
        (await Problem(clash, HttpStatusCode.Conflict, "school_in_network_of_same_kind")).GetProperty("detail").GetString().Should().Contain(bassin);
        await Problem(await Admin.PostAsJsonAsync($"/api/v1/networks/{bassin}/schools", new { uai = Evreux }), HttpStatusCode.Conflict,
            "already_member");

        // Once the first membership has ended, the school may move to the other bassin.
        await AddSchool(Admin, otherBassin, Evreux, from: "2025-09-01");
    }

    [Test]
    public async Task Members_must_exist_in_the_networks_academie_and_a_referent_needs_a_domain()
    {
        await RegisterSchool(Gonesse, "095");
        var (id, _) = await Create(Admin);
        var school = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/schools", new { uai = Gonesse });
        (await Problem(school, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("uai")[0].GetString().Should()
            .Contain("No school");

        var stranger = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/people", new { personId = Guid.NewGuid(), role = "member" });
        await Problem(stranger, HttpStatusCode.BadRequest, "validation_failed");

        var teacher = await Teacher(Admin, "r.durand@ac-normandie.fr");
        var noDomain = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/people", new { personId = teacher, role = "referent" });
        (await Problem(noDomain, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("domain").ToString().Should()
            .Contain("domain");
        await AddPerson(Admin, id, teacher, "coordinator");
        await Problem(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/people", new { personId = teacher, role = "member" }),
            HttpStatusCode.Conflict, "already_member");

        // A person can belong to several networks.
        var (other, _) = await Create(Admin, "communityOfPractice", "Communauté E3D");
        await AddPerson(Admin, other, teacher, "referent", "e3d");
    }

    [Test]
    public async Task Network_events_reach_the_feed_with_ids_and_roles_but_no_names()
    {
        await RegisterSchool(Evreux, "027");
        var teacher = await Teacher(Admin, "j.bernard@ac-normandie.fr");
        var (id, etag) = await Create(Admin);
        await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/networks/{id}",
            new { kind = "bassin", name = "Bassin d'Évreux (renamed)", departement = "027", activeYears = new[] { "2025-2026" } }, etag));
        await AddSchool(Admin, id, Evreux, from: "2025-09-01");
        await AddPerson(Admin, id, teacher, "facilitator");

        JsonElement[] networkEvents = [];
        await Eventually(async () =>
        {
            networkEvents = (await Json(await Admin.GetAsync("/api/v1/events?limit=200"))).GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString()!.StartsWith("Network") && e.GetRawText().Contains(id))
                .ToArray(); // this test's network only: a previous test's last delivery may land after the reset
            return networkEvents.Length == 4;
        }, "four network events in the feed");

        networkEvents.Select(e => e.GetProperty("type").GetString()).Should()
            .Equal("NetworkCreated", "NetworkUpdated", "NetworkMembershipChanged", "NetworkMembershipChanged");
        var last = networkEvents[^1].GetProperty("payload");
        last.GetProperty("version").GetInt32().Should().Be(4);
        last.GetProperty("schools")[0].GetProperty("uai").GetString().Should().Be(Evreux);
        last.GetProperty("people")[0].GetProperty("personId").GetString().Should().Be(teacher);
        last.GetProperty("people")[0].GetProperty("role").GetString().Should().Be("facilitator");
        var raw = string.Join("\n", networkEvents.Select(e => e.GetRawText()));
        raw.Should().NotContain("j.bernard").And.NotContain("Camille").And.NotContain("Lefèvre");
    }

    [Test]
    public async Task Another_academies_network_is_a_404_on_every_route()
    {
        await RegisterSchool(Evreux, "027");
        var teacher = await Teacher(Admin, "l.moreau@ac-normandie.fr");
        var (id, etag) = await Create(Admin, "mutualisationGroup", "Groupe de l'Eure");
        var school = (await AddSchool(Admin, id, Evreux)).GetProperty("id").GetString();
        var person = (await AddPerson(Admin, id, teacher)).GetProperty("id").GetString();
        var objective = (await Body(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/objectives",
            new { schoolYear = "2025-2026", title = "Observer" }), HttpStatusCode.Created)).GetProperty("id").GetString();
        var relay = (await Body(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/relays", new { personId = teacher, startedOn = "2025-09-01" }),
            HttpStatusCode.Created)).GetProperty("id").GetString();
        var meeting = (await Body(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/events",
            new { kind = "meeting", title = "Réunion", date = "2025-10-01" }), HttpStatusCode.Created)).GetProperty("id").GetString();
        var convention = (await Body(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/conventions",
            new { partnerKind = "inspe", partner = "INSPE", @object = "Stages", start = "2025-09-01" }), HttpStatusCode.Created)).GetProperty("id")
                .GetString();

        var versailles = await ClientFor("25", "networks:read", "networks:write");
        var n = $"/api/v1/networks/{id}";
        var routes = new (HttpMethod Method, string Uri, object? Body)[]
        {
            (HttpMethod.Get, n, null),
            (HttpMethod.Put, n, new { kind = "mutualisationGroup", name = "X", departement = "027" }),
            (HttpMethod.Get, $"{n}/members", null),
            (HttpMethod.Post, $"{n}/schools", new { uai = Evreux }),
            (HttpMethod.Put, $"{n}/schools/{school}", new { to = "2026-01-01" }),
            (HttpMethod.Post, $"{n}/people", new { personId = teacher, role = "member" }),
            (HttpMethod.Put, $"{n}/people/{person}", new { role = "member" }),
            (HttpMethod.Post, $"{n}/objectives", new { schoolYear = "2025-2026", title = "X" }),
            (HttpMethod.Put, $"{n}/objectives/{objective}", new { schoolYear = "2025-2026", title = "X" }),
            (HttpMethod.Get, $"{n}/objectives", null),
            (HttpMethod.Post, $"{n}/training-needs", new { uai = Evreux, theme = "X", audience = "teachers", priority = "high", staffConcerned = 1 }),
            (HttpMethod.Get, $"{n}/training-needs", null),
            (HttpMethod.Get, $"{n}/training-plan", null),
            (HttpMethod.Post, $"{n}/relays", new { personId = teacher, startedOn = "2025-09-01" }),
            (HttpMethod.Post, $"{n}/relays/{relay}/decisions", new { decision = "stop", on = "2026-01-01" }),
            (HttpMethod.Post, $"{n}/events", new { kind = "meeting", title = "X", date = "2025-10-01" }),
            (HttpMethod.Get, $"{n}/events", null),
            (HttpMethod.Get, $"{n}/events/{meeting}", null),
            (HttpMethod.Put, $"{n}/events/{meeting}/attendance", new { attendees = Array.Empty<object>() }),
            (HttpMethod.Post, $"{n}/conventions", new { partnerKind = "inspe", partner = "X", @object = "X", start = "2025-09-01" }),
            (HttpMethod.Put, $"{n}/conventions/{convention}", new { partnerKind = "inspe", partner = "X", @object = "X", start = "2025-09-01" }),
            (HttpMethod.Get, $"{n}/conventions", null),
        };
        foreach (var (method, uri, body) in routes)
        {
            var response = await versailles.SendAsync(Request(method, uri, body, method == HttpMethod.Put ? "*" : null));
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {uri}: {text}");
            text.Should().NotContain("Groupe de l'Eure");
        }

        (await Body(await versailles.GetAsync("/api/v1/networks"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength().Should().Be(0);
        (await Body(await versailles.GetAsync("/api/v1/relays?departement=027"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength().Should()
            .Be(0);
        (await Body(await Admin.GetAsync($"{n}/objectives"), HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("title").GetString().Should()
            .Be("Observer", "nothing was changed");
    }

    [Test]
    public async Task Reading_needs_networks_read_and_writing_networks_write()
    {
        var reader = await ClientFor("70", "networks:read");
        var (id, _) = await Create(Admin);
        (await reader.GetAsync($"/api/v1/networks/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.PostAsJsonAsync("/api/v1/networks", new { kind = "bassin", name = "X", departement = "027" })).StatusCode.Should()
            .Be(HttpStatusCode.Forbidden);
        var schools = await ClientFor("70", "schools:read");
        (await schools.GetAsync($"/api/v1/networks/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
