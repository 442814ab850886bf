using System.Net;
using System.Net.Http.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Experimentation;

/// <summary>A DASEN's credential limited to its département sees and decides only the experimentations with a school in it (ADR 0023).</summary>
public sealed class DepartementLimitTests(Engine engine) : ExperimentationApiTest(engine)
{
    private const string Yvelines = "0781234T";

    [Test]
    public async Task A_credential_limited_to_a_departement_sees_and_decides_only_the_experimentations_of_its_departement()
    {
        await SchoolsKnownToProjects((Yvelines, "078"));
        var (inValdOise, _) = await Create(await KnownProject("validated"));
        var elsewhere = CompleteDossier();
        elsewhere["perimeter"] = new { kind = "school", schools = new[] { new { uai = Yvelines } } };
        var (inYvelines, _) = await Create(await KnownProject("validated", [Yvelines]), elsewhere);
        await Ok(Team, inValdOise, "submit");
        await Ok(Team, inYvelines, "submit");

        var created = await Admin.PostAsJsonAsync("/api/v1/admin/api-keys", new
        {
            name = "dasen-95", academie = "25", departement = "095", scopes = new[] { "experimentations:read", "experimentations:decide" },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var dasen95 = ClientWithKey((await Json(created)).GetProperty("secret").GetString()!);

        var listed = await Json(await dasen95.GetAsync("/api/v1/experimentations"));
        listed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).Should().Equal(inValdOise);
        (await Json(await dasen95.GetAsync("/api/v1/experimentations/stats"))).GetProperty("total").GetInt32().Should().Be(1);
        foreach (var route in new[] { "", "/history", "/checklist", "/dossier" })
        {
            await Problem(await dasen95.GetAsync($"/api/v1/experimentations/{inYvelines}{route}"), HttpStatusCode.NotFound, "not_found");
        }

        await Problem(await Step(dasen95, inYvelines, "approve"), HttpStatusCode.NotFound, "not_found");
        (await Json(await Team.GetAsync($"/api/v1/experimentations/{inYvelines}"))).GetProperty("status").GetString()
            .Should().Be("submitted", "a refused decision changes nothing");
        (await Step(dasen95, inValdOise, "approve")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The académie-wide DASEN (no département) still sees both; projects keep the académie scoping alone.
        (await Json(await Dasen.GetAsync("/api/v1/experimentations"))).GetProperty("items").GetArrayLength().Should().Be(2);
    }
}
