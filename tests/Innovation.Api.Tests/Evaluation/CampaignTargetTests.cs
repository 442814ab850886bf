using System.Net;
using System.Net.Http.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Evaluation;

/// <summary>A campaign's target is a project, network or accompaniment plan Evaluation knows, of the questionnaire's académie.</summary>
public sealed class CampaignTargetTests(Engine engine) : CampaignApiTest(engine)
{
    private async Task<HttpResponseMessage> Send(string questionnaire, string type, string id, HttpClient? client = null) =>
        await (client ?? Evaluator).PostAsJsonAsync(Campaigns, new
        {
            questionnaireId = questionnaire, title = "Bilan", target = new { type, id }, opensOn = Today, closesOn = Today.AddDays(10),
        });

    private async Task<string> Network(string departement)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/networks", new
        {
            kind = "mutualisationGroup", name = $"Groupe {departement}", departement, activeYears = new[] { "2025-2026" },
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await Json(response)).GetProperty("id").GetString()!;
    }

    /// <summary>An accompaniment plan proposed to a new project of Versailles.</summary>
    private async Task<string> ProposedPlan()
    {
        var cpc = await Person($"cpc.{Guid.NewGuid():N}@ac-versailles.fr");
        var project = await KnownProject();
        await Diagnose(project, cpc);
        var proposed = await Cardie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{project}/plans", new
        {
            types = new[] { new { type = "proximity", start = "2026-09-01", end = "2027-06-30" } },
            goals = new[] { new { needCode = "training", description = "Se former." } },
            accompanists = new[] { new { personId = cpc, role = "cpc", schoolYear = "2026-2027", plannedHours = 10 } },
        });
        proposed.StatusCode.Should().Be(HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        return (await Json(proposed)).GetProperty("id").GetString()!;
    }

    private async Task Created(string questionnaire, string type, string id, string what) =>
        await Eventually(async () => (await Send(questionnaire, type, id)).StatusCode == HttpStatusCode.Created, $"a campaign to {what}");

    [Test]
    public async Task A_known_target_of_the_questionnaires_academie_is_accepted_and_any_other_is_not_found()
    {
        var (questionnaire, _) = await CreateQuestionnaire();
        (await Send(questionnaire, "project", await EvaluationProject())).StatusCode.Should().Be(HttpStatusCode.Created);
        await Created(questionnaire, "network", await Network("095"), "a network of Versailles");
        await Created(questionnaire, "accompaniment", await ProposedPlan(), "an accompaniment plan of Versailles");

        foreach (var type in new[] { "project", "network", "accompaniment" })
        {
            var unknown = Guid.NewGuid().ToString();
            (await Problem(await Send(questionnaire, type, unknown), HttpStatusCode.NotFound, "not_found")).GetProperty("detail").GetString()
                .Should().Contain(unknown);
        }

        // Another académie's network looks like an unknown one; a national caller is told the académies differ.
        var montpellier = await Network("034");
        await Eventually(async () => (await Send(questionnaire, "network", montpellier, Admin)).StatusCode == HttpStatusCode.BadRequest,
            "Evaluation knows the network of Montpellier");
        await Problem(await Send(questionnaire, "network", montpellier), HttpStatusCode.NotFound, "not_found");
        (await Problem(await Send(questionnaire, "network", montpellier, Admin), HttpStatusCode.BadRequest, "validation_failed"))
            .GetProperty("errors").GetProperty("target.id")[0].GetString().Should().Contain("académie 11");
        (await Json(await Evaluator.GetAsync($"{Campaigns}?targetType=network&targetId={montpellier}"))).GetProperty("items")
            .GetArrayLength().Should().Be(0, "nothing is written");
    }
}
