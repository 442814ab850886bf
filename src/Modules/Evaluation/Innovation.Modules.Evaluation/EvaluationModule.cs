using Innovation.BuildingBlocks;
using Innovation.Modules.Evaluation.Features.Campaigns;
using Innovation.Modules.Evaluation.Features.Dashboard;
using Innovation.Modules.Evaluation.Features.Grids;
using Innovation.Modules.Evaluation.Features.Indicators;
using Innovation.Modules.Evaluation.Features.Measurements;
using Innovation.Modules.Evaluation.Features.OpenData;
using Innovation.Modules.Evaluation.Features.Questionnaires;
using Innovation.Modules.Evaluation.Features.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Modules.Evaluation;

/// <summary>
/// Evaluation: indicators, measurements and their review, dashboards and open data, questionnaires and campaigns,
/// self-positioning grids and reports. Owns the <c>evaluation</c> schema; knows projects and networks from their events
/// (ADR 0024 for indicators, ADR 0025 for questionnaires, campaigns, grids and reports).
/// </summary>
public static class EvaluationModule
{
    internal const string Schema = "evaluation";

    public static IServiceCollection AddEvaluationModule(this IServiceCollection services) =>
        services.AddModuleParts(
            Schema, typeof(EvaluationModule).Assembly, typeof(Contracts.EvaluationContracts).Assembly, Scopes.All, () => FrenchLabels.Lists);

    public static IEndpointRouteBuilder MapEvaluationEndpoints(this IEndpointRouteBuilder api)
    {
        var evaluation = api.MapGroup("/evaluation").WithTags("Evaluation");
        evaluation.MapGroup("/indicators").MapUseCases(CreateIndicator.Map, ListIndicators.Map, GetIndicator.Map, UpdateIndicator.Map);
        evaluation.MapUseCases(SubmitMeasurement.Map, ListMeasurements.Map);
        evaluation.MapGroup("/measurements").MapUseCases(GetMeasurement.Map, CorrectMeasurement.Map, ReviewMeasurement.Map);
        ImportMeasurements.Map(api);
        evaluation.MapUseCases(GetDashboard.Map, ExportOpenData.Map);
        evaluation.MapGroup("/questionnaires").MapUseCases(
            CreateQuestionnaire.Map, ListQuestionnaires.Map, GetQuestionnaire.Map, ReplaceQuestionnaire.Map, CreateQuestionnaireEdition.Map);
        evaluation.MapGroup("/campaigns").MapUseCases(CreateCampaign.Map, ListCampaigns.Map, GetCampaign.Map, CampaignLifecycle.Map,
            AnswerCampaign.Map, ListResponses.Map, GetCampaignResults.Map);
        evaluation.MapUseCases(GetAccompanimentEvaluationResults.Map);
        evaluation.MapGroup("/grids").MapUseCases(
            CreateGrid.Map, ListGrids.Map, GetGrid.Map, PositionOnGrid.Map, ListPositionings.Map, GetGridProgression.Map);
        evaluation.MapGroup("/reports").MapUseCases(CreateReport.Map, ListReports.Map, GetReport.Map, ReplaceReport.Map);
        return api;
    }
}
