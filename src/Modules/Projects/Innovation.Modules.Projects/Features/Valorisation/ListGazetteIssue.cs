using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class ListGazetteIssue
{
    internal const string ListSql = """
        SELECT pg.project_id AS ProjectId, p.title AS ProjectTitle, p.status AS Status, pg.academie AS Academie, pg.issue AS Issue,
               pg.title AS Title, pg.featured_at AS FeaturedAt
        FROM projects.project_gazette pg JOIN projects.project p ON p.id = pg.project_id
        WHERE pg.issue = @Issue
          AND (@CallerAcademie IS NULL OR pg.academie = @CallerAcademie)
          AND (@Academie IS NULL OR pg.academie = @Academie)
          AND pg.project_id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY pg.project_id
        {{limit @Take}}
        """;

    /// <summary>A project featured in a gazette issue.</summary>
    /// <param name="ProjectId">The project's id.</param>
    /// <param name="ProjectTitle">The project's title.</param>
    /// <param name="Status">The project's lifecycle status.</param>
    /// <param name="Academie" example="25">Académie code.</param>
    /// <param name="Issue" example="2026-03">The issue.</param>
    /// <param name="Title" example="La classe dehors, un an après">The article's title.</param>
    /// <param name="FeaturedAt">When the feature was recorded.</param>
    internal sealed record GazetteEntry(Guid ProjectId, string ProjectTitle, ProjectStatus Status, string Academie, string Issue, string Title,
        DateTimeOffset FeaturedAt);

    internal sealed class Row
    {
        public Guid ProjectId { get; set; }
        public string ProjectTitle { get; set; } = "";
        public string Status { get; set; } = "";
        public string Academie { get; set; } = "";
        public string Issue { get; set; } = "";
        public string Title { get; set; } = "";
        public DateTimeOffset FeaturedAt { get; set; }

        public GazetteEntry ToEntry() => new(ProjectId, ProjectTitle, StableCode.Parse<ProjectStatus>(Status), Academie, Issue, Title, FeaturedAt);
    }

    /// <summary>Filters of a gazette issue's list.</summary>
    internal sealed record Filters(
        [property: FromQuery(Name = "academie")] string? Academie,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(string Issue, Filters Filters, Caller Caller) : IRequest<Page<GazetteEntry>>;

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<Query, Page<GazetteEntry>>
    {
        public async Task<Page<GazetteEntry>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(query.Issue, FeatureInGazette.IssuePattern))
            {
                throw RequestValidationException.For("issue", "An issue is a year and month, e.g. 2026-03.");
            }

            var filters = query.Filters;
            var limit = Limit.Resolve(filters.Limit);
            var academie = await CreateProject.NamedAcademieAsync(mediator, filters.Academie, cancellationToken);
            var page = PageRequest.AfterId(limit, filters.Cursor);
            var rows = await db.ReadAsync(c => c.QueryAsync<Row>(db.Sql(ListSql), new
            {
                query.Issue,
                CallerAcademie = query.Caller.Academie,
                Academie = academie,
                page.After,
                page.Take,
            }), cancellationToken);
            return page.PageOf([.. rows.Select(r => r.ToEntry())], e => e.ProjectId.ToString());
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/gazette/{issue}", async (string issue, [AsParameters] Filters filters, HttpContext http, IMediator mediator,
            CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(issue.Trim(), filters, http.Caller()), ct)))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("ListGazetteIssue")
            .WithSummary("The projects a gazette issue featured")
            .WithDescription("The caller's académie's projects featured in gazette `issue` (YYYY-MM), ordered by project id, with cursor " +
                "pagination (`limit` 1–200, default 50); a national caller may narrow to one `academie`. Unknown query parameters are rejected.")
            .Produces<Page<GazetteEntry>>()
            .ProducesValidationProblem();
}
