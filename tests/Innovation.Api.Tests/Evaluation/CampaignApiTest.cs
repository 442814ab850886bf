using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Accompaniment;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Microsoft.Extensions.DependencyInjection;
using EvaluationProjects = Innovation.Modules.Evaluation.Features.ReadModels.ProjectReadModel;

namespace Innovation.Api.Tests.Evaluation;

/// <summary>
/// What questionnaire and campaign tests share: the evaluation client of Versailles (25), a questionnaire with one question of each
/// type, and a campaign sent to a project and opened (today within its dates).
/// </summary>
public abstract class CampaignApiTest(Engine engine) : AccompanimentApiTest(engine)
{
    protected const string Questionnaires = "/api/v1/evaluation/questionnaires";

    protected const string Campaigns = "/api/v1/evaluation/campaigns";

    protected HttpClient Evaluator { get; private set; } = null!;

    /// <summary>The project <see cref="CampaignOf"/> sends its campaigns to, created by the first.</summary>
    private string? _target;

    protected static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [SetUp]
    public async Task EvaluationClient()
    {
        Evaluator = await ClientFor("25", "evaluation:read", "evaluation:write");
        _target = null;
    }

    /// <summary>A project of Versailles submitted, once Evaluation knows it (a campaign's target must be).</summary>
    protected async Task<string> EvaluationProject()
    {
        var id = await ProjectIn("submitted");
        var db = Factory.Services.GetRequiredService<Db>();
        await Eventually(async () => await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<EvaluationProjects.Row>(EvaluationProjects.FindSql,
            new { Id = Guid.Parse(id) }), CancellationToken.None) is not null, "Evaluation knows the project");
        return id;
    }

    protected static object QuestionnaireBody(string title = "Satisfaction des équipes 2026") => new
    {
        title,
        purpose = "satisfaction",
        description = "Fin d'année",
        questions = new object[]
        {
            new { code = "clarity", text = "Le cadre était clair.", type = "likert", section = "device" },
            new { code = "hours", text = "Heures consacrées par mois", type = "number", min = 0, max = 100 },
            new { code = "again", text = "Recommenceriez-vous ?", type = "singleChoice", choices = new[] { "Oui", "Non" } },
            new { code = "tools", text = "Outils utilisés", type = "multipleChoice", choices = new[] { "Canevas", "Gantt", "Carnet" } },
            new { code = "comment", text = "Commentaire libre", type = "freeText", required = false },
        },
    };

    protected static object Answers(int clarity, decimal hours, string again, string[] tools, string? comment = null) => new
    {
        answers = new List<object?>
        {
            new { question = "clarity", value = clarity },
            new { question = "hours", value = hours },
            new { question = "again", choice = again },
            new { question = "tools", choices = tools },
            comment is null ? null : new { question = "comment", text = comment },
        }.OfType<object>().ToArray(),
    };

    protected async Task<(string Id, string ETag)> CreateQuestionnaire(HttpClient? client = null, object? body = null)
    {
        var response = await (client ?? Evaluator).PostAsJsonAsync(Questionnaires, body ?? QuestionnaireBody());
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return (JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!, response.Headers.ETag!.ToString());
    }

    /// <summary>A campaign of the questionnaire sent to a project, opened unless <paramref name="open"/> is false.</summary>
    protected async Task<(string Id, string ETag)> CampaignOf(string questionnaire, bool anonymous = true, bool open = true,
        DateOnly? opensOn = null, DateOnly? closesOn = null)
    {
        var response = await Evaluator.PostAsJsonAsync(Campaigns, new
        {
            questionnaireId = questionnaire,
            title = "Bilan de fin d'année",
            target = new { type = "project", id = _target ??= await EvaluationProject() },
            opensOn = opensOn ?? Today.AddDays(-1),
            closesOn = closesOn ?? Today.AddDays(30),
            anonymous,
        });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        var etag = response.Headers.ETag!.ToString();
        if (!open)
        {
            return (id, etag);
        }

        var opened = await Evaluator.SendAsync(Request(HttpMethod.Post, $"{Campaigns}/{id}/open", null, etag));
        opened.StatusCode.Should().Be(HttpStatusCode.OK, await opened.Content.ReadAsStringAsync());
        return (id, opened.Headers.ETag!.ToString());
    }

    protected async Task Answer(string campaign, object body, HttpClient? client = null)
    {
        var response = await (client ?? Evaluator).PostAsJsonAsync($"{Campaigns}/{campaign}/responses", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
