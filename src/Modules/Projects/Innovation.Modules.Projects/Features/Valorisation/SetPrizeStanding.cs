namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class SetPrizeStanding
{
    internal const string UpsertSql = """
        UPDATE projects.project_prize SET standing = @Standing, marked_by = @Actor, marked_at = @Now
        WHERE project_id = @ProjectId AND year = @Year;
        INSERT INTO projects.project_prize (project_id, year, academie, standing, marked_by, marked_at)
        SELECT @ProjectId, @Year, @Academie, @Standing, @Actor, @Now
        WHERE NOT EXISTS (SELECT 1 FROM projects.project_prize WHERE project_id = @ProjectId AND year = @Year)
        """;

    internal const string CurrentSql = "SELECT standing FROM projects.project_prize WHERE project_id = @ProjectId AND year = @Year";

    /// <summary>A project's standing for a year's prize.</summary>
    /// <param name="Standing">candidate or laureate.</param>
    internal sealed record Body(PrizeStanding? Standing);

    internal sealed record Command(Guid Id, int Year, Body Body, int? IfMatch, Caller Caller) : IRequest<ProjectValorisation>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Year).InclusiveBetween(2000, 2100).OverridePropertyName("year");
            RuleFor(c => c.Body.Standing).NotNull().IsInEnum().OverridePropertyName("standing");
        }
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, ProjectValorisation>
    {
        public Task<ProjectValorisation> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var row = await ValorisationTable.FindValorisableAsync(c, t, command.Id, command.IfMatch, command.Caller);
                var standing = StableCode.Of(command.Body.Standing!.Value);
                var key = new { ProjectId = row.Id, command.Year };
                var before = await ValorisationTable.LoadAsync(c, row, t);
                if (await c.QuerySingleOrDefaultAsync<string>(CurrentSql, key, t) == standing)
                {
                    return before;
                }

                var now = time.GetUtcNow();
                await c.ExecuteAsync(UpsertSql, new { key.ProjectId, key.Year, row.Academie, Standing = standing, Actor = command.Caller.Id,
                    Now = now }, t);
                return await ValorisationTable.TouchAsync(c, t, row, command.Caller, now, before, "set");
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPut("/{id:guid}/prize/{year:int}", async (Guid id, int year, Body body, HttpContext http, IMediator mediator,
            CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var valorisation = await mediator.Send(new Command(id, year, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(valorisation.Version);
                return TypedResults.Ok(valorisation);
            })
            .RequireAuthorization(Scopes.ProjectsWrite)
            .WithName("SetProjectPrizeStanding")
            .WithSummary("Make a project a candidate or a laureate of a year's innovation prize")
            .WithDescription("Sets the project's standing (`candidate` or `laureate`) for the académie's innovation prize of `year` (2000–2100): a " +
                "project has at most one standing per year, and the académie's list for a year is every project with a standing that year. Only " +
                "validated projects (validated, inProgress, completed, archived) qualify (409 `not_valorisable`). Requires If-Match with the " +
                "project's ETag; the change moves the project's version, the same standing again changes nothing. Needs `projects:write`. A " +
                "project of another académie is a 404.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<Body>("application/json")
            .Produces<ProjectValorisation>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
