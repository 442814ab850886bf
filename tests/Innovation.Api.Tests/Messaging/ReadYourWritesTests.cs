using System.Net;
using System.Net.Http.Json;
using Dapper;
using Innovation.Api.Messaging;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.People;
using Innovation.Api.Tests.Projects;
using Innovation.BuildingBlocks.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using AccompanimentProjects = Innovation.Modules.Accompaniment.Features.Projects.ProjectReadModel;
using EvaluationProjects = Innovation.Modules.Evaluation.Features.ReadModels.ProjectReadModel;
using ExperimentationProjects = Innovation.Modules.Experimentation.Features.Projects.ProjectReadModel;

namespace Innovation.Api.Tests.Messaging;

/// <summary>
/// Read-your-writes across modules (ADR 0026): this API runs without its outbox dispatcher, so no integration event reaches
/// any read model unless a test delivers them. What a module acknowledged with a 2xx must still be usable by the next request
/// to any module, another académie still gets a 404, and the events delivered afterwards change nothing and fail nowhere.
/// </summary>
public sealed class ReadYourWritesTests(Engine engine) : LifecycleApiTest(engine)
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OutboxDispatcher)));

    private Db Db => Factory.Services.GetRequiredService<Db>();

    [SetUp]
    public async Task Schools()
    {
        await RegisterSchool(Galois, "095", "École Galois");
        await RegisterSchool(Nimes, "030", "École de Nîmes");
    }

    [Test]
    public async Task Projects_takes_a_school_registered_by_the_previous_request()
    {
        (await Pending("networks")).Should().BeGreaterThan(0, "the SchoolRegistered events are held back");
        var created = await Admin.PostAsJsonAsync("/api/v1/projects", ValidProject(schools: [Galois]));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await Json(created)).GetProperty("academie").GetString().Should().Be("25");

        var unknown = await Problem(await Admin.PostAsJsonAsync("/api/v1/projects", ValidProject(schools: ["0959999Z"])),
            HttpStatusCode.BadRequest, "validation_failed");
        unknown.GetProperty("errors").GetProperty("schools[0]")[0].GetString().Should().Contain("not in the school directory");
        var versailles = await ClientFor("25", "projects:read", "projects:write");
        await Problem(await versailles.PostAsJsonAsync("/api/v1/projects", ValidProject(schools: [Nimes])), HttpStatusCode.Forbidden,
            "academie_forbidden");

        await DeliverHeldEvents();
        (await Db.ReadAsync(c => c.QuerySingleAsync<int>("SELECT version FROM projects.school WHERE uai = @Uai", new { Uai = Galois }),
            CancellationToken.None)).Should().Be(1);
    }

    [Test]
    public async Task Experimentation_opens_a_dossier_for_a_project_submitted_by_the_previous_request()
    {
        var project = await ProjectIn("submitted");
        (await Pending("projects")).Should().BeGreaterThan(0, "the ProjectSubmitted event is held back");
        var team = await ClientFor("25", "experimentations:read", "experimentations:write");
        var created = await team.PostAsJsonAsync("/api/v1/experimentations", new { projectId = project, dossier = new { title = "Sciences" } });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var montpellier = await ClientFor("11", "experimentations:read", "experimentations:write");
        await Problem(await montpellier.PostAsJsonAsync("/api/v1/experimentations", new { projectId = project, dossier = new { title = "x" } }),
            HttpStatusCode.NotFound, "not_found");
        var draft = await ProjectIn("draft");
        await Problem(await team.PostAsJsonAsync("/api/v1/experimentations", new { projectId = draft, dossier = new { title = "x" } }),
            HttpStatusCode.NotFound, "not_found");

        await DeliverHeldEvents();
        (await Db.ReadAsync(c => c.QuerySingleAsync<ExperimentationProjects.Row>(ExperimentationProjects.FindSql, new { Id = Guid.Parse(project) }),
            CancellationToken.None)).Status.Should().Be("submitted");
    }

    [Test]
    public async Task Accompaniment_diagnoses_a_project_submitted_by_the_previous_request()
    {
        var project = await ProjectIn("submitted");
        var cpc = (await PeopleApi.Register(Admin, "25", "claude.bernard@ac-versailles.fr", "Claude", "Bernard", null, "cpc")).Id;
        var cardie = await ClientFor("25", "accompaniment:read", "accompaniment:write");
        var diagnosis = await cardie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{project}/diagnoses", new
        {
            diagnosedOn = "2026-10-05", ledBy = cpc, tools = new[] { "interview" },
            needs = new[] { new { code = "training", priority = "high", comment = "Formation" } },
        });
        diagnosis.StatusCode.Should().Be(HttpStatusCode.Created, await diagnosis.Content.ReadAsStringAsync());

        var montpellier = await ClientFor("11", "accompaniment:read", "accompaniment:write");
        await Problem(await montpellier.GetAsync($"/api/v1/accompaniment/projects/{project}/diagnoses"), HttpStatusCode.NotFound, "not_found");

        await DeliverHeldEvents();
        var copy = await Db.ReadAsync(c => c.QuerySingleAsync<AccompanimentProjects.Row>(AccompanimentProjects.FindSql,
            new { Id = Guid.Parse(project) }), CancellationToken.None);
        copy.Status.Should().Be("submitted");
        copy.QueuedAt.Should().NotBeNull("a submitted project waits in the queue");
    }

    [Test]
    public async Task Evaluation_measures_a_project_validated_by_the_previous_request()
    {
        var project = await ProjectIn("validated");
        var cardie = await ClientFor("25", "evaluation:read", "evaluation:write");
        var indicator = new Dictionary<string, object?>
        {
            ["code"] = "TX-PAROLE", ["label"] = "Part des élèves qui prennent la parole", ["unit"] = "percent", ["direction"] = "higherIsBetter",
            ["scope"] = "project", ["scopeId"] = project, ["baseline"] = new { value = 20, date = "2025-09-01" },
            ["target"] = new { value = 60, date = "2027-09-01" }, ["dataSource"] = "Relevés", ["collectionMethod"] = "Observation",
        };
        var created = await cardie.PostAsJsonAsync("/api/v1/evaluation/indicators", indicator);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var montpellier = await ClientFor("11", "evaluation:read", "evaluation:write");
        indicator["code"] = "AUTRE";
        await Problem(await montpellier.PostAsJsonAsync("/api/v1/evaluation/indicators", indicator), HttpStatusCode.NotFound, "not_found");

        await DeliverHeldEvents();
        (await Db.ReadAsync(c => c.QuerySingleAsync<EvaluationProjects.Row>(EvaluationProjects.FindSql, new { Id = Guid.Parse(project) }),
            CancellationToken.None)).Status.Should().Be("validated");
    }

    private Task<int> Pending(string schema) => Db.ReadAsync(
        c => c.QuerySingleAsync<int>($"SELECT COUNT(*) FROM {schema}.outbox_message WHERE processed_at IS NULL"), CancellationToken.None);

    /// <summary>
    /// Delivers every held event, as the dispatcher would once it runs: the copies a request filled must take them without a
    /// failure (no attempt recorded, nothing parked).
    /// </summary>
    private async Task DeliverHeldEvents()
    {
        var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(Factory.Services);
        while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
        {
        }

        foreach (var schema in Db.Schemas)
        {
            (await Db.ReadAsync(c => c.QuerySingleAsync<int>(
                    $"SELECT COUNT(*) FROM {schema}.outbox_message WHERE processed_at IS NULL OR attempts > 0"), CancellationToken.None))
                .Should().Be(0, $"every event of {schema} is delivered at the first attempt");
        }
    }
}
