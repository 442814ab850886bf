using Innovation.BuildingBlocks;
using Innovation.Modules.Projects.Features.Import;
using Innovation.Modules.Projects.Features.Lifecycle;
using Innovation.Modules.Projects.Features.PublicPortal;
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
        services.AddModuleParts(Schema, typeof(ProjectsModule).Assembly, typeof(Contracts.ProjectsContracts).Assembly, Scopes.All, FrenchLabels.Lists)
            .AddHostedService<ProjectViews.Backfill>()
            .AddHostedService<ProjectSearchIndex.Backfill>();

    public static IEndpointRouteBuilder MapProjectsEndpoints(this IEndpointRouteBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");
        CreateProject.Map(projects);
        GetProject.Map(projects);
        ListProjects.Map(projects);
        ProjectFacets.Map(projects);
        ProjectMap.Map(projects);
        ProjectFunnel.Map(projects);
        PublicProjects.Map(api);
        Features.Plan.GetPlan.Map(projects);
        Features.Plan.ReplacePlan.Map(projects);
        Features.Logbook.AppendLogbookEntry.Map(projects);
        Features.Logbook.ListLogbook.Map(projects);
        Features.Logbook.GetLogbookEntry.Map(projects);
        new Features.Partners.ProjectPartners().Map(projects);
        new Features.Funding.ProjectFunding().Map(projects);
        new Features.Resources.ProjectResources().Map(projects);
        UpdateProject.Map(projects);
        TransitionProject.Map(projects);
        GetProjectHistory.Map(projects);
        GetProjectValorisation.Map(projects);
        SetPrizeStanding.Map(projects);
        WithdrawPrizeStanding.Map(projects);
        FeatureInGazette.Map(projects);
        RemoveGazetteFeature.Map(projects);
        ListPrizeStandings.Map(projects);
        ListGazetteIssue.Map(projects);
        ImportProjects.Map(api);
        return api;
    }
}
