using System.Net;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Networks;

namespace Innovation.Api.Tests.Accompaniment;

public sealed class QueueTests(Engine engine) : AccompanimentApiTest(engine)
{
    private async Task<string[]> Queue(string query = "", HttpClient? client = null)
    {
        var body = await Json(await (client ?? Cardie).GetAsync($"/api/v1/accompaniment/queue{query}"));
        return [.. body.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("projectId").GetString()!)];
    }

    [Test]
    public async Task The_queue_lists_submitted_and_validated_projects_oldest_first_until_they_are_accompanied()
    {
        var first = await KnownProject("submitted", ValidProject("Premier", schools: [Galois]));
        var second = await KnownProject("validated", ValidProject("Deuxième", schools: [Jaures]));
        var third = await KnownProject("submitted", ValidProject("Troisième", schools: [Curie]));
        var rejected = await KnownProject("rejected", ValidProject("Rejeté", schools: [Galois]));
        await CreateProject(ValidProject("Brouillon"));
        // Known means its submission arrived; its rejection is another event, delivered a moment later.
        await Eventually(async () => !(await Queue()).Contains(rejected), "the rejection reaches Accompaniment's read model");

        (await Queue()).Should().Equal(first, second, third);
        var cpc = await Person("claude.bernard@ac-versailles.fr");
        await Diagnose(second, cpc);

        var page = await Json(await Cardie.GetAsync("/api/v1/accompaniment/queue?limit=2"));
        page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("stage").GetString())
            .Should().Equal("awaitingDiagnosis", "awaitingAccompaniment");
        var next = page.GetProperty("nextCursor").GetString();
        (await Queue($"?limit=2&cursor={next}")).Should().Equal(third);
        (await Queue("?stage=awaitingAccompaniment")).Should().Equal(second);
        (await Queue("?stage=awaitingDiagnosis")).Should().Equal(first, third);

        (await Queue(client: await ClientFor("70", "accompaniment:read"))).Should().BeEmpty("another académie's queue is its own");
        await Problem(await Cardie.GetAsync("/api/v1/accompaniment/queue?sort=title"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Cardie.GetAsync("/api/v1/accompaniment/queue?stage=done"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Cardie.GetAsync("/api/v1/accompaniment/queue?cursor=bm9wZQ"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task The_queue_filters_by_departement_theme_and_network()
    {
        var (network, _) = await NetworkApi.Create(Admin, "bassin", "Bassin de Gonesse", "095");
        await NetworkApi.AddSchool(Admin, network, Jaures, from: NetworkApi.Day(-30));
        var outdoor = await KnownProject("submitted", ValidProject("Dehors", schools: [Galois]));
        var inNetwork = await KnownProject("submitted", WithThemes(ValidProject("Au bassin", schools: [Jaures]), "orientation"));

        (await Queue("?departement=95")).Should().Equal(outdoor, inNetwork);
        (await Queue("?departement=030")).Should().BeEmpty();
        (await Queue("?theme=orientation")).Should().Equal(inNetwork);
        string[] found = [];
        await Eventually(async () => (found = await Queue($"?network={network}")).Length > 0, "the membership reaches Accompaniment");
        found.Should().Equal(inNetwork);
    }

    private static Dictionary<string, object?> WithThemes(Dictionary<string, object?> project, params string[] themes)
    {
        project["themes"] = themes;
        return project;
    }
}
