using Innovation.BuildingBlocks;
using Innovation.Modules.Evaluation.Features.Dashboard;
using Innovation.Modules.Evaluation.Features.Indicators;
using Innovation.Modules.Evaluation.Features.Measurements;
using Innovation.Modules.Evaluation.Features.OpenData;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Modules.Evaluation;

/// <summary>
/// Evaluation: indicators, measurements, questionnaires, self-positioning grids and dashboards.
/// Owns the <c>evaluation</c> schema; knows projects and networks from their events (ADR 0024).
/// </summary>
public static class EvaluationModule
{
    internal const string Schema = "evaluation";

    public static IServiceCollection AddEvaluationModule(this IServiceCollection services) =>
        services.AddModuleParts(Schema, typeof(EvaluationModule).Assembly, typeof(Contracts.EvaluationContracts).Assembly, Scopes.All);

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
        return api;
    }
}
