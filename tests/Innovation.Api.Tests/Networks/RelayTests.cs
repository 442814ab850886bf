using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using static Innovation.Api.Tests.Networks.NetworkApi;

namespace Innovation.Api.Tests.Networks;

/// <summary>Relay progression in mutualisation groups: year 1 (group) → 2 (with a CPC) → 3 (relay in the territory).</summary>
public sealed class RelayTests(Engine engine) : ApiTest(engine)
{
    private async Task<(string Network, string Relay, string Cpc)> Started(string email = "t.leroy@ac-normandie.fr")
    {
        var teacher = await Teacher(Admin, email);
        var cpc = await Teacher(Admin, "cpc." + email);
        var (group, _) = await Create(Admin, "mutualisationGroup", "Groupe de l'Eure");
        var relay = await Body(await Admin.PostAsJsonAsync($"/api/v1/networks/{group}/relays",
            new { personId = teacher, startedOn = "2024-09-02" }), HttpStatusCode.Created);
        relay.GetProperty("year").GetInt32().Should().Be(1);
        return (group, relay.GetProperty("id").GetString()!, cpc);
    }

    private Task<HttpResponseMessage> Decide(string network, string relay, object body) =>
        Admin.PostAsJsonAsync($"/api/v1/networks/{network}/relays/{relay}/decisions", body);

    [Test]
    public async Task A_teacher_goes_from_year_1_to_year_3_through_year_2_with_a_cpc()
    {
        var (group, relay, cpc) = await Started();
        await Problem(await Decide(group, relay, new { decision = "promote", on = "2025-09-01" }), HttpStatusCode.BadRequest, "validation_failed");
        (await Body(await Decide(group, relay, new { decision = "promote", on = "2025-09-01", cpcId = cpc }), HttpStatusCode.OK))
            .GetProperty("year").GetInt32().Should().Be(2);
        (await Body(await Decide(group, relay, new { decision = "hold", on = "2026-09-01" }), HttpStatusCode.OK))
            .GetProperty("year").GetInt32().Should().Be(2);
        var third = await Body(await Decide(group, relay, new { decision = "promote", on = "2027-09-01", toYear = 3 }), HttpStatusCode.OK);
        third.GetProperty("year").GetInt32().Should().Be(3);
        third.GetProperty("cpcId").GetString().Should().Be(cpc);
        third.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("decision").GetString(), s.GetProperty("year").GetInt32(),
            s.GetProperty("on").GetString()))
            .Should().Equal(("start", 1, "2024-09-02"), ("promote", 2, "2025-09-01"), ("hold", 2, "2026-09-01"), ("promote", 3, "2027-09-01"));
        await Problem(await Decide(group, relay, new { decision = "promote", on = "2028-09-01" }), HttpStatusCode.Conflict, "relay_at_last_year");
    }

    [Test]
    public async Task There_is_no_year_3_without_year_2()
    {
        var (group, relay, _) = await Started();
        var skipped = await Decide(group, relay, new { decision = "promote", on = "2025-09-01", toYear = 3 });
        (await Problem(skipped, HttpStatusCode.Conflict, "relay_year_skipped")).GetProperty("detail").GetString().Should()
            .Contain("no year 3 without year 2");
        (await RelaysOf("027")).Single().GetProperty("year").GetInt32().Should().Be(1);
    }

    [Test]
    public async Task Decisions_are_dated_in_order_and_nothing_follows_a_stop()
    {
        var (group, relay, cpc) = await Started();
        await Problem(await Decide(group, relay, new { decision = "promote", on = "2024-06-30", cpcId = cpc }), HttpStatusCode.Conflict,
            "relay_dates_out_of_order");
        await Body(await Decide(group, relay, new { decision = "promote", on = "2025-09-01", cpcId = cpc }), HttpStatusCode.OK);
        await Problem(await Decide(group, relay, new { decision = "hold", on = "2025-08-31" }), HttpStatusCode.Conflict, "relay_dates_out_of_order");
        (await Body(await Decide(group, relay, new { decision = "stop", on = "2026-01-15" }), HttpStatusCode.OK)).GetProperty("status").GetString()
            .Should().Be("stopped");
        await Problem(await Decide(group, relay, new { decision = "hold", on = "2026-09-01" }), HttpStatusCode.Conflict, "relay_stopped");
    }

    [Test]
    public async Task Relays_exist_only_in_mutualisation_groups()
    {
        var teacher = await Teacher(Admin, "s.roux@ac-normandie.fr");
        var (bassin, _) = await Create(Admin, "bassin");
        await Problem(await Admin.PostAsJsonAsync($"/api/v1/networks/{bassin}/relays", new { personId = teacher, startedOn = "2024-09-02" }),
            HttpStatusCode.Conflict, "not_a_mutualisation_group");
    }

    [Test]
    public async Task The_relays_of_a_departement_are_listed_with_filters()
    {
        var (group, relay, cpc) = await Started();
        var second = await Teacher(Admin, "b.faure@ac-normandie.fr");
        await Body(await Admin.PostAsJsonAsync($"/api/v1/networks/{group}/relays", new { personId = second, startedOn = "2025-09-01" }),
            HttpStatusCode.Created);
        await Problem(await Admin.PostAsJsonAsync($"/api/v1/networks/{group}/relays", new { personId = second, startedOn = "2025-09-01" }),
            HttpStatusCode.Conflict, "relay_exists");
        await Body(await Decide(group, relay, new { decision = "promote", on = "2025-09-01", cpcId = cpc }), HttpStatusCode.OK);
        var (seineMaritime, _) = await Create(Admin, "mutualisationGroup", "Groupe de Seine-Maritime", "076");
        await Body(await Admin.PostAsJsonAsync($"/api/v1/networks/{seineMaritime}/relays", new { personId = second, startedOn = "2025-09-01" }),
            HttpStatusCode.Created);

        (await RelaysOf("027")).Should().HaveCount(2);
        (await RelaysOf("027", "&year=2")).Single().GetProperty("id").GetString().Should().Be(relay);
        (await RelaysOf("076")).Should().ContainSingle();
        await Problem(await Admin.GetAsync("/api/v1/relays"), HttpStatusCode.BadRequest, "validation_failed");
        var page = await Body(await Admin.GetAsync("/api/v1/relays?departement=027&limit=1"), HttpStatusCode.OK);
        page.GetProperty("nextCursor").GetString().Should().NotBeNullOrEmpty();
    }

    private async Task<List<JsonElement>> RelaysOf(string departement, string more = "") =>
        (await Body(await Admin.GetAsync($"/api/v1/relays?departement={departement}{more}"), HttpStatusCode.OK)).GetProperty("items")
            .EnumerateArray().ToList();
}
