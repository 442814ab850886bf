using System.Net;
using System.Text.Json;
using Innovation.Api.Tests.Experimentation;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Experimentation.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Evaluation;

/// <summary>An approved experimentation's protocol becomes its indicators in Evaluation, once, in its académie only.</summary>
public sealed class ProtocolIndicatorTests(Engine engine) : ExperimentationApiTest(engine)
{
    private HttpClient Cardie { get; set; } = null!;

    [SetUp]
    public async Task Evaluation() => Cardie = await ClientFor("25", "evaluation:read");

    /// <summary>The complete dossier with a second indicator whose unit Evaluation does not have.</summary>
    private Dictionary<string, object?> DossierWithTwoIndicators()
    {
        var dossier = CompleteDossier();
        dossier["protocol"] = new
        {
            indicators = new object[]
            {
                new
                {
                    code = "absenteeism", label = "Taux d'absentéisme", unit = "percent", direction = "lowerIsBetter", baselineValue = 12.5m,
                    baselineDate = "2026-06-30", targetValue = 8m, targetDate = "2029-06-30",
                },
                new
                {
                    code = "investigation", label = "Démarches d'investigation menées", unit = "other", direction = "higherIsBetter",
                    baselineValue = 2m, baselineDate = "2026-06-30", targetValue = 6m, targetDate = "2029-06-30",
                },
            },
            dataCollection = new[] { "questionnaires", "schoolLifeData" },
            intermediateReviewsDue = new[] { "2027-06-30", "2028-06-30", "2029-06-30" },
            finalReportDue = "2029-07-05",
        };
        return dossier;
    }

    private async Task<JsonElement[]> IndicatorsOf(string experimentation, HttpClient? client = null) =>
        [.. (await Json(await (client ?? Cardie).GetAsync($"/api/v1/evaluation/indicators?scope=experimentation&scopeId={experimentation}")))
            .GetProperty("items").EnumerateArray()];

    [Test]
    public async Task An_approved_experimentation_has_its_protocol_indicators_once_in_its_academie_only()
    {
        var project = await KnownProject();
        var (id, _) = await Create(project, DossierWithTwoIndicators());
        await Ok(Team, id, "submit");
        await Ok(Dasen, id, "approve");

        await Eventually(async () => (await IndicatorsOf(id)).Length == 2, "Evaluation creates the protocol's indicators");
        var indicators = (await IndicatorsOf(id)).ToDictionary(i => i.GetProperty("code").GetString()!);
        var absenteeism = indicators["absenteeism"];
        absenteeism.GetProperty("academie").GetString().Should().Be("25");
        absenteeism.GetProperty("unit").GetString().Should().Be("percent");
        absenteeism.GetProperty("direction").GetString().Should().Be("lowerIsBetter");
        absenteeism.GetProperty("baseline").GetProperty("value").GetDouble().Should().Be(12.5);
        absenteeism.GetProperty("baseline").GetProperty("date").GetString().Should().Be("2026-06-30");
        absenteeism.GetProperty("target").GetProperty("value").GetDouble().Should().Be(8);
        absenteeism.GetProperty("target").GetProperty("date").GetString().Should().Be("2029-06-30");
        absenteeism.GetProperty("dataSource").GetString().Should()
            .Be("Bilans de l'expérimentation : intermédiaires au 2027-06-30, 2028-06-30, 2029-06-30 ; rapport final au 2029-07-05");
        absenteeism.GetProperty("collectionMethod").GetString().Should().Be("questionnaires, schoolLifeData");
        indicators["investigation"].GetProperty("unit").GetString().Should().Be("score", "Evaluation has no unit 'other'");

        var feed = await FeedWith("IndicatorCreated");
        feed.Should().Contain(absenteeism.GetProperty("id").GetString());
        var audit = await Json(await Admin.GetAsync(
            $"/api/v1/audit?module=evaluation&resourceType=evaluation.indicator&resourceId={absenteeism.GetProperty("id").GetString()}"));
        audit.GetProperty("items").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("actor").GetString().Should().Be("system");

        // The same delivery twice, and a second approval (another event): nothing more.
        var again = new IntegrationEvent<ExperimentationApproved>(Guid.NewGuid(), DateTimeOffset.UtcNow, new ExperimentationApproved(
            new ExperimentationSnapshot(Guid.Parse(id), Guid.Parse(project), "25", ["078"], [Galois], ["teachingHoursDistribution"], 3,
                "approved", 4, DateTimeOffset.UtcNow),
            new ExperimentationProtocol(
                [new ProtocolIndicator("absenteeism", "Taux d'absentéisme", "percent", "lowerIsBetter", 12.5m, new DateOnly(2026, 6, 30), 8m,
                    new DateOnly(2029, 6, 30))],
                ["questionnaires"], [new DateOnly(2027, 6, 30)], new DateOnly(2029, 7, 5))));
        for (var delivery = 0; delivery < 2; delivery++)
        {
            using var scope = Factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(again);
        }

        (await IndicatorsOf(id)).Select(i => i.GetProperty("code").GetString()).Should().BeEquivalentTo(["absenteeism", "investigation"]);

        var montpellier = await ClientFor("11", "evaluation:read");
        (await IndicatorsOf(id, montpellier)).Should().BeEmpty();
        (await montpellier.GetAsync($"/api/v1/evaluation/indicators/{absenteeism.GetProperty("id").GetString()}")).StatusCode
            .Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_renewal_moves_the_protocol_indicators_target_dates_and_adds_its_reviews_to_their_schedule()
    {
        var id = await ExperimentationIn("running");
        await Eventually(async () => (await IndicatorsOf(id)).Length == 1, "Evaluation creates the protocol's indicator");
        await Ok(Dasen, id, "renew", new
        {
            additionalYears = 2, intermediateReviewsDue = new[] { "2030-06-30", "2031-06-30" }, finalReportDue = "2031-07-05",
        });

        await Eventually(async () => (await IndicatorsOf(id)).Single().GetProperty("target").GetProperty("date").GetString() == "2031-06-30",
            "Evaluation moves the target by the two added school years");
        var absenteeism = (await IndicatorsOf(id)).Single();
        absenteeism.GetProperty("target").GetProperty("value").GetDouble().Should().Be(8);
        absenteeism.GetProperty("baseline").GetProperty("date").GetString().Should().Be("2026-06-30");
        absenteeism.GetProperty("dataSource").GetString().Should()
            .Be("Bilans de l'expérimentation : intermédiaires au 2027-06-30, 2028-06-30, 2029-06-30, 2030-06-30, 2031-06-30 ; "
                + "rapport final au 2031-07-05");
        var indicatorId = absenteeism.GetProperty("id").GetString();
        var audit = await Json(await Admin.GetAsync($"/api/v1/audit?module=evaluation&resourceType=evaluation.indicator&resourceId={indicatorId}"));
        audit.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("action").GetString()))
            .Should().BeEquivalentTo([("system", "create"), ("system", "renew")]);
        (await (await ClientFor("11", "evaluation:read")).GetAsync($"/api/v1/evaluation/indicators/{indicatorId}")).StatusCode
            .Should().Be(HttpStatusCode.NotFound);
    }
}
