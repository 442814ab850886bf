using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.People;
using Innovation.Api.Tests.Projects;
using Innovation.BuildingBlocks.Data;
using Innovation.Modules.Accompaniment.Features.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Accompaniment;

/// <summary>
/// What accompaniment tests share: projects of Versailles (25) that reached Accompaniment's read model, people of
/// its directory, a valid diagnosis and plan body, and the CARDIE's client (accompaniment scopes, académie 25).
/// </summary>
public abstract class AccompanimentApiTest(Engine engine) : LifecycleApiTest(engine)
{
    protected const string Carrier = "ada.lovelace@ac-versailles.fr";

    protected HttpClient Cardie { get; private set; } = null!;

    [SetUp]
    public async Task Accompaniment()
    {
        await StandardSchools();
        Cardie = await ClientFor("25", "accompaniment:read", "accompaniment:write");
    }

    /// <summary>A project of Versailles driven to <paramref name="status"/>, once Accompaniment knows that status.</summary>
    protected async Task<string> KnownProject(string status = "submitted", Dictionary<string, object?>? body = null)
    {
        var id = await ProjectIn(status, body);
        await Eventually(async () => (await Cardie.GetAsync($"/api/v1/accompaniment/projects/{id}/diagnoses")).StatusCode == HttpStatusCode.OK,
            "the lifecycle event reaches Accompaniment's read model");
        // Each lifecycle event arrives on its own: a project seen as submitted may not be rejected there yet.
        var db = Factory.Services.GetRequiredService<Db>();
        await Eventually(async () => (await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<ProjectReadModel.Row>(ProjectReadModel.FindSql,
            new { Id = Guid.Parse(id) }), CancellationToken.None))?.Status == status, $"Accompaniment knows the project as {status}");
        return id;
    }

    /// <summary>The event feed once it holds every one of <paramref name="types"/> (events are delivered a moment after the change).</summary>
    protected async Task<string> FeedWith(params string[] types)
    {
        var feed = "";
        await Eventually(async () => types.All((feed = await Admin.GetStringAsync("/api/v1/events?limit=200")).Contains),
            $"the feed shows {string.Join(", ", types)}");
        return feed;
    }

    protected async Task<string> Person(string email, string academie = "25", string function = "cpc") =>
        (await PeopleApi.Register(Admin, academie, email, "Claude", "Bernard", null, function)).Id;

    protected static object DiagnosisBody(string ledBy, string day = "2026-10-05", params string[] needs) => new
    {
        diagnosedOn = day,
        ledBy,
        tools = new[] { "interview", "selfPositioning" },
        needs = (needs.Length == 0 ? ["training", "teamFacilitation", "fundingSearch"] : needs)
            .Select((code, i) => new { code, priority = i == 0 ? "high" : "medium", comment = $"Besoin {code}" }).ToArray(),
    };

    protected async Task<JsonElement> Diagnose(string project, string ledBy, string day = "2026-10-05", params string[] needs)
    {
        var response = await Cardie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{project}/diagnoses", DiagnosisBody(ledBy, day, needs));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
