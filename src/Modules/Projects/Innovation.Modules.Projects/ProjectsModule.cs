using Innovation.BuildingBlocks;
using Innovation.Modules.Projects.Features.Funding;
using Innovation.Modules.Projects.Features.Import;
using Innovation.Modules.Projects.Features.Lifecycle;
using Innovation.Modules.Projects.Features.Logbook;
using Innovation.Modules.Projects.Features.Partners;
using Innovation.Modules.Projects.Features.Plan;
using Innovation.Modules.Projects.Features.PublicPortal;
using Innovation.Modules.Projects.Features.Resources;
using Innovation.Modules.Projects.Features.Search;
using Innovation.Modules.Projects.Features.Valorisation;
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
        services.AddModuleParts(
                Schema, typeof(ProjectsModule).Assembly, typeof(Contracts.ProjectsContracts).Assembly, Scopes.All, () => FrenchLabels.Lists)
            .AddHostedService<ProjectViews.Backfill>()
            .AddHostedService<ProjectSearchIndex.Backfill>();

    public static IEndpointRouteBuilder MapProjectsEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/projects").WithTags("Projects").MapUseCases(
            CreateProject.Map, GetProject.Map, ListProjects.Map, ProjectFacets.Map, ProjectMap.Map, ProjectFunnel.Map,
            GetPlan.Map, ReplacePlan.Map, AppendLogbookEntry.Map, ListLogbook.Map, GetLogbookEntry.Map,
            new ProjectPartners().Map, new ProjectFunding().Map, new ProjectResources().Map,
            UpdateProject.Map, TransitionProject.Map, GetProjectHistory.Map,
            GetProjectValorisation.Map, SetPrizeStanding.Map, WithdrawPrizeStanding.Map, FeatureInGazette.Map, RemoveGazetteFeature.Map,
            ListPrizeStandings.Map, ListGazetteIssue.Map);
        return api.MapUseCases(PublicProjects.Map, ImportProjects.Map);
    }
}
