using Innovation.BuildingBlocks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Modules.Experimentation;

/// <summary>
/// Experimentation: derogatory experiments under Code de l'éducation L.314-2, from file to final report.
/// Owns the <c>experimentation</c> schema (so far its outbox and inbox; its features arrive with their issues).
/// </summary>
public static class ExperimentationModule
{
    internal const string Schema = "experimentation";

    public static IServiceCollection AddExperimentationModule(this IServiceCollection services) =>
        services.AddModuleParts(Schema, typeof(ExperimentationModule).Assembly, typeof(Contracts.ExperimentationContracts).Assembly, Scopes.All);

    public static IEndpointRouteBuilder MapExperimentationEndpoints(this IEndpointRouteBuilder api) => api;
}
