using Innovation.BuildingBlocks;
using Innovation.Modules.Accompaniment.Features.Diagnoses;
using Innovation.Modules.Accompaniment.Features.FollowUp;
using Innovation.Modules.Accompaniment.Features.Load;
using Innovation.Modules.Accompaniment.Features.Notes;
using Innovation.Modules.Accompaniment.Features.Plans;
using Innovation.Modules.Accompaniment.Features.Queue;
using Innovation.Modules.Accompaniment.Features.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Modules.Accompaniment;

/// <summary>
/// Accompaniment: needs diagnoses, the queue of projects waiting for support, accompaniment plans and sessions.
/// Owns the <c>accompaniment</c> schema; knows projects and networks from their events (ADR 0021).
/// </summary>
public static class AccompanimentModule
{
    internal const string Schema = "accompaniment";

    public static IServiceCollection AddAccompanimentModule(this IServiceCollection services) =>
        services.AddModuleParts(
            Schema, typeof(AccompanimentModule).Assembly, typeof(Contracts.AccompanimentContracts).Assembly, Scopes.All, () => FrenchLabels.Lists);

    public static IEndpointRouteBuilder MapAccompanimentEndpoints(this IEndpointRouteBuilder api)
    {
        var accompaniment = api.MapGroup("/accompaniment").WithTags("Accompaniment");
        accompaniment.MapUseCases(RecordDiagnosis.Map, ListDiagnoses.Map, GetCurrentDiagnosis.Map, GetDiagnosis.Map, ListQueue.Map);
        accompaniment.MapUseCases(ProposePlan.Map, ListPlans.Map, GetPlan.Map, ChangePlan.Map, DecidePlan.Map, ClosePlan.Map);
        accompaniment.MapGroup("/plans").MapUseCases(new PlanSessions().Map, new PlanSheets().Map);
        accompaniment.MapUseCases(GetAccompanistLoad.Map, ListAccompanistLoads.Map);
        accompaniment.MapUseCases(WriteNote.Map, ListNotes.Map, GetNote.Map, ChangeNote.Map, RemoveNote.Map);
        accompaniment.MapGroup("/resources").MapUseCases(
            CreateResource.Map, ListResources.Map, ResourceFacets.Map, GetResource.Map, UpdateResource.Map, DeleteResource.Map);
        return api.MapUseCases(PublicResources.Map, ImportResources.Map);
    }
}
