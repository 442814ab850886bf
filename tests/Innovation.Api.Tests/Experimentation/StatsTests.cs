using Innovation.Api.Tests.Accompaniment;
using Innovation.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Experimentation;

public sealed class StatsTests(Engine engine) : ExperimentationApiTest(engine)
{
    private readonly SettableClock _clock = new(At("2026-05-04"));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private static DateTimeOffset At(string day) => DateTimeOffset.Parse(day + "T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [SetUp]
    public void InMay() => _clock.Now = At("2026-05-04");

    private static Dictionary<string, int> Counts(System.Text.Json.JsonElement stats, string name) =>
        stats.GetProperty(name).EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("count").GetInt32());

    [Test]
    public async Task The_overview_counts_by_status_departement_field_and_year_with_median_delays_and_overdue_reviews()
    {
        var (adopted, _) = await Create(await KnownProject());
        await Ok(Team, adopted, "submit");
        _clock.Now = At("2026-05-14");
        await Ok(Dasen, adopted, "approve");
        _clock.Now = At("2026-05-18");
        await Ok(Team, adopted, "adopt", new { body = "schoolCouncil", voteDate = "2026-05-18" });

        var (rejected, _) = await Create(await KnownProject());
        await Ok(Team, rejected, "submit");
        _clock.Now = At("2026-06-07");
        await Ok(Dasen, rejected, "reject", new { reason = "Aucune dérogation nécessaire." });
        var nextYear = CompleteDossier(years: 1);
        nextYear["plannedStart"] = "2027-09-01";
        nextYear["derogationFields"] = new[] { new { field = "digitalTools", derogation = "Tablettes en évaluation." } };
        nextYear["protocol"] = new
        {
            indicators = new[]
            {
                new
                {
                    code = "reading", label = "Élèves en difficulté de lecture", unit = "percent", direction = "lowerIsBetter",
                    baselineValue = 20m,
                    baselineDate = "2027-06-30", targetValue = 15m, targetDate = "2028-06-30",
                },
            },
            dataCollection = new[] { "nationalAssessments" },
            intermediateReviewsDue = new[] { "2028-02-15" },
            finalReportDue = "2028-07-05",
        };
        await Create(await KnownProject(), nextYear);

        _clock.Now = At("2027-07-01");
        var stats = await Json(await Team.GetAsync("/api/v1/experimentations/stats"));
        stats.GetProperty("total").GetInt32().Should().Be(3);
        Counts(stats, "byStatus").Should().Equal(new Dictionary<string, int> { ["adopted"] = 1, ["draft"] = 1, ["rejected"] = 1 });
        Counts(stats, "byDepartement").Should().Equal(new Dictionary<string, int> { ["095"] = 3 });
        Counts(stats, "byDerogationField").Should().Equal(new Dictionary<string, int>
        {
            ["digitalTools"] = 1, ["pedagogicalOrganisation"] = 2, ["teachingHoursDistribution"] = 2,
        });
        Counts(stats, "bySchoolYear").Should().Equal(new Dictionary<string, int> { ["2026-2027"] = 2, ["2027-2028"] = 1 });
        stats.GetProperty("medianDaysSubmissionToDecision").GetDouble().Should().Be(15, "10 days and 20 days");
        stats.GetProperty("medianDaysApprovalToAdoption").GetDouble().Should().Be(4);
        stats.GetProperty("overdueReviews").GetInt32().Should().Be(1, "the adopted one's first review was due on 2027-06-30");

        var montpellier = await ClientFor("11", "experimentations:read");
        var elsewhere = await Json(await montpellier.GetAsync("/api/v1/experimentations/stats"));
        elsewhere.GetProperty("total").GetInt32().Should().Be(0);
        elsewhere.GetProperty("medianDaysSubmissionToDecision").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }
}
