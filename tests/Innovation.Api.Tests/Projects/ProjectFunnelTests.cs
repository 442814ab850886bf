using System.Net;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectFunnelTests(Engine engine) : ProjectSearchApiTest(engine)
{
    /// <summary>
    /// Versailles, school year 2026: P1 draft (Galois); P2 returned once then completed (Galois);
    /// P3 rejected (Jaurès + lycée 078); P4 in progress (lycée 078). School year 2025: P5 validated (Galois).
    /// Montpellier 2026: P6 returned (Nîmes).
    /// </summary>
    [SetUp]
    public async Task KnownHistory()
    {
        await SearchSchools();
        await Project("P1", [Galois]);
        await MoveThrough(await Project("P2", [Galois]), "submitted", "returnedForChanges", "submitted", "validated", "inProgress", "completed");
        await MoveThrough(await Project("P3", [Jaures, Lycee78]), "submitted", "rejected");
        await MoveThrough(await Project("P4", [Lycee78]), "submitted", "validated", "inProgress");
        await MoveThrough(await Project("P5", [Galois], plannedStart: "2025-09-20"), "submitted", "validated");
        await MoveThrough(await Project("P6", [Nimes]), "submitted", "returnedForChanges");
    }

    [Test]
    public async Task The_funnel_counts_each_stage_and_the_rates_per_academie_and_departement()
    {
        var funnel = await Ok(await Admin.GetAsync("/api/v1/projects/stats/funnel?year=2026"));

        funnel.GetProperty("year").GetInt32().Should().Be(2026);
        Counts(funnel.GetProperty("total")).Should().Be(new Line(5, 4, 2, 2, 1, 1, 2, 0.25, 0.5));
        Lines(funnel, "academies", "academie").Should().Equal(new Dictionary<string, Line>
        {
            ["11"] = new(1, 1, 0, 0, 0, 0, 1, 0, 1),
            ["25"] = new(4, 3, 2, 2, 1, 1, 1, 0.3333, 0.3333),
        });
        Lines(funnel, "departements", "departement").Should().Equal(new Dictionary<string, Line>
        {
            ["030"] = new(1, 1, 0, 0, 0, 0, 1, 0, 1),
            ["078"] = new(2, 2, 1, 1, 0, 1, 0, 0.5, 0),
            ["095"] = new(3, 2, 1, 1, 1, 1, 1, 0.5, 0.5),
        }, "P3 has schools in 078 and 095 and counts in both");
    }

    [Test]
    public async Task Without_a_year_every_project_counts()
    {
        var funnel = await Ok(await Admin.GetAsync("/api/v1/projects/stats/funnel"));

        funnel.TryGetProperty("year", out var year).Should().BeTrue();
        year.ValueKind.Should().Be(JsonValueKind.Null);
        Lines(funnel, "academies", "academie")["25"].Should().Be(new Line(5, 4, 3, 2, 1, 1, 1, 0.25, 0.25));
        Counts(funnel.GetProperty("total")).Drafted.Should().Be(6);
    }

    [Test]
    public async Task Another_academie_counts_only_its_own_projects_and_no_names_appear()
    {
        var montpellier = await ClientFor("11", "projects:read");

        var funnel = await Ok(await montpellier.GetAsync("/api/v1/projects/stats/funnel?year=2026"));
        Counts(funnel.GetProperty("total")).Should().Be(new Line(1, 1, 0, 0, 0, 0, 1, 0, 1));
        Lines(funnel, "academies", "academie").Keys.Should().Equal("11");
        Lines(funnel, "departements", "departement").Keys.Should().Equal("030");
        funnel.ToString().Should().NotContain("lovelace").And.NotContain("@");

        var foreign = await Ok(await montpellier.GetAsync("/api/v1/projects/stats/funnel?academie=25"));
        Counts(foreign.GetProperty("total")).Should().Be(new Line(0, 0, 0, 0, 0, 0, 0, null, null), "no rate without a submitted project");
        foreign.GetProperty("academies").GetArrayLength().Should().Be(0);

        await Problem(await Admin.GetAsync("/api/v1/projects/stats/funnel?year=99"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Admin.GetAsync("/api/v1/projects/stats/funnel?status=draft"), HttpStatusCode.BadRequest, "validation_failed");
    }

    private sealed record Line(int Drafted, int Submitted, int Validated, int InProgress, int Completed, int Rejected, int Returned,
        double? RejectionRate, double? ReturnRate);

    private static Line Counts(JsonElement e) => new(
        e.GetProperty("drafted").GetInt32(), e.GetProperty("submitted").GetInt32(), e.GetProperty("validated").GetInt32(),
        e.GetProperty("inProgress").GetInt32(), e.GetProperty("completed").GetInt32(), e.GetProperty("rejected").GetInt32(),
        e.GetProperty("returned").GetInt32(), Rate(e, "rejectionRate"), Rate(e, "returnRate"));

    private static double? Rate(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static Dictionary<string, Line> Lines(JsonElement funnel, string list, string key) =>
        funnel.GetProperty(list).EnumerateArray().ToDictionary(e => e.GetProperty(key).GetString()!, e => Counts(e.GetProperty("counts")));
}
