using System.Net;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectEditingTests(Engine engine) : LifecycleApiTest(engine)
{
    private const string AdaEmail = "ada.lovelace@ac-versailles.fr";

    [SetUp]
    public Task Schools() => StandardSchools();

    private async Task<HttpResponseMessage> Put(HttpClient client, string id, object body, string? ifMatch = null) =>
        await client.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}", body, ifMatch ?? await ETagOf(id)));

    [Test]
    public async Task A_put_replaces_the_project_and_moves_the_version_unless_nothing_changes()
    {
        var id = (await CreateProject(ValidProject(externalReference: "REF-1"))).GetProperty("id").GetString()!;
        var body = ValidProject(title: "Classe dehors, saison 2", schools: [Jaures, Galois], externalReference: "REF-2");
        body["themes"] = new[] { "schoolForm" };
        body["tags"] = new[] { "nature", "oral" };

        var response = await Put(Admin, id, body, "\"1\"");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.ToString().Should().Be("\"2\"");
        var project = await Read(id);
        project.GetProperty("title").GetString().Should().Be("Classe dehors, saison 2");
        project.GetProperty("schools").EnumerateArray().Select(s => s.GetProperty("uai").GetString()).Should().Equal(Jaures, Galois);
        project.GetProperty("themes").EnumerateArray().Select(t => t.GetString()).Should().Equal("schoolForm");
        project.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("nature", "oral");
        project.GetProperty("externalReference").GetString().Should().Be("REF-2");
        project.GetProperty("status").GetString().Should().Be("draft");

        var same = await Put(Admin, id, body, "\"2\"");
        same.StatusCode.Should().Be(HttpStatusCode.OK);
        same.Headers.ETag!.ToString().Should().Be("\"2\"", "an identical body makes no new version");
        (await Json(await Admin.GetAsync($"/api/v1/projects/{id}/history"))).GetProperty("items").GetArrayLength().Should()
            .Be(1, "an edit is not a transition");
    }

    [Test]
    public async Task A_put_needs_the_current_etag()
    {
        var id = (await CreateProject()).GetProperty("id").GetString()!;
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}", ValidProject(title: "Nouveau"))),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        (await Put(Admin, id, ValidProject(title: "Nouveau"), "\"1\"")).StatusCode.Should().Be(HttpStatusCode.OK);
        var stale = await Problem(await Put(Admin, id, ValidProject(title: "Encore"), "\"1\""), HttpStatusCode.PreconditionFailed, "etag_mismatch");
        stale.GetProperty("currentETag").GetString().Should().Be("\"2\"");
        (await Read(id)).GetProperty("title").GetString().Should().Be("Nouveau");
    }

    [Test]
    public async Task A_put_follows_the_creation_rules()
    {
        var id = (await CreateProject()).GetProperty("id").GetString()!;
        var invalid = await Put(Admin, id, new { title = "", schools = new[] { Galois }, themes = Array.Empty<string>(),
            team = Array.Empty<object>() });
        (await Problem(invalid, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().Contain(["title", "summary", "themes", "team"]);

        var foreignSchool = await Put(Admin, id, ValidProject(schools: [Galois, Nimes]));
        (await Problem(foreignSchool, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("schools[1]")[0].GetString()
            .Should().Contain("belongs to académie 11");

        var otherAcademie = ValidProject();
        otherAcademie["academie"] = "11";
        (await Problem(await Put(Admin, id, otherAcademie), HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors")
            .GetProperty("academie")[0].GetString().Should().Contain("cannot change");

        await CreateProject(ValidProject(title: "Autre", externalReference: "TAKEN"));
        await Problem(await Put(Admin, id, ValidProject(externalReference: "TAKEN")), HttpStatusCode.Conflict, "external_reference_exists");
        (await Read(id)).GetProperty("version").GetInt32().Should().Be(1);
    }

    [Test]
    public async Task A_closed_school_stays_on_the_project_but_cannot_be_added()
    {
        var id = (await CreateProject(ValidProject(schools: [Galois, Curie]))).GetProperty("id").GetString()!;
        var other = (await CreateProject(ValidProject(title: "Autre"))).GetProperty("id").GetString()!;
        var school = await Admin.GetAsync($"/api/v1/schools/{Curie}");
        (await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/schools/{Curie}",
            new { uai = Curie, name = "École fermée", type = "ecole", sector = "public", departement = "095", status = "closed" },
                school.Headers.ETag!.ToString())))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually(async () => (await Read(id)).GetProperty("schools")[1].GetProperty("closed").GetBoolean(), "the closure reaches Projects");

        var keep = await Put(Admin, id, ValidProject(title: "Toujours là", schools: [Galois, Curie]));
        keep.StatusCode.Should().Be(HttpStatusCode.OK, await keep.Content.ReadAsStringAsync());
        var add = await Put(Admin, other, ValidProject(title: "Ajout", schools: [Galois, Curie]));
        (await Problem(add, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("schools[1]")[0].GetString()
            .Should().Contain("is closed");
    }

    [Test]
    public async Task Carriers_edit_their_own_projects_and_cannot_lock_themselves_out()
    {
        var ada = PersonClient(AdaEmail, "25", "projects:read", "projects:carry");
        var grace = PersonClient("grace.hopper@ac-versailles.fr", "25", "projects:read", "projects:carry");
        var reader = await ClientFor("25", "projects:read");
        var id = (await CreateProject()).GetProperty("id").GetString()!;

        (await Put(ada, id, ValidProject(title: "Par Ada"))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Problem(await Put(grace, id, ValidProject(title: "Par Grace")), HttpStatusCode.Forbidden, "not_a_carrier");
        await Problem(await Put(reader, id, ValidProject(title: "Par un lecteur")), HttpStatusCode.Forbidden, "forbidden");

        var handOver = ValidProject(title: "Sans Ada", carrierEmail: "grace.hopper@ac-versailles.fr");
        (await Problem(await Put(ada, id, handOver), HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors")
            .GetProperty("team")[0].GetString()
            .Should().Contain("no longer be a carrier");
        var noCarrier = ValidProject();
        noCarrier["team"] = new object[] { new { role = "contributor", name = "Ada Lovelace", email = AdaEmail } };
        (await Problem(await Put(ada, id, noCarrier), HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors")
            .GetProperty("team")[0].GetString()
            .Should().Contain("carrier", "the last carrier cannot be removed");

        var coCarrier = ValidProject(title: "Ada co-porteuse", carrierEmail: "grace.hopper@ac-versailles.fr");
        coCarrier["team"] = new object[]
        {
            new { role = "carrier", name = "Grace Hopper", email = "grace.hopper@ac-versailles.fr" },
            new { role = "coCarrier", name = "Ada Lovelace", email = AdaEmail },
        };
        (await Put(ada, id, coCarrier)).StatusCode.Should().Be(HttpStatusCode.OK, "staying as co-carrier keeps the rights");
        coCarrier["title"] = "Modifié par Grace";
        (await Put(grace, id, coCarrier)).StatusCode.Should().Be(HttpStatusCode.OK, "Grace is now a carrier");
        (await Put(Admin, id, handOver)).StatusCode.Should().Be(HttpStatusCode.OK, "projects:write hands a project over");
        await Problem(await Put(ada, id, ValidProject(title: "Trop tard")), HttpStatusCode.Forbidden, "not_a_carrier");
    }

    [Test]
    public async Task What_may_be_edited_depends_on_the_status()
    {
        var ada = PersonClient(AdaEmail, "25", "projects:read", "projects:carry");
        var writer = await ClientFor("25", "projects:read", "projects:write");

        var returned = await ProjectIn("returnedForChanges");
        (await Put(ada, returned, ValidProject(title: "Corrigé"))).StatusCode.Should().Be(HttpStatusCode.OK);

        var submitted = await ProjectIn("submitted");
        var locked = await Problem(await Put(ada, submitted, ValidProject(title: "Pendant l'examen")), HttpStatusCode.Conflict, "project_locked");
        locked.GetProperty("currentStatus").GetString().Should().Be("submitted");
        locked.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("validate", "reject", "return");
        await Problem(await Put(writer, submitted, ValidProject(title: "Pendant l'examen")), HttpStatusCode.Conflict, "project_locked");

        var running = await ProjectIn("inProgress");
        await Problem(await Put(ada, running, ValidProject(title: "En cours")), HttpStatusCode.Conflict, "project_locked");
        (await Put(writer, running, ValidProject(title: "En cours, corrigé par l'académie"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var hollow = ValidProject(title: "Canevas vidé");
        hollow["canvas"] = new { needs = "Des besoins." };
        (await Problem(await Put(writer, running, hollow), HttpStatusCode.UnprocessableEntity, "canvas_incomplete")).GetProperty("missing")
            .GetArrayLength().Should().Be(5);
        (await Read(running)).GetProperty("status").GetString().Should().Be("inProgress", "an edit never changes the status");

        foreach (var status in new[] { "rejected", "completed", "archived" })
        {
            var id = await ProjectIn(status, ValidProject(title: status));
            (await Problem(await Put(writer, id, ValidProject(title: "Modifié")), HttpStatusCode.Conflict, "project_locked"))
                .GetProperty("currentStatus").GetString().Should().Be(status);
        }
    }

    [Test]
    public async Task Another_academie_cannot_edit_nor_see_the_project()
    {
        var id = (await CreateProject()).GetProperty("id").GetString()!;
        var montpellier = await ClientFor("11", "projects:read", "projects:write");
        await Problem(await Put(montpellier, id, ValidProject(title: "Pris"), "\"1\""), HttpStatusCode.NotFound, "not_found");
        var adaElsewhere = PersonClient(AdaEmail, "11", "projects:read", "projects:carry");
        await Problem(await Put(adaElsewhere, id, ValidProject(title: "Pris"), "\"1\""), HttpStatusCode.NotFound, "not_found");
        (await Read(id)).GetProperty("title").GetString().Should().Be("Classe dehors");
    }
}
