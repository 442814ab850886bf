namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class RemoveGazetteFeature
{
    internal const string DeleteSql = "DELETE FROM projects.project_gazette WHERE project_id = @ProjectId AND issue = @Issue";

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapDelete("/{id:guid}/gazette/{issue}", (Guid id, string issue, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ValorisationRemoval.RemovedAsync(http, mediator, (ifMatch, caller) => new ValorisationRemoval(
                    id, DeleteSql, new { ProjectId = id, Issue = issue.Trim() }, "gazette feature", $"{id}/{issue.Trim()}", ifMatch, caller), ct))
            .RemovesValorisation("RemoveProjectGazetteFeature", "Remove a gazette feature of a project",
                "Removes the record of gazette `issue` (YYYY-MM) featuring the project (404 when there is none).");
}
