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
            Schema, typeof(EvaluationModule).Assembly, typeof(Contracts.EvaluationContracts).Assembly, Scopes.All, FrenchLabels.Lists);

    public static IEndpointRouteBuilder MapEvaluationEndpoints(this IEndpointRouteBuilder api)
    {
        var evaluation = api.MapGroup("/evaluation").WithTags("Evaluation");
        var indicators = evaluation.MapGroup("/indicators");
        CreateIndicator.Map(indicators);
        ListIndicators.Map(indicators);
        GetIndicator.Map(indicators);
        UpdateIndicator.Map(indicators);
        SubmitMeasurement.Map(evaluation);
        ListMeasurements.Map(evaluation);
        var measurements = evaluation.MapGroup("/measurements");
        GetMeasurement.Map(measurements);
        CorrectMeasurement.Map(measurements);
        ReviewMeasurement.Map(measurements);
        ImportMeasurements.Map(api);
        GetDashboard.Map(evaluation);
        ExportOpenData.Map(evaluation);
        var questionnaires = evaluation.MapGroup("/questionnaires");
        CreateQuestionnaire.Map(questionnaires);
        ListQuestionnaires.Map(questionnaires);
        GetQuestionnaire.Map(questionnaires);
        ReplaceQuestionnaire.Map(questionnaires);
        CreateQuestionnaireEdition.Map(questionnaires);
        var campaigns = evaluation.MapGroup("/campaigns");
        CreateCampaign.Map(campaigns);
        ListCampaigns.Map(campaigns);
        GetCampaign.Map(campaigns);
        CampaignLifecycle.Map(campaigns);
        AnswerCampaign.Map(campaigns);
        ListResponses.Map(campaigns);
        GetCampaignResults.Map(campaigns);
        GetAccompanimentEvaluationResults.Map(evaluation);
        var grids = evaluation.MapGroup("/grids");
        CreateGrid.Map(grids);
        ListGrids.Map(grids);
        GetGrid.Map(grids);
        PositionOnGrid.Map(grids);
        ListPositionings.Map(grids);
        GetGridProgression.Map(grids);
        var reports = evaluation.MapGroup("/reports");
        CreateReport.Map(reports);
        ListReports.Map(reports);
        GetReport.Map(reports);
        ReplaceReport.Map(reports);
        return api;
    }
}
