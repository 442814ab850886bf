using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectMapTests(Engine engine) : ProjectSearchApiTest(engine)
{
    [Test]
    public async Task The_map_is_a_geojson_feature_collection_with_one_point_per_project_school()
    {
        var (a, b, c, m) = await KnownProjects();

        var response = await Admin.GetAsync("/api/v1/projects/map");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/geo+json");
        var map = await Ok(response);

        map.GetProperty("type").GetString().Should().Be("FeatureCollection");
        var features = map.GetProperty("features").EnumerateArray().ToList();
        foreach (var feature in features)
        {
            feature.GetProperty("type").GetString().Should().Be("Feature");
            feature.GetProperty("geometry").GetProperty("type").GetString().Should().Be("Point");
            var coordinates = feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(x => x.GetDouble()).ToList();
            coordinates.Should().HaveCount(2);
            coordinates[0].Should().BeInRange(-180, 180);
            coordinates[1].Should().BeInRange(-90, 90);
            feature.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should()
                .BeEquivalentTo(["id", "title", "status", "themes", "uai", "schoolName"], "no personal data, nothing else");
        }

        features.Select(f => (Guid.Parse(f.GetProperty("properties").GetProperty("id").GetString()!), f.GetProperty("properties").GetProperty("uai")
            .GetString()))
            .Should().BeEquivalentTo([(a, Galois), (b, Jaures), (c, Galois), (m, Nimes)], "C's lycée has no coordinates and is left out");
        map.GetProperty("schoolsWithoutCoordinates").GetInt32().Should().Be(1);
        map.GetProperty("truncated").GetBoolean().Should().BeFalse();

        var galois = features.First(f => f.GetProperty("properties").GetProperty("id").GetString() == a.ToString());
        galois.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(x => x.GetDouble()).Should()
            .Equal([2.2697, 48.9904], "GeoJSON puts the longitude first");
        var properties = galois.GetProperty("properties");
        properties.GetProperty("title").GetString().Should().Be("Classe dehors");
        properties.GetProperty("status").GetString().Should().Be("validated");
        properties.GetProperty("schoolName").GetString().Should().Be($"École {Galois}");
        properties.GetProperty("themes").EnumerateArray().Select(t => t.GetString()).Should().Equal("wellBeing");
        map.ToString().Should().NotContain("lovelace").And.NotContain("Blaise").And.NotContain("@");
    }

    [Test]
    public async Task The_map_takes_the_list_filters_and_is_bounded()
    {
        var (a, b, c, _) = await KnownProjects();

        var digital = await Ok(await Admin.GetAsync("/api/v1/projects/map?theme=digitalAndAi"));
        digital.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("id").GetString()).Should()
            .Equal(b.ToString());

        var versaillesRep = await Ok(await Admin.GetAsync("/api/v1/projects/map?academie=25&priorityEducation=rep"));
        versaillesRep.GetProperty("features").EnumerateArray().Select(f => Guid.Parse(f.GetProperty("properties").GetProperty("id").GetString()!))
            .Should().BeEquivalentTo([a, c]);

        var bounded = await Ok(await Admin.GetAsync("/api/v1/projects/map?limit=2"));
        bounded.GetProperty("features").GetArrayLength().Should().Be(2);
        bounded.GetProperty("truncated").GetBoolean().Should().BeTrue();

        await Problem(await Admin.GetAsync("/api/v1/projects/map?limit=5001"), System.Net.HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Another_academie_maps_only_its_own_projects()
    {
        var (_, _, _, m) = await KnownProjects();
        var montpellier = await ClientFor("11", "projects:read");

        var map = await Ok(await montpellier.GetAsync("/api/v1/projects/map"));

        map.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("id").GetString()).Should()
            .Equal(m.ToString());
        map.GetProperty("schoolsWithoutCoordinates").GetInt32().Should().Be(0, "Versailles' lycée is not Montpellier's business");
    }
}
