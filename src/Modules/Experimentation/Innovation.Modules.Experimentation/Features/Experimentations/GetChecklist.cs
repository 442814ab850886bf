using Innovation.Modules.Experimentation.Features.Projects;

namespace Innovation.Modules.Experimentation.Features.Experimentations;

internal static class GetChecklist
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<ExperimentationChecklist>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, ExperimentationChecklist>
    {
        public Task<ExperimentationChecklist> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var row = await ExperimentationTable.FindVisibleAsync(c, query.Id, query.Caller);
                var project = await ProjectReadModel.FindVisibleAsync(c, row.ProjectId, query.Caller);
                return DossierChecklist.Of(row.Content, project.SchoolList);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapQuery("/{id:guid}/checklist", (RouteId route, Caller caller) => new Query(route.Id, caller))
            .RequireAuthorization(Scopes.ExperimentationsRead)
            .WithName("GetExperimentationChecklist")
            .WithSummary("What the dossier still lacks")
            .WithDescription("Every part of the dossier that is missing or invalid, each with its stable code and French label: title, "
                + "perimeter, perimeterOutsideProject, derogationFields, duration, plannedStart, team, diagnosis, objectives, indicators, "
                + "dataCollection, intermediateReviews (at least one per school year of the duration) and finalReport (due after them). "
                + "Submitting answers the same list as a 422 `dossier_incomplete`. An experimentation of another académie is a 404.");
}
