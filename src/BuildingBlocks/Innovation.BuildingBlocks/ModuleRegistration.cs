using System.Reflection;
using Innovation.BuildingBlocks.Aggregates;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Mediation;
using Innovation.BuildingBlocks.Messaging;
using Innovation.BuildingBlocks.Reference;
using Innovation.BuildingBlocks.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.BuildingBlocks;

/// <summary>
/// What every module registers: its schema (with its migrations), its handlers, its read models' subscriptions, its event
/// contracts, the scopes its endpoints require, its audit trail (<c>{schema}.audit_entry</c>, read by GET /audit), its code
/// lists (served by GET /reference), the OpenAPI description of child collections' item ids and the handler of reads by id
/// that are one find (<see cref="UseCaseEndpoints.MapReadById"/>).
/// </summary>
public static class ModuleRegistration
{
    public static IServiceCollection AddModuleParts(
        this IServiceCollection services, string schema, Assembly moduleAssembly, Assembly contractsAssembly, IReadOnlyList<string> scopes,
        Func<IReadOnlyList<CodeList>>? codeLists = null)
    {
        services.AddSingleton(new ModuleSchema(schema, moduleAssembly));
        services.AddSingleton(new ContractsAssembly(contractsAssembly));
        services.AddSingleton(new ModuleScopes(schema, scopes));
        services.AddSingleton(new AuditSource(schema));
        services.AddMediatorHandlers(moduleAssembly);
        SnapshotReadModels.Add(services, moduleAssembly);
        return services.AddChildCollections().AddCodeLists(codeLists ?? (() => [])).AddConnectionReads();
    }

    /// <summary>
    /// Maps the endpoints of each use case on <paramref name="group"/>, in the order given (the OpenAPI document lists them so).
    /// </summary>
    public static IEndpointRouteBuilder MapUseCases(this IEndpointRouteBuilder group, params Action<IEndpointRouteBuilder>[] useCases)
    {
        foreach (var map in useCases)
        {
            map(group);
        }

        return group;
    }
}
