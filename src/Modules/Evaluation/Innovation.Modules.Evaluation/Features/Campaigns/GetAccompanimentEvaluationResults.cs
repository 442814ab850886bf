using Microsoft.Extensions.Configuration;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

/// <summary>One aspect of a level.</summary>
/// <param name="Code" example="frameClarity">The question's code.</param>
/// <param name="Text">The question.</param>
/// <param name="Answered" example="12">How many responses rated it.</param>
/// <param name="Mean" example="3.75">The mean rating, 1–5, to two decimals (absent without answers).</param>
internal sealed record AspectResult(string Code, string Text, int Answered, decimal? Mean);

/// <summary>One of the four levels.</summary>
/// <param name="Level">effects, deviceQuality, processes or indirectImpacts.</param>
/// <param name="Mean" example="3.6">The mean of every rating of the level, to two decimals (absent without answers).</param>
/// <param name="Aspects">Its aspects, in the guide's order.</param>
internal sealed record LevelResult(AccompanimentEvaluationLevel Level, decimal? Mean, IReadOnlyList<AspectResult> Aspects);

/// <summary>The four levels over a group of evaluations.</summary>
/// <param name="Group" example="proximity">`all`, an accompaniment type, or a département code.</param>
/// <param name="Campaigns" example="3">How many evaluations (campaigns) the group holds.</param>
/// <param name="Responses" example="12">How many responses they have.</param>
/// <param name="Suppressed">True when the group has fewer responses than the anonymity threshold: no value is shown.</param>
/// <param name="Missing" example="0">How many more responses the group needs to show (0 once shown).</param>
/// <param name="Levels">The four levels; empty when suppressed.</param>
internal sealed record LevelGroup(string Group, int Campaigns, int Responses, bool Suppressed, int Missing, IReadOnlyList<LevelResult> Levels);

/// <summary>The evaluation of accompaniment of an académie, on its four levels.</summary>
/// <param name="Threshold" example="5">The responses a group needs before its values show (<c>Evaluation:AnonymityThreshold</c>).</param>
/// <param name="Overall">Every evaluation together (group `all`).</param>
/// <param name="ByType">Per accompaniment type (proximity, institutional, research, hybridRemote); a plan combining types counts in each.</param>
/// <param name="ByDepartement">Per département of the accompanied project; a project of several départements counts in each.</param>
internal sealed record AccompanimentEvaluationResults(
    int Threshold, LevelGroup Overall, IReadOnlyList<LevelGroup> ByType, IReadOnlyList<LevelGroup> ByDepartement);

internal static class GetAccompanimentEvaluationResults
{
    internal const string CampaignsSql = """
        SELECT c.id AS Id, c.accompaniment_types AS AccompanimentTypes, c.departements AS Departements
        FROM evaluation.campaign c
        JOIN evaluation.questionnaire q ON q.id = c.questionnaire_id
        WHERE q.is_builtin = 1 AND (@Academie IS NULL OR c.academie = @Academie)
        """;

    internal const string ResponsesSql = """
        SELECT r.campaign_id AS CampaignId, r.answers AS Answers
        FROM evaluation.campaign_response r
        JOIN evaluation.campaign c ON c.id = r.campaign_id
        JOIN evaluation.questionnaire q ON q.id = c.questionnaire_id
        WHERE q.is_builtin = 1 AND (@Academie IS NULL OR c.academie = @Academie)
        """;

    internal sealed record Query(Caller Caller) : IRequest<AccompanimentEvaluationResults>;

    internal sealed class Handler(Db db, IConfiguration configuration) : IRequestHandler<Query, AccompanimentEvaluationResults>
    {
        public Task<AccompanimentEvaluationResults> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var threshold = CampaignResults.Threshold(configuration);
                var campaigns = (await c.QueryAsync<CampaignTable.Row>(CampaignsSql, new { query.Caller.Academie })).ToList();
                var responses = (await c.QueryAsync<ResponseRow>(ResponsesSql, new { query.Caller.Academie }))
                    .ToLookup(r => r.CampaignId, r => ResponseTable.Read(r.Answers));
                LevelGroup Group(string name, IReadOnlyList<CampaignTable.Row> members) =>
                    Levels(name, members.Count, [.. members.SelectMany(m => responses[m.Id])], threshold);

                return new AccompanimentEvaluationResults(threshold, Group("all", campaigns),
                    [.. campaigns.SelectMany(m => m.TypeList.Select(type => (type, m))).GroupBy(x => x.type, StringComparer.Ordinal)
                        .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, [.. g.Select(x => x.m)]))],
                    [.. campaigns.SelectMany(m => m.DepartementList.Select(d => (d, m))).GroupBy(x => x.d, StringComparer.Ordinal)
                        .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, [.. g.Select(x => x.m)]))]);
            }, cancellationToken);
    }

    /// <summary>The four levels over <paramref name="responses"/>, or a suppressed group below the threshold.</summary>
    internal static LevelGroup Levels(string group, int campaigns, IReadOnlyList<IReadOnlyList<Answer>> responses, int threshold)
    {
        if (responses.Count < threshold)
        {
            return new LevelGroup(group, campaigns, responses.Count, true, threshold - responses.Count, []);
        }

        var ratings = responses.SelectMany(r => r).Where(a => a.Value is not null).ToLookup(a => a.Question!, a => a.Value!.Value);
        var levels = AccompanimentEvaluation.Items.GroupBy(i => i.Level).Select(level => new LevelResult(level.Key,
            CampaignResults.Mean([.. level.SelectMany(i => ratings[i.Code])]),
            [.. level.Select(i => new AspectResult(i.Code, i.Text, ratings[i.Code].Count(), CampaignResults.Mean([.. ratings[i.Code]])))]));
        return new LevelGroup(group, campaigns, responses.Count, false, 0, [.. levels]);
    }

    internal sealed class ResponseRow
    {
        public Guid CampaignId { get; set; }
        public string Answers { get; set; } = "[]";
    }

    public static void Map(IEndpointRouteBuilder evaluation) =>
        evaluation.MapGet("/accompaniment-evaluation/results", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(http.Caller()), ct)))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetAccompanimentEvaluationResults")
            .WithSummary("Read the evaluation of accompaniment on its four levels")
            .WithDescription("The responses to the evaluations opened for closed accompaniments (the built-in questionnaire, anonymous) of the "
                + "caller's académie, on the guide's four levels — effects, quality of the device, processes, indirect impacts — with the "
                + "mean of each level and of each of its aspects (ratings 1–5): for all of them, per accompaniment type and per "
                + "département of the accompanied project. A group with fewer responses than the anonymity threshold "
                + "(`Evaluation:AnonymityThreshold`, default 5) shows `suppressed: true`, the responses `missing` and no value. An "
                + "evaluation, not a judgement: no project or person is ranked.")
            .Produces<AccompanimentEvaluationResults>();
}
