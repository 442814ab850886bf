namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class FeatureInGazette
{
    internal const string IssuePattern = "^[0-9]{4}-(0[1-9]|1[0-2])$";

    internal const string InsertSql = """
        INSERT INTO projects.project_gazette (project_id, issue, academie, title, featured_by, featured_at)
        SELECT @ProjectId, @Issue, @Academie, @Title, @Actor, @Now
        WHERE NOT EXISTS (SELECT 1 FROM projects.project_gazette WHERE project_id = @ProjectId AND issue = @Issue)
        """;

    /// <summary>A gazette issue featuring the project.</summary>
    /// <param name="Issue" example="2026-03">The issue, as year-month (YYYY-MM).</param>
    /// <param name="Title" example="La classe dehors, un an après">The article's title (up to 200 characters).</param>
    internal sealed record Body(string? Issue, string? Title);

    internal sealed record Command(Guid Id, Body Body, int? IfMatch, Caller Caller) : IRequest<ProjectValorisation>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Issue).NotEmpty().Matches(IssuePattern).WithMessage("An issue is a year and month, e.g. 2026-03.")
                .OverridePropertyName("issue");
            RuleFor(c => c.Body.Title).NotEmpty().MaximumLength(200).OverridePropertyName("title");
        }
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, ProjectValorisation>
    {
        public Task<ProjectValorisation> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var row = await ValorisationTable.FindValorisableAsync(c, t, command.Id, command.IfMatch, command.Caller);
                var now = time.GetUtcNow();
                var before = await ValorisationTable.LoadAsync(c, row, t);
                var issue = command.Body.Issue!.Trim();
                if (await c.ExecuteAsync(InsertSql, new { ProjectId = row.Id, Issue = issue, row.Academie, Title = command.Body.Title!.Trim(),
                    Actor = command.Caller.Id, Now = now }, t) == 0)
                {
                    throw ProblemException.Conflict("already_featured",
                        $"Gazette issue {issue} already features this project: remove that feature first to change its title.")
                        .With("issue", issue);
                }

                return await ValorisationTable.TouchAsync(c, t, row, command.Caller, now, before, "add");
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPost("/{id:guid}/gazette", async (Guid id, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var valorisation = await mediator.Send(new Command(id, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(valorisation.Version);
                return TypedResults.Created($"/api/v1/projects/{id}/valorisation", valorisation);
            })
            .RequireAuthorization(Scopes.ProjectsWrite)
            .WithName("FeatureProjectInGazette")
            .WithSummary("Record that a gazette issue featured a project")
            .WithDescription("Records the project in gazette `issue` (YYYY-MM) under the article's `title`; once per issue (409 " +
                "`already_featured`). Only validated projects (validated, inProgress, completed, archived) can be featured (409 " +
                "`not_valorisable`). Requires If-Match with the project's ETag; the change moves the project's version. Needs `projects:write`. A " +
                "project of another académie is a 404.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<Body>("application/json")
            .Produces<ProjectValorisation>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
