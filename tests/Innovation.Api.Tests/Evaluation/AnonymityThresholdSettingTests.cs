using System.Net;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Evaluation;

/// <summary>The anonymity threshold is the académie's to set (<c>Evaluation:AnonymityThreshold</c>).</summary>
public sealed class AnonymityThresholdSettingTests(Engine engine) : CampaignApiTest(engine)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Evaluation:AnonymityThreshold"] = "2" };

    [Test]
    public async Task Results_show_from_the_configured_threshold_on()
    {
        var (questionnaire, _) = await CreateQuestionnaire();
        var (campaign, _) = await CampaignOf(questionnaire);
        await Answer(campaign, Answers(2, 1, "Oui", ["Gantt"]));
        var one = await Json(await Evaluator.GetAsync($"{Campaigns}/{campaign}/results"));
        (one.GetProperty("suppressed").GetBoolean(), one.GetProperty("missing").GetInt32(), one.GetProperty("threshold").GetInt32())
            .Should().Be((true, 1, 2));

        await Answer(campaign, Answers(4, 3, "Non", ["Gantt"]));
        var two = await Evaluator.GetAsync($"{Campaigns}/{campaign}/results");
        two.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(two)).GetProperty("questions")[0].GetProperty("mean").GetDecimal().Should().Be(3m);
    }
}
