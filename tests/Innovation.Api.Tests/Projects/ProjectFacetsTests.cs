using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectFacetsTests(Engine engine) : ProjectSearchApiTest(engine)
{
    [Test]
    public async Task Facets_count_the_projects_per_status_theme_departement_funding_scheme_and_school_type()
    {
        await KnownProjects();

        var facets = await Ok(await Admin.GetAsync("/api/v1/projects/facets"));

        facets.GetProperty("total").GetInt32().Should().Be(4);
        Counts(facets, "status").Should().Equal(new Dictionary<string, int>
        {
            ["draft"] = 2, ["submitted"] = 1, ["validated"] = 1, ["rejected"] = 0, ["returnedForChanges"] = 0, ["inProgress"] = 0,
                ["completed"] = 0, ["archived"] = 0,
        });
        Counts(facets, "theme").Should().Equal(new Dictionary<string, int>
        {
            ["digitalAndAi"] = 1, ["orientation"] = 1, ["scienceAndGenderMix"] = 0, ["inclusiveSchool"] = 0, ["wellBeing"] = 3, ["schoolForm"] = 0,
        });
        Counts(facets, "departement").Should().Equal(new Dictionary<string, int> { ["030"] = 1, ["078"] = 1, ["095"] = 3 },
            "C has schools in 078 and 095 and counts once in each");
        Counts(facets, "fundingScheme").Should().Equal(new Dictionary<string, int> { ["nefe"] = 1, ["france2030"] = 1, ["academieBudget"] = 0,
            ["partner"] = 0 });
        Counts(facets, "schoolType").Should().Equal(new Dictionary<string, int> { ["ecole"] = 3, ["college"] = 1, ["lycee"] = 1, ["erea"] = 0,
            ["other"] = 0 });
    }

    [Test]
    public async Task Facets_take_the_list_filters()
    {
        await KnownProjects();

        var facets = await Ok(await Admin.GetAsync("/api/v1/projects/facets?theme=wellBeing&academie=25"));

        facets.GetProperty("total").GetInt32().Should().Be(2);
        Counts(facets, "status")["validated"].Should().Be(1);
        Counts(facets, "status")["submitted"].Should().Be(1);
        Counts(facets, "departement").Should().Equal(new Dictionary<string, int> { ["078"] = 1, ["095"] = 2 });
        Counts(facets, "theme")["orientation"].Should().Be(1);

        (await Ok(await Admin.GetAsync("/api/v1/projects/facets?q=oral"))).GetProperty("total").GetInt32().Should().Be(1);
        await Problem(await Admin.GetAsync("/api/v1/projects/facets?status=nope"), System.Net.HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Admin.GetAsync("/api/v1/projects/facets?limit=5"), System.Net.HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Another_academie_counts_only_its_own_projects()
    {
        await KnownProjects();
        var montpellier = await ClientFor("11", "projects:read");

        var facets = await Ok(await montpellier.GetAsync("/api/v1/projects/facets"));

        facets.GetProperty("total").GetInt32().Should().Be(1);
        Counts(facets, "departement").Should().Equal(new Dictionary<string, int> { ["030"] = 1 });
        Counts(facets, "status")["draft"].Should().Be(1);
        Counts(facets, "status").Values.Sum().Should().Be(1);
        (await Ok(await montpellier.GetAsync("/api/v1/projects/facets?academie=25"))).GetProperty("total").GetInt32().Should().Be(0);
    }

    private static Dictionary<string, int> Counts(JsonElement facets, string facet) =>
        facets.GetProperty(facet).EnumerateArray().ToDictionary(e => e.GetProperty("code").GetString()!, e => e.GetProperty("count").GetInt32());
}
