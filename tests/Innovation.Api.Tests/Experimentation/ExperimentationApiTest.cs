using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.People;
using Innovation.Api.Tests.Projects;
using Innovation.BuildingBlocks.Data;
using Innovation.Modules.Experimentation.Features.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Experimentation;

/// <summary>
/// What experimentation tests share: projects of Versailles (25) that reached Experimentation's read model, a person of its
/// directory for the team, a complete dossier, the team's client (read, write) and the DASEN's (read, decide).
/// </summary>
public abstract class ExperimentationApiTest(Engine engine) : LifecycleApiTest(engine)
{
    protected HttpClient Team { get; private set; } = null!;

    protected HttpClient Dasen { get; private set; } = null!;

    protected string Coordinator { get; private set; } = "";

    [SetUp]
    public async Task Experimentation()
    {
        await StandardSchools();
        Team = await ClientFor("25", "experimentations:read", "experimentations:write");
        Dasen = await ClientFor("25", "experimentations:read", "experimentations:decide");
        Coordinator = (await PeopleApi.Register(Admin, "25", "irene.joliot@ac-versailles.fr", "Irène", "Joliot", null, "teacher")).Id;
    }

    /// <summary>A project of Versailles driven to <paramref name="status"/>, once Experimentation knows that status.</summary>
    protected async Task<string> KnownProject(string status = "validated", string[]? schools = null)
    {
        var id = await ProjectIn(status, ValidProject(schools: schools ?? [Galois, Jaures]));
        var db = Factory.Services.GetRequiredService<Db>();
        await Eventually(async () => (await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<ProjectReadModel.Row>(ProjectReadModel.FindSql,
            new { Id = Guid.Parse(id) }), CancellationToken.None))?.Status == status, $"Experimentation knows the project as {status}");
        return id;
    }

    /// <summary>A complete dossier: classes of Galois, three school years from September 2026, one review per year.</summary>
    protected Dictionary<string, object?> CompleteDossier(int years = 3) => new()
    {
        ["title"] = "Sciences en semaines banalisées",
        ["perimeter"] = new
        {
            kind = "classes",
            schools = new[]
            {
                new { uai = Galois, classes = new[] { new { name = "CM1 B", level = "cm1" }, new { name = "CM2 A", level = "cm2" } } },
            },
        },
        ["derogationFields"] = new[]
        {
            new { field = "teachingHoursDistribution", derogation = "Les heures de sciences sont regroupées en deux semaines par période." },
            new { field = "pedagogicalOrganisation", derogation = "Classes de CM1 et CM2 mêlées pendant ces semaines." },
        },
        ["durationYears"] = years,
        ["plannedStart"] = "2026-09-01",
        ["team"] = new[] { new { personId = Coordinator, role = "coordinator" } },
        ["diagnosis"] = "Un tiers des élèves de CM1 décrochent en sciences.",
        ["objectives"] = "Réduire le décrochage en sciences ; développer la démarche d'investigation.",
        ["partners"] = new[] { new { name = "Université de Cergy", contribution = "Conception des questionnaires." } },
        ["protocol"] = new
        {
            indicators = new[]
            {
                new
                {
                    code = "absenteeism", label = "Taux d'absentéisme", unit = "percent", direction = "lowerIsBetter", baselineValue = 12.5m,
                    baselineDate = "2026-06-30", targetValue = 8m, targetDate = "2029-06-30",
                },
            },
            dataCollection = new[] { "questionnaires", "schoolLifeData" },
            intermediateReviewsDue = Enumerable.Range(0, years).Select(y => $"{2027 + y}-06-30").ToArray(),
            finalReportDue = $"{2026 + years}-07-05",
        },
    };

    /// <summary>Creates an experimentation as the team and returns its id and ETag.</summary>
    protected async Task<(string Id, string ETag)> Create(string project, object? dossier = null)
    {
        var response = await Team.PostAsJsonAsync("/api/v1/experimentations", new { projectId = project, dossier = dossier ?? CompleteDossier() });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return (JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!, response.Headers.ETag!.ToString());
    }

    protected async Task<string> ExperimentationETag(string id) =>
        (await Team.GetAsync($"/api/v1/experimentations/{id}")).Headers.ETag!.ToString();

    /// <summary>A workflow action with the experimentation's current ETag.</summary>
    protected async Task<HttpResponseMessage> Step(HttpClient client, string id, string action, object? body = null) =>
        await client.SendAsync(Request(HttpMethod.Post, $"/api/v1/experimentations/{id}/{action}", body, await ExperimentationETag(id)));

    /// <summary>A workflow action that must succeed; returns the experimentation it answers.</summary>
    protected async Task<JsonElement> Ok(HttpClient client, string id, string action, object? body = null)
    {
        var response = await Step(client, id, action, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>A new experimentation driven to <paramref name="status"/> (approved, adopted, enteredInSchoolProject or running).</summary>
    protected async Task<string> ExperimentationIn(string status, string? project = null)
    {
        var (id, _) = await Create(project ?? await KnownProject());
        await Ok(Team, id, "submit");
        await Ok(Dasen, id, "approve");
        if (status == "approved")
        {
            return id;
        }

        await Ok(Team, id, "adopt", new { body = "schoolCouncil", voteDate = "2026-06-20" });
        if (status == "adopted")
        {
            return id;
        }

        await Ok(Team, id, "enter-in-school-project", new { on = "2026-06-25" });
        if (status == "enteredInSchoolProject")
        {
            return id;
        }

        await Ok(Team, id, "families-information", new { about = "objectives", informedOn = "2026-09-02", means = "letter" });
        await Ok(Team, id, "start", new { on = "2026-09-07" });
        return id;
    }

    /// <summary>The event feed once it holds every one of <paramref name="types"/>.</summary>
    protected async Task<string> FeedWith(params string[] types)
    {
        var feed = "";
        await Eventually(async () => types.All((feed = await Admin.GetStringAsync("/api/v1/events?limit=200")).Contains),
            $"the feed shows {string.Join(", ", types)}");
        return feed;
    }
}
