using Innovation.BuildingBlocks;
using Innovation.Modules.Projects.Features.Import;
using Innovation.Modules.Projects.Features.Projects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Modules.Projects;

/// <summary>
/// Projects: innovative projects from draft to archive. Owns the <c>projects</c> schema, where it
/// keeps its own read model of the school directory.
/// </summary>
public static class ProjectsModule
{
    internal const string Schema = "projects";

    public static IServiceCollection AddProjectsModule(this IServiceCollection services) =>
        services.AddModuleParts(Schema, typeof(ProjectsModule).Assembly, typeof(Contracts.ProjectsContracts).Assembly);

    public static IEndpointRouteBuilder MapProjectsEndpoints(this IEndpointRouteBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");
        CreateProject.Map(projects);
        GetProject.Map(projects);
        ImportProjects.Map(api);
        return api;
    }
}
