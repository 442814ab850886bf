namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class WithdrawPrizeStanding
{
    internal const string DeleteSql = "DELETE FROM projects.project_prize WHERE project_id = @ProjectId AND year = @Year";

    internal sealed record Command(Guid Id, int Year, int? IfMatch, Caller Caller) : IRequest<ProjectValorisation>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, ProjectValorisation>
    {
        public Task<ProjectValorisation> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                // No status rule here: a standing set while the project qualified can always be withdrawn.
                var row = await ProjectAccess.FindVisibleAsync(c, command.Id, command.Caller, t);
                if (command.IfMatch is { } expected && expected != row.Version)
                {
                    throw ETags.Stale(row.Version);
                }

                if (await c.ExecuteAsync(DeleteSql, new { ProjectId = row.Id, command.Year }, t) == 0)
                {
                    throw ProblemException.NotFound("prize standing", $"{row.Id}/{command.Year}");
                }

                return await ValorisationTable.TouchAsync(c, t, row, command.Caller, time.GetUtcNow());
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapDelete("/{id:guid}/prize/{year:int}", async (Guid id, int year, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var valorisation = await mediator.Send(new Command(id, year, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(valorisation.Version);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Scopes.ProjectsWrite)
            .WithName("WithdrawProjectPrizeStanding")
            .WithSummary("Take a project off a year's prize list")
            .WithDescription("Removes the project's candidate or laureate standing for `year` (404 when it has none). Requires If-Match with the " +
                "project's ETag; the new ETag comes back in the response header. Needs `projects:write`. A project of another académie is a 404.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
