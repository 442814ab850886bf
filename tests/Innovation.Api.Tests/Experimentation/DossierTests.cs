using System.Net;
using System.Net.Http.Json;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.People;

namespace Innovation.Api.Tests.Experimentation;

public sealed class DossierTests(Engine engine) : ExperimentationApiTest(engine)
{
    [Test]
    public async Task A_dossier_is_created_read_back_replaced_and_listed()
    {
        var project = await KnownProject();
        var (id, etag) = await Create(project);
        etag.Should().Be("\"1\"");

        var read = await Team.GetAsync($"/api/v1/experimentations/{id}");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await Json(read);
        body.GetProperty("status").GetString().Should().Be("draft");
        body.GetProperty("projectId").GetString().Should().Be(project);
        body.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("submit");
        body.GetProperty("departements").EnumerateArray().Select(a => a.GetString()).Should().Equal("095");
        body.GetProperty("schoolYear").GetString().Should().Be("2026-2027");
        var dossier = body.GetProperty("dossier");
        dossier.GetProperty("perimeter").GetProperty("schools")[0].GetProperty("classes")[1].GetProperty("level").GetString().Should().Be("cm2");
        dossier.GetProperty("derogationFields")[0].GetProperty("field").GetString().Should().Be("teachingHoursDistribution");
        dossier.GetProperty("protocol").GetProperty("indicators")[0].GetProperty("baselineValue").GetDecimal().Should().Be(12.5m);
        dossier.GetProperty("team")[0].GetProperty("personId").GetString().Should().Be(Coordinator);

        var notModified = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/experimentations/{id}");
        notModified.Headers.TryAddWithoutValidation("If-None-Match", etag);
        (await Team.SendAsync(notModified)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        var changed = CompleteDossier(years: 2);
        changed["perimeter"] = new { kind = "schools", schools = new[] { new { uai = Galois }, new { uai = Jaures.ToLowerInvariant() } } };
        var replaced = await Team.SendAsync(Request(HttpMethod.Put, $"/api/v1/experimentations/{id}", changed, etag));
        replaced.StatusCode.Should().Be(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        replaced.Headers.ETag!.ToString().Should().Be("\"2\"");
        var after = await Json(replaced);
        after.GetProperty("dossier").GetProperty("durationYears").GetInt32().Should().Be(2);
        after.GetProperty("dossier").GetProperty("perimeter").GetProperty("schools")[1].GetProperty("uai").GetString().Should().Be(Jaures);

        var (other, _) = await Create(await KnownProject("submitted"));
        var list = await Json(await Team.GetAsync("/api/v1/experimentations?limit=1"));
        list.GetProperty("items").GetArrayLength().Should().Be(1);
        var next = list.GetProperty("nextCursor").GetString();
        var second = await Json(await Team.GetAsync($"/api/v1/experimentations?limit=1&cursor={next}"));
        new[] { list.GetProperty("items")[0].GetProperty("id").GetString(), second.GetProperty("items")[0].GetProperty("id").GetString() }
            .Should().BeEquivalentTo([id, other]);
        second.TryGetProperty("nextCursor", out _).Should().BeFalse("the last page has no cursor");
        (await Json(await Team.GetAsync($"/api/v1/experimentations?projectId={project}"))).GetProperty("items").GetArrayLength().Should().Be(1);
        await Problem(await Team.GetAsync("/api/v1/experimentations?colour=red"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Team.GetAsync("/api/v1/experimentations?status=dreaming"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Validation_lists_every_malformed_part_at_once()
    {
        var project = await KnownProject();
        var dossier = CompleteDossier();
        dossier["durationYears"] = 0;
        dossier["perimeter"] = new { kind = "school", schools = new[] { new { uai = Galois }, new { uai = Jaures } } };
        dossier["derogationFields"] = new[] { new { field = "digitalTools", derogation = "" } };
        var response = await Team.PostAsJsonAsync("/api/v1/experimentations", new { projectId = project, dossier });
        var problem = await Problem(response, HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should()
            .Contain(["dossier.durationYears", "dossier.perimeter.schools", "dossier.derogationFields[0].derogation"]);
        (await Json(await Team.GetAsync("/api/v1/experimentations"))).GetProperty("items").GetArrayLength().Should().Be(0, "nothing is written");
    }

    [Test]
    public async Task A_duration_above_five_school_years_is_a_422_duration_too_long_and_nothing_is_written()
    {
        var project = await KnownProject();
        var dossier = CompleteDossier();
        dossier["durationYears"] = 6;
        var created = await Problem(await Team.PostAsJsonAsync("/api/v1/experimentations", new { projectId = project, dossier }),
            HttpStatusCode.UnprocessableEntity, "duration_too_long");
        created.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("dossier.durationYears");
        created.GetProperty("maxYears").GetInt32().Should().Be(5);
        created.GetProperty("label").GetString().Should().StartWith("Durée supérieure à cinq années scolaires");
        created.GetProperty("detail").GetString().Should().Contain("at most 5 school years").And.Contain("asks for 6");
        (await Json(await Team.GetAsync("/api/v1/experimentations"))).GetProperty("items").GetArrayLength().Should().Be(0, "nothing is written");

        var (id, etag) = await Create(project);
        var replaced = await Problem(await Team.SendAsync(Request(HttpMethod.Put, $"/api/v1/experimentations/{id}", dossier, etag)),
            HttpStatusCode.UnprocessableEntity, "duration_too_long");
        replaced.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("durationYears");
        await DossierUnchanged(id, etag);
    }

    [Test]
    public async Task A_perimeter_school_outside_the_project_is_a_422_school_outside_project_naming_each_field_and_nothing_is_written()
    {
        var project = await KnownProject(schools: [Galois]);
        var dossier = CompleteDossier();
        dossier["perimeter"] = new { kind = "schools", schools = new[] { new { uai = Galois }, new { uai = Curie } } };
        var created = await Problem(await Team.PostAsJsonAsync("/api/v1/experimentations", new { projectId = project, dossier }),
            HttpStatusCode.UnprocessableEntity, "school_outside_project");
        created.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("dossier.perimeter.schools[1].uai");
        created.GetProperty("errors").GetProperty("dossier.perimeter.schools[1].uai")[0].GetString().Should().Contain(Curie);
        created.GetProperty("label").GetString().Should().Be("Établissement du périmètre qui n'est pas un établissement du projet");
        (await Json(await Team.GetAsync("/api/v1/experimentations"))).GetProperty("items").GetArrayLength().Should().Be(0, "nothing is written");

        var (id, etag) = await Create(project);
        var replaced = await Problem(await Team.SendAsync(Request(HttpMethod.Put, $"/api/v1/experimentations/{id}", dossier, etag)),
            HttpStatusCode.UnprocessableEntity, "school_outside_project");
        replaced.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("perimeter.schools[1].uai");
        await DossierUnchanged(id, etag);
    }

    [Test]
    public async Task A_team_member_not_in_the_directory_is_a_422_person_not_in_directory_naming_each_field_and_nothing_is_written()
    {
        var project = await KnownProject();
        var montpellier = (await PeopleApi.Register(Admin, "11", "paul.langevin@ac-montpellier.fr", "Paul", "Langevin", null, "teacher")).Id;
        var dossier = CompleteDossier();
        dossier["team"] = new[]
        {
            new { personId = Coordinator, role = "coordinator" }, new { personId = Guid.NewGuid().ToString(), role = "teacher" },
            new { personId = montpellier, role = "researcher" },
        };
        var created = await Problem(await Team.PostAsJsonAsync("/api/v1/experimentations", new { projectId = project, dossier }),
            HttpStatusCode.UnprocessableEntity, "person_not_in_directory");
        created.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("dossier.team[1].personId", "dossier.team[2].personId");
        created.GetProperty("label").GetString().Should().Be("Membre de l'équipe responsable absent de l'annuaire de l'académie");
        (await Json(await Team.GetAsync("/api/v1/experimentations"))).GetProperty("items").GetArrayLength().Should().Be(0, "nothing is written");

        var (id, etag) = await Create(project);
        var replaced = await Problem(await Team.SendAsync(Request(HttpMethod.Put, $"/api/v1/experimentations/{id}", dossier, etag)),
            HttpStatusCode.UnprocessableEntity, "person_not_in_directory");
        replaced.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("team[1].personId", "team[2].personId");
        await DossierUnchanged(id, etag);
    }

    /// <summary>The experimentation still has the complete dossier it was created with, at its first version, and one history line.</summary>
    private async Task DossierUnchanged(string id, string etag)
    {
        var read = await Team.GetAsync($"/api/v1/experimentations/{id}");
        read.Headers.ETag!.ToString().Should().Be(etag, "nothing is written");
        var dossier = (await Json(read)).GetProperty("dossier");
        dossier.GetProperty("durationYears").GetInt32().Should().Be(3);
        dossier.GetProperty("perimeter").GetProperty("schools").GetArrayLength().Should().Be(1);
        dossier.GetProperty("team").GetArrayLength().Should().Be(1);
        (await Json(await Team.GetAsync($"/api/v1/experimentations/{id}/history"))).GetProperty("items").GetArrayLength().Should().Be(1);
    }

    [Test]
    public async Task A_rejected_project_cannot_become_an_experimentation_and_an_unknown_project_is_not_found()
    {
        var rejected = await KnownProject("rejected");
        await Problem(await Team.PostAsJsonAsync("/api/v1/experimentations", new { projectId = rejected, dossier = CompleteDossier() }),
            HttpStatusCode.Conflict, "project_not_eligible");
        await Problem(await Team.PostAsJsonAsync("/api/v1/experimentations", new { projectId = Guid.NewGuid(), dossier = CompleteDossier() }),
            HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task The_checklist_and_a_refused_submission_list_every_missing_part_with_its_french_label()
    {
        var project = await KnownProject();
        var dossier = new Dictionary<string, object?>
        {
            ["title"] = "Sciences",
            ["durationYears"] = 2,
            ["plannedStart"] = "2026-09-01",
            ["protocol"] = new { intermediateReviewsDue = new[] { "2027-06-30" }, finalReportDue = "2027-06-01" },
        };
        var (id, _) = await Create(project, dossier);
        string[] expected =
        [
            "perimeter", "derogationFields", "team", "diagnosis", "objectives", "indicators", "dataCollection", "intermediateReviews",
            "finalReport",
        ];

        var checklist = await Json(await Team.GetAsync($"/api/v1/experimentations/{id}/checklist"));
        checklist.GetProperty("complete").GetBoolean().Should().BeFalse();
        checklist.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()).Should().Equal(expected);
        checklist.GetProperty("missing")[3].GetProperty("label").GetString().Should().Be("Diagnostic de la situation pédagogique ou éducative");

        var problem = await Problem(await Step(Team, id, "submit"), HttpStatusCode.UnprocessableEntity, "dossier_incomplete");
        problem.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()).Should().Equal(expected);
        problem.GetProperty("missing").EnumerateArray().Should().OnlyContain(m => m.GetProperty("label").GetString()!.Length > 0);
        (await Json(await Team.GetAsync($"/api/v1/experimentations/{id}"))).GetProperty("status").GetString().Should().Be("draft");

        var (complete, _) = await Create(project);
        var ok = await Json(await Team.GetAsync($"/api/v1/experimentations/{complete}/checklist"));
        ok.GetProperty("complete").GetBoolean().Should().BeTrue();
        ok.GetProperty("missing").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task A_change_needs_if_match_and_refuses_a_stale_etag_and_a_submitted_dossier_is_locked()
    {
        var (id, etag) = await Create(await KnownProject());
        await Problem(await Team.SendAsync(Request(HttpMethod.Put, $"/api/v1/experimentations/{id}", CompleteDossier())),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        await Problem(await Team.SendAsync(Request(HttpMethod.Put, $"/api/v1/experimentations/{id}", CompleteDossier(), "\"7\"")),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await Problem(await Team.SendAsync(Request(HttpMethod.Post, $"/api/v1/experimentations/{id}/submit")),
            HttpStatusCode.PreconditionRequired, "if_match_required");

        await Ok(Team, id, "submit");
        var locked = await Problem(await Team.SendAsync(Request(HttpMethod.Put, $"/api/v1/experimentations/{id}", CompleteDossier(), "\"2\"")),
            HttpStatusCode.Conflict, "invalid_transition");
        locked.GetProperty("currentStatus").GetString().Should().Be("submitted");
        _ = etag;
    }

    [Test]
    public async Task Another_academies_experimentation_is_not_found_on_every_route_and_absent_from_the_list()
    {
        var (id, _) = await Create(await KnownProject());
        var montpellier = await ClientFor("11", "experimentations:read", "experimentations:write", "experimentations:decide");

        foreach (var path in new[] { "", "/checklist", "/history" })
        {
            await Problem(await montpellier.GetAsync($"/api/v1/experimentations/{id}{path}"), HttpStatusCode.NotFound, "not_found");
        }

        await Problem(await montpellier.SendAsync(Request(HttpMethod.Put, $"/api/v1/experimentations/{id}", CompleteDossier(), "\"1\"")),
            HttpStatusCode.NotFound, "not_found");
        foreach (var action in new[] { "submit", "approve", "close", "families-information" })
        {
            var body = action == "families-information" ? new { about = "objectives", informedOn = "2026-09-02", means = "letter" } : null;
            await Problem(await montpellier.SendAsync(Request(HttpMethod.Post, $"/api/v1/experimentations/{id}/{action}", body, "\"1\"")),
                HttpStatusCode.NotFound, "not_found");
        }

        (await Json(await montpellier.GetAsync("/api/v1/experimentations"))).GetProperty("items").GetArrayLength().Should().Be(0);
        await Problem(await montpellier.PostAsJsonAsync("/api/v1/experimentations",
            new { projectId = (await Json(await Team.GetAsync($"/api/v1/experimentations/{id}"))).GetProperty("projectId").GetString(),
                dossier = CompleteDossier() }), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task A_key_without_the_write_scope_cannot_open_or_change_a_dossier()
    {
        var project = await KnownProject();
        var reader = await ClientFor("25", "experimentations:read");
        (await reader.PostAsJsonAsync("/api/v1/experimentations", new { projectId = project, dossier = CompleteDossier() }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var (id, etag) = await Create(project);
        (await reader.SendAsync(Request(HttpMethod.Put, $"/api/v1/experimentations/{id}", CompleteDossier(), etag)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.GetAsync($"/api/v1/experimentations/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Every_write_is_audited_under_the_project()
    {
        var project = await KnownProject();
        var (id, etag) = await Create(project);
        var changed = CompleteDossier();
        changed["objectives"] = "Autre objectif.";
        (await Team.SendAsync(Request(HttpMethod.Put, $"/api/v1/experimentations/{id}", changed, etag))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Ok(Team, id, "submit");

        var audit = await Json(await Admin.GetAsync($"/api/v1/audit?resourceId={id}"));
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        actions.Should().BeEquivalentTo(["create", "update", "submit"]);
        var update = audit.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "update");
        update.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).Should().Contain("dossier.objectives");
    }
}
