using Innovation.BuildingBlocks;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Networks.Features.Conventions;
using Innovation.Modules.Networks.Features.Meetings;
using Innovation.Modules.Networks.Features.Networks;
using Innovation.Modules.Networks.Features.People;
using Innovation.Modules.Networks.Features.Relays;
using Innovation.Modules.Networks.Features.Schools;
using Innovation.Modules.Networks.Features.TerritorialFrame;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Modules.Networks;

/// <summary>
/// Networks: the territorial frame, the school directory, networks and professional collectives.
/// Owns the <c>networks</c> schema.
/// </summary>
public static class NetworksModule
{
    public static IServiceCollection AddNetworksModule(this IServiceCollection services)
    {
        services.AddModuleParts(
            SchoolTable.Schema, typeof(NetworksModule).Assembly, typeof(SchoolRegistered).Assembly, Scopes.All, () => FrenchLabels.Lists);
        services.AddSingleton<Territory>();
        // The school rules need the reference data; it is loaded once, on first use (after migrations).
        services.AddSingleton(sp => sp.GetRequiredService<Territory>().GetAsync(CancellationToken.None).GetAwaiter().GetResult());
        return services;
    }

    public static IEndpointRouteBuilder MapNetworksEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/schools").WithTags("Schools").MapUseCases(RegisterSchool.Map, GetSchool.Map, UpdateSchool.Map, ListSchools.Map);
        api.MapGroup("/networks").WithTags("Networks").MapUseCases(
            CreateNetwork.Map, GetNetwork.Map, UpdateNetwork.Map, ListNetworks.Map, ListMembers.Map,
            AddNetworkSchool.Map, ChangeNetworkSchool.Map, AddNetworkPerson.Map, ChangeNetworkPerson.Map,
            AddNetworkObjective.Map, UpdateNetworkObjective.Map, ListNetworkObjectives.Map,
            DeclareTrainingNeed.Map, ListTrainingNeeds.Map, GetTrainingPlan.Map,
            ScheduleMeeting.Map, GetMeeting.Map, RecordMeetingAttendance.Map, ListMeetings.Map,
            AddNetworkConvention.Map, UpdateNetworkConvention.Map, ListNetworkConventions.Map);
        api.MapGroup("/people").WithTags("People")
            .MapUseCases(RegisterPerson.Map, GetPerson.Map, UpdatePerson.Map, ListPeople.Map, ErasePerson.Map);
        return api.MapUseCases(
            TerritoryEndpoints.Map, ImportSchools.Map, StartRelay.Map, DecideRelay.Map, ListRelays.Map, ImportNetworkMembers.Map, ImportPeople.Map);
    }
}
