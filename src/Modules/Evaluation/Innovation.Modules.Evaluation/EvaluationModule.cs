using Innovation.BuildingBlocks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Modules.Evaluation;

/// <summary>
/// Evaluation: indicators, measurements, questionnaires, self-positioning grids and dashboards.
/// Owns the <c>evaluation</c> schema (so far its outbox and inbox; its features arrive with their issues).
/// </summary>
public static class EvaluationModule
{
    internal const string Schema = "evaluation";

    public static IServiceCollection AddEvaluationModule(this IServiceCollection services) =>
        services.AddModuleParts(Schema, typeof(EvaluationModule).Assembly, typeof(Contracts.EvaluationContracts).Assembly, Scopes.All);

    public static IEndpointRouteBuilder MapEvaluationEndpoints(this IEndpointRouteBuilder api) => api;
}
