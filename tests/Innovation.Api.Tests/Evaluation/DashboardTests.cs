using System.Net;
using System.Text.Json;
using Innovation.Api.Tests.Accompaniment;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Networks;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Evaluation;

/// <summary>
/// The dashboard on a known data set, a year after the baselines (2025-09-01) and a year before the targets (2027-09-01): the time
/// elapsed is one half.
/// </summary>
public sealed class DashboardTests(Engine engine) : EvaluationApiTest(engine)
{
    private readonly SettableClock _clock = new(DateTimeOffset.Parse("2026-09-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private string _project = "";

    [SetUp]
    public async Task KnownDataSet()
    {
        _project = await KnownProject();
        var speaking = await Id(IndicatorBody(_project, code: "A", comparison: new
        {
            label = "Classes témoins",
            baseline = 22,
            values = new[] { new { period = "2025-11", value = 24 }, new { period = "2026-03", value = 26 }, new { period = "2026-06", value = 30 } },
        }));
        await Approved(speaking, 30, "2025-11");
        await Approved(speaking, 40, "2026-03");
        await Submit(speaking, 58, "2026-06");
        await Approved(await Id(IndicatorBody(_project, code: "B", unit: "days", direction: "lowerIsBetter", baseline: 12, target: 6)), 9, "2026-03");
        await Approved(await Id(IndicatorBody(_project, code: "C")), 22, "2026-03");
        await Approved(await Id(IndicatorBody(_project, code: "D")), 35, "2026-03");
        await Id(IndicatorBody(null!, scope: "academie", code: "E"));
    }

    private async Task<string> Id(Dictionary<string, object?> body) => (await CreateIndicator(body)).GetProperty("id").GetString()!;

    private async Task<JsonElement> Dashboard(string query = "", HttpClient? client = null)
    {
        var response = await (client ?? Cardie).GetAsync("/api/v1/evaluation/dashboard" + query);
        var body = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static JsonElement Standing(JsonElement dashboard, string code) =>
        dashboard.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);

    private static double? Number(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetDouble();

    [Test]
    public async Task Progress_status_and_effect_follow_each_direction_from_approved_values_only()
    {
        var dashboard = await Dashboard();
        dashboard.GetProperty("asOf").GetString().Should().Be("2026-09-01");

        var a = Standing(dashboard, "A");
        (Number(a, "lastValue"), a.GetProperty("lastPeriod").GetString()).Should().Be((40d, "2026-03"), "the submitted 58 does not count");
        Number(a, "progress").Should().BeApproximately(0.5, 1e-9);
        Number(a, "expectedProgress").Should().BeApproximately(0.5, 1e-9);
        a.GetProperty("status").GetString().Should().Be("onTrack");
        Number(a, "effect").Should().Be(20);

        var b = Standing(dashboard, "B");
        Number(b, "progress").Should().BeApproximately(0.5, 1e-9, "from 12 days down to 9 is half the way to 6");
        Number(b, "effect").Should().Be(-3);
        b.GetProperty("status").GetString().Should().Be("onTrack");

        Number(Standing(dashboard, "C"), "progress").Should().BeApproximately(0.05, 1e-9);
        Standing(dashboard, "C").GetProperty("status").GetString().Should().Be("offTrack");
        Number(Standing(dashboard, "D"), "progress").Should().BeApproximately(0.375, 1e-9);
        Standing(dashboard, "D").GetProperty("status").GetString().Should().Be("late");
        var e = Standing(dashboard, "E");
        (e.GetProperty("status").GetString(), Number(e, "progress"), Number(e, "effect")).Should().Be(("noData", null, null));
    }

    [Test]
    public async Task The_comparison_group_difference_is_the_difference_of_the_two_changes_over_the_same_time()
    {
        var a = Standing(await Dashboard(), "A");
        Number(a, "comparisonChange").Should().Be(4, "the group's value of 2026-03 (26) minus its baseline (22), not its later 30");
        Number(a, "difference").Should().Be(16);
        Number(Standing(await Dashboard(), "B"), "difference").Should().BeNull();
    }

    [Test]
    public async Task Roll_ups_count_on_track_and_take_the_median_progress_by_project_theme_departement_network_and_academie()
    {
        var (network, _) = await NetworkApi.Create(Admin, departement: "095");
        await NetworkApi.AddSchool(Admin, network, Galois);
        await Eventually(async () => (await Dashboard("?by=network")).GetProperty("rollups").GetProperty("networks").GetArrayLength() == 1,
            "the network's membership reaches Evaluation");

        var rollups = (await Dashboard()).GetProperty("rollups");
        static (string?, int, int, int, int, int, double?) Row(JsonElement r) => (r.GetProperty("key").GetString(), r.GetProperty("indicators")
            .GetInt32(), r.GetProperty("withData").GetInt32(), r.GetProperty("onTrack").GetInt32(), r.GetProperty("late").GetInt32(),
            r.GetProperty("offTrack").GetInt32(), Number(r, "medianProgress"));
        rollups.GetProperty("projects").EnumerateArray().Select(Row).Should().Equal((_project, 4, 4, 2, 1, 1, 0.4375));
        rollups.GetProperty("networks").EnumerateArray().Select(Row).Should().Equal((network, 4, 4, 2, 1, 1, 0.4375));
        rollups.GetProperty("themes").EnumerateArray().Select(Row).Should().Equal(
            ("scienceAndGenderMix", 4, 4, 2, 1, 1, 0.4375), ("wellBeing", 4, 4, 2, 1, 1, 0.4375));
        rollups.GetProperty("departements").EnumerateArray().Select(Row).Should().Equal(("095", 4, 4, 2, 1, 1, 0.4375));
        rollups.GetProperty("academies").EnumerateArray().Select(Row).Should().Equal(("25", 5, 4, 2, 1, 1, 0.4375));

        var departements = await Dashboard("?by=departement&details=false");
        departements.GetProperty("indicators").ValueKind.Should().Be(JsonValueKind.Null);
        departements.GetProperty("rollups").GetProperty("projects").ValueKind.Should().Be(JsonValueKind.Null);
        departements.GetProperty("rollups").GetProperty("departements").GetArrayLength().Should().Be(1);
    }

    [Test]
    public async Task A_school_year_counts_only_its_approved_values_up_to_its_end()
    {
        var year = await Dashboard("?schoolYear=2025-2026");
        year.GetProperty("asOf").GetString().Should().Be("2026-08-31");
        Number(Standing(year, "A"), "lastValue").Should().Be(40);

        var before = await Dashboard("?schoolYear=2024-2025");
        before.GetProperty("asOf").GetString().Should().Be("2025-08-31");
        before.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("status").GetString()).Should().OnlyContain(s => s == "noData");
        Number(Standing(before, "A"), "expectedProgress").Should().Be(0);

        await Problem(await Cardie.GetAsync("/api/v1/evaluation/dashboard?schoolYear=2025"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Cardie.GetAsync("/api/v1/evaluation/dashboard?by=galaxy"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Cardie.GetAsync("/api/v1/evaluation/dashboard?colour=red"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Another_academie_sees_none_of_these_indicators()
    {
        var montpellier = await Dashboard(client: await ClientFor("11", "evaluation:read"));
        montpellier.GetProperty("indicators").GetArrayLength().Should().Be(0);
        montpellier.GetProperty("rollups").GetProperty("academies").GetArrayLength().Should().Be(0);
    }
}
