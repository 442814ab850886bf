using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class ListGazetteIssue
{
    internal const string ListSql = "SELECT " + ValorisationList.ProjectColumns + """
        v.issue AS Issue, v.title AS Title, v.featured_at AS FeaturedAt
        FROM projects.project_gazette v JOIN projects.project p ON p.id = v.project_id
        WHERE v.issue = @Issue
        """ + ValorisationList.PageConditions;

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

    internal sealed class Row : ValorisationList.Row
    {
        public string Issue { get; set; } = "";
        public string Title { get; set; } = "";
        public DateTimeOffset FeaturedAt { get; set; }

        public GazetteEntry ToEntry() => new(ProjectId, ProjectTitle, ProjectStatus, Academie, Issue, Title, FeaturedAt);
    }

    /// <summary>Filters of a gazette issue's list.</summary>
    internal sealed record Filters(
        [property: FromRoute(Name = "issue")] string Issue,
        [property: FromQuery(Name = "academie")] string? Academie,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<GazetteEntry>>;

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<Query, Page<GazetteEntry>>
    {
        public Task<Page<GazetteEntry>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (issue, filters) = (query.Filters.Issue.Trim(), query.Filters);
            if (!System.Text.RegularExpressions.Regex.IsMatch(issue, FeatureInGazette.IssuePattern))
            {
                throw RequestValidationException.For("issue", "An issue is a year and month, e.g. 2026-03.");
            }

            return ValorisationList.ListAsync<Row, GazetteEntry>(
                db, mediator, query.Caller, ListSql, new { Issue = issue }, filters.Academie, Limit.Resolve(filters.Limit), filters.Cursor,
                r => r.ToEntry(), e => e.ProjectId, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapQuery("/gazette/{issue}", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("ListGazetteIssue")
            .WithSummary("The projects a gazette issue featured")
            .WithDescription("The caller's académie's projects featured in gazette `issue` (YYYY-MM), ordered by project id, with cursor " +
                "pagination (`limit` 1–200, default 50); a national caller may narrow to one `academie`. Unknown query parameters are rejected.");
}
