using Innovation.BuildingBlocks;
using Innovation.Modules.Experimentation.Features.Dossier;
using Innovation.Modules.Experimentation.Features.Experimentations;
using Innovation.Modules.Experimentation.Features.Families;
using Innovation.Modules.Experimentation.Features.Reviews;
using Innovation.Modules.Experimentation.Features.Stats;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Modules.Experimentation;

/// <summary>
/// Experimentation: derogatory experiments under Code de l'éducation L.314-2, from dossier to final report.
/// Owns the <c>experimentation</c> schema; knows projects from their events (ADR 0022).
/// </summary>
public static class ExperimentationModule
{
    internal const string Schema = "experimentation";

    public static IServiceCollection AddExperimentationModule(this IServiceCollection services) =>
        services.AddModuleParts(
                Schema, typeof(ExperimentationModule).Assembly, typeof(Contracts.ExperimentationContracts).Assembly, Scopes.All,
                () => FrenchLabels.Lists)
            .AddHostedService<OverdueReviews>();

    public static IEndpointRouteBuilder MapExperimentationEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/experimentations").WithTags("Experimentations").MapUseCases(
            CreateExperimentation.Map, ListExperimentations.Map, ExperimentationStats.Map, GetExperimentation.Map, UpdateExperimentation.Map,
            GetChecklist.Map, GetDossier.Map, TransitionExperimentation.Map, GetExperimentationHistory.Map, RecordFamiliesInformation.Map,
            SubmitReview.Map, RenewExperimentation.Map);
        return api;
    }
}
