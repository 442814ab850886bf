using Innovation.Modules.Evaluation.Features.Questionnaires;
using Microsoft.Extensions.Configuration;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

internal static class GetCampaignResults
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<CampaignResultsView>;

    internal sealed class Handler(Db db, IConfiguration configuration) : IRequestHandler<Query, CampaignResultsView>
    {
        public Task<CampaignResultsView> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var campaign = await CampaignTable.FindVisibleAsync(c, query.Id, query.Caller);
                var threshold = CampaignResults.Threshold(configuration);
                var responses = await ResponseTable.AnswersAsync(c, campaign.Id);
                if (campaign.IsAnonymous && responses.Count < threshold)
                {
                    return new CampaignResultsView(campaign.Id, true, responses.Count, threshold, true, threshold - responses.Count, []);
                }

                var questionnaire = await c.QuerySingleAsync<QuestionnaireTable.Row>(
                    QuestionnaireTable.FindSql, new { Id = campaign.QuestionnaireId });
                return new CampaignResultsView(campaign.Id, campaign.IsAnonymous, responses.Count, threshold, false, 0,
                    CampaignResults.Of(questionnaire.ReadQuestions(), responses));
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder campaigns) =>
        campaigns.MapQuery("/{id:guid}/results", (RouteId route, Caller caller) => new Query(route.Id, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetCampaignResults")
            .WithSummary("Read a campaign's results")
            .WithDescription("Per question of the campaign's questionnaire: the distribution, mean and median (likert, number), the count of "
                + "each choice (singleChoice, multipleChoice) and the texts (freeText). An anonymous campaign with fewer responses than the "
                + "anonymity threshold (`Evaluation:AnonymityThreshold`, default 5) answers 200 with `suppressed: true`, the number of "
                + "responses `missing` and no value, so that nobody can be recognised. A campaign of another académie is a 404.");
}
