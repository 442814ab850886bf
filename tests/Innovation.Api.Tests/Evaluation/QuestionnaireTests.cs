using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Evaluation;

public sealed class QuestionnaireTests(Engine engine) : CampaignApiTest(engine)
{
    [Test]
    public async Task A_questionnaire_is_created_read_listed_and_replaced_with_if_match()
    {
        var (id, etag) = await CreateQuestionnaire();
        var read = await Evaluator.GetAsync($"{Questionnaires}/{id}");
        var body = await Json(read);
        body.GetProperty("academie").GetString().Should().Be("25");
        body.GetProperty("purpose").GetString().Should().Be("satisfaction");
        body.GetProperty("edition").GetInt32().Should().Be(1);
        body.GetProperty("lineageId").GetString().Should().Be(id);
        body.GetProperty("answered").GetBoolean().Should().BeFalse();
        body.GetProperty("questions").GetArrayLength().Should().Be(5);
        body.GetProperty("questions")[2].GetProperty("choices").EnumerateArray().Select(c => c.GetString()).Should().Equal("Oui", "Non");
        read.Headers.ETag!.ToString().Should().Be(etag);

        var conditional = new HttpRequestMessage(HttpMethod.Get, $"{Questionnaires}/{id}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        (await Evaluator.SendAsync(conditional)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        var list = await Json(await Evaluator.GetAsync($"{Questionnaires}?purpose=satisfaction"));
        list.GetProperty("items").EnumerateArray().Select(q => q.GetProperty("id").GetString()).Should().Equal(id);
        (await Json(await Evaluator.GetAsync($"{Questionnaires}?purpose=other"))).GetProperty("items").GetArrayLength().Should().Be(0);
        await Problem(await Evaluator.GetAsync($"{Questionnaires}?colour=red"), HttpStatusCode.BadRequest, "validation_failed");

        await Problem(await Evaluator.SendAsync(Request(HttpMethod.Put, $"{Questionnaires}/{id}", QuestionnaireBody("Nouveau titre"))),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        var replaced = await Evaluator.SendAsync(Request(HttpMethod.Put, $"{Questionnaires}/{id}", QuestionnaireBody("Nouveau titre"), etag));
        replaced.StatusCode.Should().Be(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        (await Json(replaced)).GetProperty("title").GetString().Should().Be("Nouveau titre");
        await Problem(await Evaluator.SendAsync(Request(HttpMethod.Put, $"{Questionnaires}/{id}", QuestionnaireBody(), etag)),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
    }

    [Test]
    public async Task Validation_lists_every_invalid_field_at_once()
    {
        var response = await Evaluator.PostAsJsonAsync(Questionnaires, new
        {
            title = "",
            purpose = (string?)null,
            questions = new object[]
            {
                new { code = "1bad", text = "Texte", type = "likert" },
                new { code = "pick", text = "Choix", type = "singleChoice", choices = new[] { "Seul" } },
                new { code = "free", text = "Libre", type = "freeText", choices = new[] { "A", "B" } },
                new { code = "n", text = "Nombre", type = "number", min = 10, max = 1 },
            },
        });
        var problem = await Problem(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        errors.Should().Contain(["title", "purpose", "questions[0].code", "questions[1].choices", "questions[2].choices", "questions[3].max"]);
    }

    [Test]
    public async Task A_questionnaire_with_answers_is_frozen_and_changed_by_a_new_edition()
    {
        var (id, etag) = await CreateQuestionnaire();
        var (campaign, _) = await CampaignOf(id);
        await Answer(campaign, Answers(4, 12, "Oui", ["Canevas"]));

        (await Json(await Evaluator.GetAsync($"{Questionnaires}/{id}"))).GetProperty("answered").GetBoolean().Should().BeTrue();
        var refused = await Problem(await Evaluator.SendAsync(Request(HttpMethod.Put, $"{Questionnaires}/{id}", QuestionnaireBody("Changé"), etag)),
            HttpStatusCode.Conflict, "questionnaire_answered");
        refused.GetProperty("newEdition").GetString().Should().Be($"/api/v1/evaluation/questionnaires/{id}/editions");

        var edition = await Evaluator.PostAsJsonAsync($"{Questionnaires}/{id}/editions", QuestionnaireBody("Satisfaction 2027"));
        edition.StatusCode.Should().Be(HttpStatusCode.Created, await edition.Content.ReadAsStringAsync());
        var second = await Json(edition);
        second.GetProperty("edition").GetInt32().Should().Be(2);
        second.GetProperty("lineageId").GetString().Should().Be(id);
        second.GetProperty("answered").GetBoolean().Should().BeFalse();
        edition.Headers.Location!.ToString().Should().Be($"/api/v1/evaluation/questionnaires/{second.GetProperty("id").GetString()}");

        var first = await Json(await Evaluator.GetAsync($"{Questionnaires}/{id}"));
        first.GetProperty("title").GetString().Should().Be("Satisfaction des équipes 2026", "the answered edition keeps its questions");
        var lineage = await Json(await Evaluator.GetAsync($"{Questionnaires}?lineageId={id}"));
        lineage.GetProperty("items").EnumerateArray().Select(q => q.GetProperty("edition").GetInt32()).Should().Equal(1, 2);
    }

    [Test]
    public async Task Another_academies_questionnaire_is_not_found_and_cannot_be_created_there()
    {
        var (id, etag) = await CreateQuestionnaire();
        var other = await ClientFor("70", "evaluation:read", "evaluation:write");
        await Problem(await other.GetAsync($"{Questionnaires}/{id}"), HttpStatusCode.NotFound, "not_found");
        await Problem(await other.SendAsync(Request(HttpMethod.Put, $"{Questionnaires}/{id}", QuestionnaireBody(), etag)),
            HttpStatusCode.NotFound, "not_found");
        await Problem(await other.PostAsJsonAsync($"{Questionnaires}/{id}/editions", QuestionnaireBody()), HttpStatusCode.NotFound, "not_found");
        (await Json(await other.GetAsync(Questionnaires))).GetProperty("items").GetArrayLength().Should().Be(0);

        var body = JsonSerializer.SerializeToElement(QuestionnaireBody()).Deserialize<Dictionary<string, object?>>()!;
        body["academie"] = "25";
        await Problem(await other.PostAsJsonAsync(Questionnaires, body), HttpStatusCode.Forbidden, "academie_forbidden");

        var reader = await ClientFor("25", "evaluation:read");
        (await reader.PostAsJsonAsync(Questionnaires, QuestionnaireBody())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
