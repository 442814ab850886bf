using Innovation.BuildingBlocks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Modules.Accompaniment;

/// <summary>
/// Accompaniment: needs diagnoses, accompaniment plans, sessions and follow-up of project teams.
/// Owns the <c>accompaniment</c> schema (so far its outbox and inbox; its features arrive with their issues).
/// </summary>
public static class AccompanimentModule
{
    internal const string Schema = "accompaniment";

    public static IServiceCollection AddAccompanimentModule(this IServiceCollection services) =>
        services.AddModuleParts(Schema, typeof(AccompanimentModule).Assembly, typeof(Contracts.AccompanimentContracts).Assembly, Scopes.All);

    public static IEndpointRouteBuilder MapAccompanimentEndpoints(this IEndpointRouteBuilder api) => api;
}
