using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Evaluation;

public sealed class AccompanimentEvaluationTests(Engine engine) : CampaignApiTest(engine)
{
    private static readonly string[] Aspects =
    [
        "professionalDevelopment", "practices", "engagement", "environment", "toolRelevance", "frameClarity", "interactions", "regularity",
        "contextFit", "collaboration", "reflexivity", "timing", "steeringLink", "communityMobilisation", "pupilsLearning", "rippleEffects",
    ];

    /// <summary>An accompaniment of a new project, proposed, accepted by its carrier and closed: returns the plan's id.</summary>
    private async Task<string> ClosedAccompaniment()
    {
        var cpc = await Person($"cpc.{Guid.NewGuid():N}@ac-versailles.fr");
        var project = await KnownProject();
        await Diagnose(project, cpc);
        var proposed = await Cardie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{project}/plans", new
        {
            types = new[]
            {
                new { type = "proximity", start = "2026-09-01", end = "2027-06-30" },
                new { type = "research", start = "2026-09-01", end = "2027-06-30" },
            },
            goals = new[] { new { needCode = "training", description = "Se former." } },
            accompanists = new[] { new { personId = cpc, role = "cpc", schoolYear = "2026-2027", plannedHours = 10 } },
        });
        proposed.StatusCode.Should().Be(HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var plan = (await Json(proposed)).GetProperty("id").GetString()!;
        var accepted = await PersonClient(Carrier, "25", "projects:carry").SendAsync(
            Request(HttpMethod.Post, $"/api/v1/accompaniment/plans/{plan}/accept", null, proposed.Headers.ETag!.ToString()));
        accepted.StatusCode.Should().Be(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var closed = await Cardie.SendAsync(Request(HttpMethod.Post, $"/api/v1/accompaniment/plans/{plan}/close",
            new { summary = "Objectifs atteints." }, accepted.Headers.ETag!.ToString()));
        closed.StatusCode.Should().Be(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        return plan;
    }

    private static object Evaluation(string role, int rating) => new
    {
        answers = Aspects.Select(a => (object)new { question = a, value = rating })
            .Append(new { question = "role", choice = role }).ToArray(),
    };

    [Test]
    public async Task A_closed_accompaniment_opens_its_four_level_evaluation_whose_results_show_by_level_type_and_departement()
    {
        var plan = await ClosedAccompaniment();
        JsonElement campaign = default;
        await Eventually(async () =>
        {
            var items = (await Json(await Evaluator.GetAsync($"{Campaigns}?targetType=accompaniment&targetId={plan}"))).GetProperty("items");
            campaign = items.GetArrayLength() == 1 ? items[0] : default;
            return items.GetArrayLength() == 1;
        }, "AccompanimentClosed reaches Evaluation");

        campaign.GetProperty("status").GetString().Should().Be("open");
        campaign.GetProperty("anonymous").GetBoolean().Should().BeTrue();
        campaign.GetProperty("opensOn").GetString().Should().Be(Today.ToString("yyyy-MM-dd"));
        var context = campaign.GetProperty("accompaniment");
        context.GetProperty("types").EnumerateArray().Select(t => t.GetString()).Should().Equal("proximity", "research");
        var departements = context.GetProperty("departements").EnumerateArray().Select(d => d.GetString()!).ToList();
        departements.Should().NotBeEmpty("the project's départements came with its lifecycle events");

        var questionnaireId = campaign.GetProperty("questionnaireId").GetString();
        var questionnaire = await Evaluator.GetAsync($"{Questionnaires}/{questionnaireId}");
        var template = await Json(questionnaire);
        template.GetProperty("builtIn").GetBoolean().Should().BeTrue();
        template.GetProperty("purpose").GetString().Should().Be("evaluationOfAccompaniment");
        template.GetProperty("questions").EnumerateArray().Where(q => q.TryGetProperty("section", out var s) && s.ValueKind == JsonValueKind.String)
            .Select(q => q.GetProperty("section").GetString()).Distinct()
            .Should().Equal("effects", "deviceQuality", "processes", "indirectImpacts");
        await Problem(await Evaluator.SendAsync(Request(HttpMethod.Put, $"{Questionnaires}/{questionnaireId}", QuestionnaireBody(),
            questionnaire.Headers.ETag!.ToString())), HttpStatusCode.Conflict, "builtin_questionnaire");

        var id = campaign.GetProperty("id").GetString()!;
        int[] ratings = [5, 4, 4, 3];
        foreach (var (rating, i) in ratings.Select((r, i) => (r, i)))
        {
            await Answer(id, Evaluation(i == 0 ? "accompanist" : "carrier", rating));
        }

        var hidden = await Json(await Evaluator.GetAsync("/api/v1/evaluation/accompaniment-evaluation/results"));
        hidden.GetProperty("overall").GetProperty("suppressed").GetBoolean().Should().BeTrue();
        hidden.GetProperty("overall").GetProperty("missing").GetInt32().Should().Be(1);
        hidden.GetProperty("overall").GetProperty("levels").GetArrayLength().Should().Be(0);

        await Answer(id, Evaluation("carrier", 2));
        var results = await Json(await Evaluator.GetAsync("/api/v1/evaluation/accompaniment-evaluation/results"));
        var overall = results.GetProperty("overall");
        overall.GetProperty("suppressed").GetBoolean().Should().BeFalse();
        overall.GetProperty("responses").GetInt32().Should().Be(5);
        var levels = overall.GetProperty("levels").EnumerateArray().ToList();
        levels.Select(l => l.GetProperty("level").GetString()).Should().Equal("effects", "deviceQuality", "processes", "indirectImpacts");
        levels.Should().OnlyContain(l => l.GetProperty("mean").GetDecimal() == 3.6m);
        levels[1].GetProperty("aspects").EnumerateArray().Select(a => a.GetProperty("code").GetString())
            .Should().Equal("toolRelevance", "frameClarity", "interactions", "regularity", "contextFit");
        results.GetProperty("byType").EnumerateArray().Select(g => (g.GetProperty("group").GetString(), g.GetProperty("responses").GetInt32()))
            .Should().Equal(("proximity", 5), ("research", 5));
        results.GetProperty("byDepartement").EnumerateArray().Select(g => g.GetProperty("group").GetString()).Should().Equal(departements);

        var other = await ClientFor("70", "evaluation:read", "evaluation:write");
        var foreign = await Json(await other.GetAsync("/api/v1/evaluation/accompaniment-evaluation/results"));
        foreign.GetProperty("overall").GetProperty("campaigns").GetInt32().Should().Be(0, "another académie sees none of these evaluations");
        await Problem(await other.GetAsync($"{Campaigns}/{id}"), HttpStatusCode.NotFound, "not_found");
        await FeedWith("CampaignOpened");
    }
}
