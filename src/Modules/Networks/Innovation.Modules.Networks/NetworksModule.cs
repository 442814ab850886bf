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
            SchoolTable.Schema, typeof(NetworksModule).Assembly, typeof(SchoolRegistered).Assembly, Scopes.All, FrenchLabels.Lists);
        services.AddSingleton<Territory>();
        // The school rules need the reference data; it is loaded once, on first use (after migrations).
        services.AddSingleton(sp => sp.GetRequiredService<Territory>().GetAsync(CancellationToken.None).GetAwaiter().GetResult());
        return services;
    }

    public static IEndpointRouteBuilder MapNetworksEndpoints(this IEndpointRouteBuilder api)
    {
        TerritoryEndpoints.Map(api);
        var schools = api.MapGroup("/schools").WithTags("Schools");
        RegisterSchool.Map(schools);
        GetSchool.Map(schools);
        UpdateSchool.Map(schools);
        ListSchools.Map(schools);
        ImportSchools.Map(api);
        var networks = api.MapGroup("/networks").WithTags("Networks");
        CreateNetwork.Map(networks);
        GetNetwork.Map(networks);
        UpdateNetwork.Map(networks);
        ListNetworks.Map(networks);
        ListMembers.Map(networks);
        AddNetworkSchool.Map(networks);
        ChangeNetworkSchool.Map(networks);
        AddNetworkPerson.Map(networks);
        ChangeNetworkPerson.Map(networks);
        AddNetworkObjective.Map(networks);
        UpdateNetworkObjective.Map(networks);
        ListNetworkObjectives.Map(networks);
        DeclareTrainingNeed.Map(networks);
        ListTrainingNeeds.Map(networks);
        GetTrainingPlan.Map(networks);
        StartRelay.Map(api);
        DecideRelay.Map(api);
        ListRelays.Map(api);
        ScheduleMeeting.Map(networks);
        GetMeeting.Map(networks);
        RecordMeetingAttendance.Map(networks);
        ListMeetings.Map(networks);
        AddNetworkConvention.Map(networks);
        UpdateNetworkConvention.Map(networks);
        ListNetworkConventions.Map(networks);
        ImportNetworkMembers.Map(api);
        var people = api.MapGroup("/people").WithTags("People");
        RegisterPerson.Map(people);
        GetPerson.Map(people);
        UpdatePerson.Map(people);
        ListPeople.Map(people);
        ErasePerson.Map(people);
        ImportPeople.Map(api);
        return api;
    }
}
