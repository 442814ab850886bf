using System.Net;
using System.Net.Http.Json;
using Innovation.Api.Tests.Infrastructure;
using static Innovation.Api.Tests.Networks.NetworkApi;

namespace Innovation.Api.Tests.Networks;

/// <summary>The multi-year network project (objectives) and the training plan.</summary>
public sealed class NetworkProjectTests(Engine engine) : ApiTest(engine)
{
    [Test]
    public async Task Objectives_are_kept_per_school_year_with_a_status_that_changes_under_if_match()
    {
        var (id, _) = await Create(Admin);
        var first = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/objectives",
            new { schoolYear = "2025-2026", title = "Observations croisées" });
        var objective = await Body(first, HttpStatusCode.Created);
        objective.GetProperty("status").GetString().Should().Be("planned");
        await Body(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/objectives",
            new { schoolYear = "2026-2027", title = "Fête de l'apprendre", status = "planned" }), HttpStatusCode.Created);
        await Problem(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/objectives", new { schoolYear = "2025-2027", title = "" }),
            HttpStatusCode.BadRequest, "validation_failed");

        var uri = $"/api/v1/networks/{id}/objectives/{objective.GetProperty("id").GetString()}";
        var body = new { schoolYear = "2025-2026", title = "Observations croisées", status = "inProgress" };
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, uri, body)), HttpStatusCode.PreconditionRequired, "if_match_required");
        var changed = await Admin.SendAsync(Request(HttpMethod.Put, uri, body, first.Headers.ETag!.ToString()));
        (await Body(changed, HttpStatusCode.OK)).GetProperty("status").GetString().Should().Be("inProgress");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, uri, body with { status = "achieved" }, first.Headers.ETag!.ToString())),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");

        var year = await Body(await Admin.GetAsync($"/api/v1/networks/{id}/objectives?schoolYear=2025-2026"), HttpStatusCode.OK);
        year.GetProperty("items").EnumerateArray().Select(o => (o.GetProperty("title").GetString(), o.GetProperty("status").GetString()))
            .Should().Equal(("Observations croisées", "inProgress"));
        (await Body(await Admin.GetAsync($"/api/v1/networks/{id}/objectives"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(o => o.GetProperty("schoolYear").GetString()).Should().Equal("2025-2026", "2026-2027");
    }

    [Test]
    public async Task The_training_plan_ranks_needs_shared_by_the_most_schools_then_the_most_staff()
    {
        foreach (var uai in new[] { Evreux, Vernon, Louviers })
        {
            await RegisterSchool(uai, "027");
        }

        await RegisterSchool(Rouen, "076");
        var (id, _) = await Create(Admin);
        await AddSchool(Admin, id, Evreux);
        await AddSchool(Admin, id, Vernon);
        await AddSchool(Admin, id, Louviers);
        await AddSchool(Admin, id, Rouen, from: "2020-09-01", to: "2021-08-31"); // a past member: its needs do not count

        async Task Need(string uai, string theme, string audience, string priority, int staff, HttpStatusCode expected = HttpStatusCode.Created) =>
            await Body(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/training-needs",
                new { uai, theme, audience, priority, staffConcerned = staff }), expected);

        // Évaluation (teachers): 3 schools, 9 staff. Numérique (teachers): 2 schools, 12 staff.
        // Climat scolaire (wholeTeam): 2 schools, 12 staff but lower priority than Numérique. Évaluation (heads): 1 school.
        await Need(Evreux, "Évaluation par compétences", "teachers", "medium", 2);
        await Need(Vernon, "evaluation par competences", "teachers", "low", 3);
        await Need(Louviers, "Évaluation  par compétences !", "teachers", "high", 4);
        await Need(Evreux, "Numérique éducatif", "teachers", "high", 10);
        await Need(Vernon, "Numérique éducatif", "teachers", "low", 2);
        await Need(Evreux, "Climat scolaire", "wholeTeam", "medium", 6);
        await Need(Louviers, "Climat scolaire", "wholeTeam", "medium", 6);
        await Need(Louviers, "Évaluation par compétences", "headsOfSchool", "high", 1);
        await Problem(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/training-needs",
            new { uai = Evreux, theme = "EVALUATION PAR COMPETENCES", audience = "teachers", priority = "high", staffConcerned = 1 }),
                HttpStatusCode.Conflict, "training_need_exists");
        await Problem(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/training-needs",
            new { uai = Rouen, theme = "Évaluation par compétences", audience = "teachers", priority = "high", staffConcerned = 50 }),
                HttpStatusCode.Conflict, "not_a_member");

        var plan = await Body(await Admin.GetAsync($"/api/v1/networks/{id}/training-plan"), HttpStatusCode.OK);
        var items = plan.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => (i.GetProperty("rank").GetInt32(), i.GetProperty("theme").GetString(), i.GetProperty("audience").GetString(),
                i.GetProperty("schools").GetInt32(), i.GetProperty("staffConcerned").GetInt32(), i.GetProperty("highestPriority").GetString()))
            .Should().Equal(
                (1, "Évaluation par compétences", "teachers", 3, 9, "high"),
                (2, "Numérique éducatif", "teachers", 2, 12, "high"),
                (3, "Climat scolaire", "wholeTeam", 2, 12, "medium"),
                (4, "Évaluation par compétences", "headsOfSchool", 1, 1, "high"));
        items[0].GetProperty("uais").EnumerateArray().Select(u => u.GetString()).Should().Equal(Evreux, Vernon, Louviers);

        (await Body(await Admin.GetAsync($"/api/v1/networks/{id}/training-needs"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength().Should()
            .Be(8);
    }

    [Test]
    public async Task A_training_need_lists_every_invalid_field()
    {
        var (id, _) = await Create(Admin);
        var response = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/training-needs", new { uai = "0271234A", staffConcerned = 0 });
        var errors = (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("uai", "theme", "audience", "priority", "staffConcerned");
    }
}
