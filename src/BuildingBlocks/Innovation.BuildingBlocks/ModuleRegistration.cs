using System.Reflection;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Mediation;
using Innovation.BuildingBlocks.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.BuildingBlocks;

/// <summary>What every module registers: its schema (with its migrations), its handlers and its event contracts.</summary>
public static class ModuleRegistration
{
    public static IServiceCollection AddModuleParts(
        this IServiceCollection services, string schema, Assembly moduleAssembly, Assembly contractsAssembly)
    {
        services.AddSingleton(new ModuleSchema(schema, moduleAssembly));
        services.AddSingleton(new ContractsAssembly(contractsAssembly));
        services.AddMediatorHandlers(moduleAssembly);
        return services;
    }
}
