namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class RemoveGazetteFeature
{
    internal const string DeleteSql = "DELETE FROM projects.project_gazette WHERE project_id = @ProjectId AND issue = @Issue";

    internal sealed record Command(Guid Id, string Issue, int? IfMatch, Caller Caller) : IRequest<ProjectValorisation>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, ProjectValorisation>
    {
        public Task<ProjectValorisation> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var row = await ProjectAccess.FindVisibleAsync(c, command.Id, command.Caller, t);
                if (command.IfMatch is { } expected && expected != row.Version)
                {
                    throw ETags.Stale(row.Version);
                }

                if (await c.ExecuteAsync(DeleteSql, new { ProjectId = row.Id, command.Issue }, t) == 0)
                {
                    throw ProblemException.NotFound("gazette feature", $"{row.Id}/{command.Issue}");
                }

                return await ValorisationTable.TouchAsync(c, t, row, command.Caller, time.GetUtcNow());
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapDelete("/{id:guid}/gazette/{issue}", async (Guid id, string issue, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var valorisation = await mediator.Send(new Command(id, issue.Trim(), ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(valorisation.Version);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Scopes.ProjectsWrite)
            .WithName("RemoveProjectGazetteFeature")
            .WithSummary("Remove a gazette feature of a project")
            .WithDescription("Removes the record of gazette `issue` (YYYY-MM) featuring the project (404 when there is none). Requires If-Match " +
                "with the project's ETag; the new ETag comes back in the response header. Needs `projects:write`. A project of another académie is " +
                "a 404.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
