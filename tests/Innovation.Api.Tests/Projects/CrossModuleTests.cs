using System.Net;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Networks;
using Innovation.Api.Tests.People;

namespace Innovation.Api.Tests.Projects;

/// <summary>Capabilities that need two modules talking through their events, end to end over HTTP.</summary>
public sealed class CrossModuleTests(Engine engine) : ProjectApiTest(engine)
{
    [SetUp]
    public Task Schools() => StandardSchools();

    [Test]
    public async Task Erasing_a_person_reaches_every_module_that_holds_their_name()
    {
        var (person, _) = await PeopleApi.Register(Admin, "25", "ada.lovelace@ac-versailles.fr", "Ada", "Lovelace", Galois, "teacher");
        var project = (await CreateProject()).GetProperty("id").GetString()!;
        var (network, _) = await NetworkApi.Create(Admin, "bassin", "Bassin de Gonesse", "095");
        await NetworkApi.AddPerson(Admin, network, person, "coordinator");
        (await Admin.GetStringAsync($"/api/v1/projects/{project}")).Should().Contain("Lovelace", "the team names the carrier before the erasure");

        (await Admin.PostAsync($"/api/v1/people/{person}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        await Eventually(async () => !(await Admin.GetStringAsync($"/api/v1/projects/{project}")).Contains("Lovelace"),
            "PersonErased reaches the project's team");
        var everyRead = new[]
        {
            $"/api/v1/people/{person}", "/api/v1/people?q=Lovelace", "/api/v1/people?email=ada.lovelace@ac-versailles.fr",
            $"/api/v1/projects/{project}", $"/api/v1/projects/{project}/history", "/api/v1/projects?q=Lovelace", "/api/v1/projects",
            $"/api/v1/networks/{network}", $"/api/v1/networks/{network}/members?all=true", "/api/v1/events?limit=200",
            $"/api/v1/public/projects/{project}",
        };
        foreach (var uri in everyRead)
        {
            var body = await (await Admin.GetAsync(uri)).Content.ReadAsStringAsync();
            body.Should().NotContainEquivalentOf("Lovelace", uri).And.NotContainEquivalentOf("ada.lovelace", uri);
        }

        var team = (await Json(await Admin.GetAsync($"/api/v1/projects/{project}"))).GetProperty("team")[0];
        team.GetProperty("erasedAt").GetString().Should().NotBeNullOrEmpty("the member stays on the team, anonymised");
    }

    [Test]
    public async Task Projects_of_a_networks_current_member_schools_are_found_by_network()
    {
        var (network, _) = await NetworkApi.Create(Admin, "bassin", "Bassin de Gonesse", "095");
        await NetworkApi.AddSchool(Admin, network, Galois, from: NetworkApi.Day(-30));
        await NetworkApi.AddSchool(Admin, network, Jaures, from: NetworkApi.Day(-60), to: NetworkApi.Day(-1));
        var inNetwork = (await CreateProject(ValidProject("Au bassin", schools: [Galois]))).GetProperty("id").GetString();
        await CreateProject(ValidProject("Ancien membre", schools: [Jaures]));
        await CreateProject(ValidProject("Hors réseau", schools: [Curie]));

        string?[] found = [];
        await Eventually(async () =>
        {
            found = [.. (await Json(await Admin.GetAsync($"/api/v1/projects?network={network}"))).GetProperty("items").EnumerateArray()
                .Select(p => p.GetProperty("id").GetString())];
            return found.Length > 0;
        }, "the membership reaches Projects' copy of the networks");
        found.Should().Equal([inNetwork], "only current member schools count: Jaures's membership ended yesterday");

        var montpellier = await ClientFor("11", "projects:read");
        (await Json(await montpellier.GetAsync($"/api/v1/projects?network={network}"))).GetProperty("items").GetArrayLength().Should().Be(0);
    }
}
