using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Evaluation;

public sealed class CampaignTests(Engine engine) : CampaignApiTest(engine)
{
    internal const string IdentitiesSql = """
        SELECT COUNT(*) FROM evaluation.campaign_response
        WHERE respondent_name IS NOT NULL OR respondent_key IS NOT NULL OR respondent_person_id IS NOT NULL
        """;

    internal const string ResponseAuditSql = "SELECT COUNT(*) FROM evaluation.audit_entry WHERE resource_type = 'evaluation.campaignResponse'";

    [Test]
    public async Task An_anonymous_campaign_shows_its_results_only_from_the_threshold_on()
    {
        var (questionnaire, _) = await CreateQuestionnaire();
        var (campaign, _) = await CampaignOf(questionnaire);
        int[] clarity = [5, 4, 4, 2, 3];
        decimal[] hours = [10, 20, 30, 40, 5.5m];
        for (var i = 0; i < 4; i++)
        {
            await Answer(campaign, Answers(clarity[i], hours[i], i % 2 == 0 ? "Oui" : "Non", i == 0 ? ["Canevas", "Gantt"] : ["Carnet"],
                i == 1 ? "Très utile" : null));
        }

        var hidden = await Evaluator.GetAsync($"{Campaigns}/{campaign}/results");
        var hiddenText = await hidden.Content.ReadAsStringAsync();
        hidden.StatusCode.Should().Be(HttpStatusCode.OK, hiddenText);
        var suppressed = JsonDocument.Parse(hiddenText).RootElement;
        suppressed.GetProperty("suppressed").GetBoolean().Should().BeTrue();
        suppressed.GetProperty("missing").GetInt32().Should().Be(1);
        suppressed.GetProperty("responses").GetInt32().Should().Be(4);
        suppressed.GetProperty("questions").GetArrayLength().Should().Be(0);
        hiddenText.Should().NotContain("Très utile").And.NotContain("Canevas");

        await Answer(campaign, Answers(clarity[4], hours[4], "Oui", ["Canevas"]));
        var results = await Json(await Evaluator.GetAsync($"{Campaigns}/{campaign}/results"));
        results.GetProperty("suppressed").GetBoolean().Should().BeFalse();
        results.GetProperty("missing").GetInt32().Should().Be(0);
        var questions = results.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("code").GetString()!);
        var likert = questions["clarity"];
        likert.GetProperty("distribution").EnumerateArray().Select(d => d.GetProperty("count").GetInt32()).Should().Equal(0, 1, 1, 2, 1);
        likert.GetProperty("mean").GetDecimal().Should().Be(3.6m);
        likert.GetProperty("median").GetDecimal().Should().Be(4m);
        likert.GetProperty("section").GetString().Should().Be("device");
        questions["hours"].GetProperty("mean").GetDecimal().Should().Be(21.1m);
        questions["hours"].GetProperty("median").GetDecimal().Should().Be(20m);
        questions["again"].GetProperty("counts").EnumerateArray()
            .Select(c => (c.GetProperty("choice").GetString(), c.GetProperty("count").GetInt32()))
            .Should().Equal(("Oui", 3), ("Non", 2));
        questions["tools"].GetProperty("counts").EnumerateArray().Select(c => c.GetProperty("count").GetInt32()).Should().Equal(2, 1, 3);
        questions["comment"].GetProperty("texts").EnumerateArray().Select(t => t.GetString()).Should().Equal("Très utile");

        await Problem(await Evaluator.GetAsync($"{Campaigns}/{campaign}/responses"), HttpStatusCode.Conflict, "anonymous_campaign");
        var db = Factory.Services.GetRequiredService<Db>();
        var identities = await db.ReadAsync(c => c.QuerySingleAsync<int>(IdentitiesSql), CancellationToken.None);
        identities.Should().Be(0, "an anonymous response stores no respondent identity");
        var audited = await db.ReadAsync(c => c.QuerySingleAsync<int>(ResponseAuditSql), CancellationToken.None);
        audited.Should().Be(0, "an audit entry would tie the credential to an anonymous response");
    }

    [Test]
    public async Task Answers_are_checked_against_the_question_types_all_at_once()
    {
        var (questionnaire, _) = await CreateQuestionnaire();
        var (campaign, _) = await CampaignOf(questionnaire);
        var response = await Evaluator.PostAsJsonAsync($"{Campaigns}/{campaign}/responses", new
        {
            answers = new object[]
            {
                new { question = "clarity", value = 6 },
                new { question = "hours", value = 101 },
                new { question = "again", choice = "Peut-être" },
                new { question = "nope", text = "?" },
            },
            respondent = new { name = "Camille" },
        });
        var problem = await Problem(response, HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should()
            .Contain(["answers[0]", "answers[1]", "answers[2]", "answers[3].question", "answers", "respondent"]);
        (await Json(await Evaluator.GetAsync($"{Questionnaires}/{questionnaire}"))).GetProperty("answered").GetBoolean().Should().BeFalse();
    }

    [Test]
    public async Task A_closed_a_draft_or_an_out_of_dates_campaign_refuses_answers()
    {
        var (questionnaire, _) = await CreateQuestionnaire();
        var (draft, draftETag) = await CampaignOf(questionnaire, open: false);
        await Problem(await Evaluator.PostAsJsonAsync($"{Campaigns}/{draft}/responses", Answers(3, 1, "Oui", ["Gantt"])),
            HttpStatusCode.Conflict, "campaign_not_open");
        await Problem(await Evaluator.SendAsync(Request(HttpMethod.Post, $"{Campaigns}/{draft}/close", null, draftETag)),
            HttpStatusCode.Conflict, "invalid_transition");

        var (campaign, etag) = await CampaignOf(questionnaire);
        await Problem(await Evaluator.SendAsync(Request(HttpMethod.Post, $"{Campaigns}/{campaign}/close")),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        var closed = await Evaluator.SendAsync(Request(HttpMethod.Post, $"{Campaigns}/{campaign}/close", null, etag));
        closed.StatusCode.Should().Be(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        (await Json(closed)).GetProperty("status").GetString().Should().Be("closed");
        await Problem(await Evaluator.PostAsJsonAsync($"{Campaigns}/{campaign}/responses", Answers(3, 1, "Oui", ["Gantt"])),
            HttpStatusCode.Conflict, "campaign_closed");

        var (later, _) = await CampaignOf(questionnaire, opensOn: Today.AddDays(10), closesOn: Today.AddDays(20));
        await Problem(await Evaluator.PostAsJsonAsync($"{Campaigns}/{later}/responses", Answers(3, 1, "Oui", ["Gantt"])),
            HttpStatusCode.Conflict, "outside_campaign_dates");

        var feed = await FeedWith("CampaignOpened", "CampaignClosed");
        feed.Should().Contain(campaign);
        (await Json(await Evaluator.GetAsync($"{Campaigns}?status=closed"))).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("id").GetString()).Should().Equal(campaign);
    }

    [Test]
    public async Task A_named_campaign_lists_its_respondents_until_one_is_erased()
    {
        var person = await Person("camille.martin@ac-versailles.fr");
        var (questionnaire, _) = await CreateQuestionnaire();
        var (campaign, _) = await CampaignOf(questionnaire, anonymous: false);
        await Problem(await Evaluator.PostAsJsonAsync($"{Campaigns}/{campaign}/responses", Answers(3, 1, "Oui", ["Gantt"])),
            HttpStatusCode.BadRequest, "validation_failed");
        var body = JsonSerializer.SerializeToElement(Answers(4, 2, "Non", ["Carnet"])).Deserialize<Dictionary<string, object?>>()!;
        body["respondent"] = new { name = "Camille Martin", personId = person };
        await Answer(campaign, body);

        var listed = await Json(await Evaluator.GetAsync($"{Campaigns}/{campaign}/responses"));
        var respondent = listed.GetProperty("items")[0].GetProperty("respondent");
        respondent.GetProperty("name").GetString().Should().Be("Camille Martin");
        (await Json(await Evaluator.GetAsync($"{Campaigns}/{campaign}/results"))).GetProperty("suppressed").GetBoolean()
            .Should().BeFalse("a named campaign has no threshold");

        (await Admin.PostAsync($"/api/v1/people/{person}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually(async () => (await Json(await Evaluator.GetAsync($"{Campaigns}/{campaign}/responses"))).GetProperty("items")[0]
            .GetProperty("respondent").GetProperty("erased").GetBoolean(), "PersonErased reaches the responses");
        var erased = (await Json(await Evaluator.GetAsync($"{Campaigns}/{campaign}/responses"))).GetProperty("items")[0];
        erased.GetProperty("respondent").GetProperty("name").ValueKind.Should().Be(JsonValueKind.Null);
        erased.GetProperty("respondent").GetProperty("personId").ValueKind.Should().Be(JsonValueKind.Null);
        erased.GetProperty("answers").GetArrayLength().Should().Be(4, "the answers stay");
        var audit = await Admin.GetStringAsync($"/api/v1/audit?module=evaluation&resourceId={campaign}");
        audit.Should().NotContain("Camille Martin");
    }

    [Test]
    public async Task Another_academies_campaign_is_not_found_on_every_route()
    {
        var (questionnaire, _) = await CreateQuestionnaire();
        var (campaign, etag) = await CampaignOf(questionnaire, open: false);
        var other = await ClientFor("70", "evaluation:read", "evaluation:write");
        await Problem(await other.GetAsync($"{Campaigns}/{campaign}"), HttpStatusCode.NotFound, "not_found");
        foreach (var action in new[] { "open", "close" })
        {
            await Problem(await other.SendAsync(Request(HttpMethod.Post, $"{Campaigns}/{campaign}/{action}", null, etag)),
                HttpStatusCode.NotFound, "not_found");
        }

        await Problem(await other.PostAsJsonAsync($"{Campaigns}/{campaign}/responses", Answers(3, 1, "Oui", ["Gantt"])),
            HttpStatusCode.NotFound, "not_found");
        await Problem(await other.GetAsync($"{Campaigns}/{campaign}/responses"), HttpStatusCode.NotFound, "not_found");
        await Problem(await other.GetAsync($"{Campaigns}/{campaign}/results"), HttpStatusCode.NotFound, "not_found");
        (await Json(await other.GetAsync(Campaigns))).GetProperty("items").GetArrayLength().Should().Be(0);
        var foreign = await other.PostAsJsonAsync(Campaigns, new
        {
            questionnaireId = questionnaire, title = "Intrus", target = new { type = "network", id = Guid.NewGuid() },
            opensOn = Today, closesOn = Today,
        });
        (await Problem(foreign, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").TryGetProperty("questionnaireId", out _)
            .Should().BeTrue();
    }
}
