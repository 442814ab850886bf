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
            Schema, typeof(AccompanimentModule).Assembly, typeof(Contracts.AccompanimentContracts).Assembly, Scopes.All, FrenchLabels.Lists);

    public static IEndpointRouteBuilder MapAccompanimentEndpoints(this IEndpointRouteBuilder api)
    {
        var accompaniment = api.MapGroup("/accompaniment").WithTags("Accompaniment");
        RecordDiagnosis.Map(accompaniment);
        ListDiagnoses.Map(accompaniment);
        GetCurrentDiagnosis.Map(accompaniment);
        GetDiagnosis.Map(accompaniment);
        ListQueue.Map(accompaniment);
        ProposePlan.Map(accompaniment);
        ListPlans.Map(accompaniment);
        GetPlan.Map(accompaniment);
        ChangePlan.Map(accompaniment);
        DecidePlan.Map(accompaniment);
        ClosePlan.Map(accompaniment);
        new PlanSessions().Map(accompaniment.MapGroup("/plans"));
        new PlanSheets().Map(accompaniment.MapGroup("/plans"));
        GetAccompanistLoad.Map(accompaniment);
        ListAccompanistLoads.Map(accompaniment);
        WriteNote.Map(accompaniment);
        ListNotes.Map(accompaniment);
        GetNote.Map(accompaniment);
        ChangeNote.Map(accompaniment);
        RemoveNote.Map(accompaniment);
        var resources = accompaniment.MapGroup("/resources");
        CreateResource.Map(resources);
        ListResources.Map(resources);
        ResourceFacets.Map(resources);
        GetResource.Map(resources);
        UpdateResource.Map(resources);
        DeleteResource.Map(resources);
        PublicResources.Map(api);
        ImportResources.Map(api);
        return api;
    }
}
