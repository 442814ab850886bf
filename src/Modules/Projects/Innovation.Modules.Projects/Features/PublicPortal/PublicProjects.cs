using Innovation.Modules.Projects.Features.Search;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Projects.Features.PublicPortal;

/// <summary>
/// A project as the public portal shows it: what the project is, where and when, never who. No team,
/// no names, no e-mails, no external reference, no author of a change; of the canvas only the
/// objectives (the "actors" item describes people and stays internal).
/// </summary>
/// <param name="Id">The project's id.</param>
/// <param name="Title" example="Classe dehors">Title.</param>
/// <param name="Summary" example="Une demi-journée par semaine de classe en extérieur.">Summary.</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Status">validated, inProgress, completed or archived.</param>
/// <param name="Schools">The project's schools.</param>
/// <param name="Themes">National priority themes.</param>
/// <param name="Tags">Free tags.</param>
/// <param name="Levels">Education levels or cycles.</param>
/// <param name="Objectives" example="Développer l'oral en sciences.">The canvas's objectives.</param>
/// <param name="PlannedStart">Planned start date.</param>
/// <param name="PlannedEnd">Planned end date.</param>
/// <param name="UpdatedAt">Time of the last change.</param>
internal sealed record PublicProject(
    Guid Id, string Title, string Summary, string Academie, ProjectStatus Status, IReadOnlyList<ProjectSummarySchool> Schools,
    IReadOnlyList<ProjectTheme> Themes, IReadOnlyList<string> Tags, IReadOnlyList<EducationLevel> Levels, string? Objectives,
    DateOnly? PlannedStart, DateOnly? PlannedEnd, DateTimeOffset UpdatedAt);

internal static class PublicProjects
{
    /// <summary>The host's rate-limit policy for anonymous portal calls (stricter than authenticated calls).</summary>
    internal const string RateLimitPolicy = "public-portal";

    private const string PublicColumns = """
        SELECT p.id AS Id, p.title AS Title, p.summary AS Summary, p.academie AS Academie, p.status AS Status, p.levels AS Levels,
               p.objectives AS Objectives, p.planned_start AS PlannedStart, p.planned_end AS PlannedEnd, p.updated_at AS UpdatedAt
        FROM projects.project p

        """;

    /// <summary>Published: flagged public and validated or later (archived included: it was validated once).</summary>
    private const string Published = """
          AND p.is_public = 1 AND p.status IN ('validated', 'inProgress', 'completed', 'archived')

        """;

    internal const string ListSql = PublicColumns + ProjectFilterSql.Where + Published + """
          AND p.id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY p.id
        {{limit @Take}}
        """;

    internal const string FindSql = PublicColumns + "WHERE p.id = @Id\n" + Published;

    internal const string PageTagsSql = "SELECT project_id AS ProjectId, tag AS Tag FROM projects.project_tag WHERE project_id IN @Ids ORDER BY tag";

    /// <summary>The portal's filters.</summary>
    /// <param name="Theme" example="wellBeing">National priority theme code.</param>
    /// <param name="Academie" example="25">Académie code or name.</param>
    /// <param name="Departement" example="095">Département of one of the project's schools.</param>
    /// <param name="Q" example="classe dehors">Words searched in the title, summary and canvas (case and accents ignored, prefixes, all
    /// required).</param>
    /// <param name="Limit" example="50">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    internal sealed record Filters(
        [property: FromQuery(Name = "theme"), EnumCodes(typeof(ProjectTheme))] string? Theme,
        [property: FromQuery(Name = "academie")] string? Academie,
        [property: FromQuery(Name = "departement")] string? Departement,
        [property: FromQuery(Name = "q")] string? Q,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record ListQuery(Filters Filters) : IRequest<Page<PublicProject>>;

    internal sealed record GetQuery(Guid Id) : IRequest<PublicProject>;

    /// <summary>Nobody in particular: the portal sees every académie, and only what is published.</summary>
    private static readonly Caller Public = new("public", null);

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) :
        IRequestHandler<ListQuery, Page<PublicProject>>, IRequestHandler<GetQuery, PublicProject>
    {
        public async Task<Page<PublicProject>> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            var f = query.Filters;
            var limit = Limit.Resolve(f.Limit);
            var parameters = await new ProjectFilters(null, f.Theme, f.Academie, f.Departement, null, null, null, null, null, null, null, f.Q)
                .ResolveAsync(Public, mediator, ListProjects.Today(time), cancellationToken);
            var page = PageRequest.AfterId(limit, f.Cursor);
            (parameters.After, parameters.Take) = (page.After, page.Take);
            var rows = (await db.ReadAsync(c => c.QueryAsync<Row>(db.Sql(ListSql), parameters), cancellationToken)).ToList();
            var found = page.PageOf(rows, r => r.Id.ToString());
            return new Page<PublicProject>(await ProjectsAsync(found.Items, cancellationToken), found.NextCursor);
        }

        public async Task<PublicProject> Handle(GetQuery query, CancellationToken cancellationToken)
        {
            var row = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(FindSql, new { query.Id }), cancellationToken)
                ?? throw ProjectAccess.NotFound(query.Id);
            return (await ProjectsAsync([row], cancellationToken))[0];
        }

        private async Task<List<PublicProject>> ProjectsAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
        {
            if (rows.Count == 0)
            {
                return [];
            }

            var ids = ListProjects.IdList(db, rows.Select(r => r.Id));
            var (schools, themes, tags) = await db.ReadAsync(async c =>
                ((await c.QueryAsync<ListProjects.SchoolRow>(ListProjects.PageSchoolsSql, new { Ids = ids })).ToLookup(s => s.ProjectId),
                 (await c.QueryAsync<ListProjects.ThemeRow>(ListProjects.PageThemesSql, new { Ids = ids })).ToLookup(t => t.ProjectId),
                 (await c.QueryAsync<TagRow>(PageTagsSql, new { Ids = ids })).ToLookup(t => t.ProjectId)), cancellationToken);
            return [.. rows.Select(r => new PublicProject(
                r.Id, r.Title, r.Summary, r.Academie, StableCode.Parse<ProjectStatus>(r.Status),
                [.. schools[r.Id].Select(s => new ProjectSummarySchool(s.Uai, s.Name, s.Departement))],
                [.. themes[r.Id].Select(t => StableCode.Parse<ProjectTheme>(t.Theme)).Order()],
                [.. tags[r.Id].Select(t => t.Tag)],
                [.. r.Levels.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(StableCode.Parse<EducationLevel>)],
                r.Objectives, r.PlannedStart, r.PlannedEnd, r.UpdatedAt))];
        }
    }

    /// <summary>Maps the portal under <c>/public/projects</c>: anonymous, rate-limited by <see cref="RateLimitPolicy"/>.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        var portal = api.MapGroup("/public/projects").WithTags("Public portal").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);

        portal.MapGet("/", async ([AsParameters] Filters filters, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListQuery(filters), ct)))
            .WithName("ListPublicProjects")
            .WithSummary("List published projects (no credentials)")
            .WithDescription("The public portal: projects flagged public whose status is validated, inProgress, completed or archived, from every " +
                "académie, ordered by id, with cursor pagination (`limit` 1–200, default 50). No personal data: no team, names, e-mails, external " +
                "reference or authors. Needs no credentials; rate-limited per client address more strictly than authenticated calls (429 with " +
                "Retry-After).")
            .Produces<Page<PublicProject>>()
            .ProducesValidationProblem();

        portal.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetQuery(id), ct)))
            .WithName("GetPublicProject")
            .WithSummary("Get a published project (no credentials)")
            .WithDescription("One project of the public portal. A project that does not exist, is not flagged public or is not validated yet " +
                "answers 404. No personal data. Rate-limited like the list.")
            .Produces<PublicProject>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Title { get; set; } = "";
        public string Summary { get; set; } = "";
        public string Academie { get; set; } = "";
        public string Status { get; set; } = "";
        public string Levels { get; set; } = "";
        public string? Objectives { get; set; }
        public DateOnly? PlannedStart { get; set; }
        public DateOnly? PlannedEnd { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    internal sealed class TagRow
    {
        public Guid ProjectId { get; set; }
        public string Tag { get; set; } = "";
    }
}
