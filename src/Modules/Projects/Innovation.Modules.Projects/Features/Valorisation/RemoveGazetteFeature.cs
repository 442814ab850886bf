
namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class RemoveGazetteFeature
{
    internal const string DeleteSql = "DELETE FROM projects.project_gazette WHERE project_id = @ProjectId AND issue = @Issue";

    internal sealed record Command(Guid Id, string Issue, int? IfMatch, Caller Caller) : IRequest<ProjectValorisation>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, ProjectValorisation>
    {
        public Task<ProjectValorisation> Handle(Command command, CancellationToken cancellationToken) =>
            ValorisationTable.RemoveAsync(
                db, time, command.Id, command.IfMatch, command.Caller, DeleteSql, new { ProjectId = command.Id, command.Issue },
                "gazette feature", $"{command.Id}/{command.Issue}", cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapDelete("/{id:guid}/gazette/{issue}", (Guid id, string issue, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ValorisationRemoval.RemovedAsync(http, mediator, ifMatch => new Command(id, issue.Trim(), ifMatch, http.Caller()), ct))
            .RemovesValorisation(
                "RemoveProjectGazetteFeature",
                "Remove a gazette feature of a project",
                "Removes the record of gazette `issue` (YYYY-MM) featuring the project (404 when there is none). "
                + "Requires If-Match with the project's ETag; the new ETag comes back in the response header. Needs `projects:write`. "
                + "A project of another académie is a 404.");
}
