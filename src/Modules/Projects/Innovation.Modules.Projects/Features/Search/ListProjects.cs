using System.Data.Common;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Projects.Domain;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Innovation.Modules.Projects.Features.Search;

/// <summary>A project in a list: enough to show and pick it; the team and canvas are read with GET /projects/{id}.</summary>
/// <param name="Id">The project's id.</param>
/// <param name="Title" example="Classe dehors">Title.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Schools">The project's schools.</param>
/// <param name="Themes">National priority themes.</param>
/// <param name="PlannedStart">Planned start date.</param>
/// <param name="PlannedEnd">Planned end date.</param>
/// <param name="UpdatedAt">Time of the last change.</param>
/// <param name="Version">Version (the project's ETag).</param>
internal sealed record ProjectSummary(
    Guid Id, string Title, ProjectStatus Status, string Academie, IReadOnlyList<ProjectSummarySchool> Schools, IReadOnlyList<ProjectTheme> Themes,
    DateOnly? PlannedStart, DateOnly? PlannedEnd, DateTimeOffset UpdatedAt, int Version);

/// <summary>A school of a listed project.</summary>
/// <param name="Uai" example="0951099D">UAI.</param>
/// <param name="Name" example="École élémentaire Évariste Galois">Name, as the directory last described it.</param>
/// <param name="Departement" example="095">Département code.</param>
internal sealed record ProjectSummarySchool(string Uai, string? Name, string? Departement);

internal static class ListProjects
{
    internal const string ListSql = """
        SELECT p.id AS Id, p.title AS Title, p.status AS Status, p.academie AS Academie, p.planned_start AS PlannedStart,
               p.planned_end AS PlannedEnd, p.updated_at AS UpdatedAt, p.version AS Version
        FROM projects.project p

        """ + ProjectFilterSql.Where + """
          AND p.id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY p.id
        {{limit @Take}}
        """;

    /// <summary>
    /// The schools (kind 1) and themes (kind 2) of a page, in one statement of fixed text: the
    /// projects between the page's first and last ids that pass the page's own filters are exactly
    /// the page, so no list of ids is sent (SQLite would bind fifty parameters by name, and every
    /// page size would be another text to compile and keep). Re-testing the filters costs no more
    /// than the page query did on the same range. Like <see cref="ListSql"/>, it stays compiled on
    /// its pooled connection only if SQLite does not recompile it for its LIKE parameters: the
    /// connection's query planner stability guarantee (ADR 0010).
    /// </summary>
    internal const string PageListsSql = """
        SELECT 1 AS Kind, ps.project_id AS ProjectId, ps.position AS Position, ps.uai AS Code, s.name AS Name, s.departement AS Departement
        FROM projects.project p
        JOIN projects.project_school ps ON ps.project_id = p.id
        LEFT JOIN projects.school s ON s.uai = ps.uai

        """ + ProjectFilterSql.Where + """
          AND p.id >= @First AND p.id <= @Last
        UNION ALL
        SELECT 2, pt.project_id, 0, pt.theme, NULL, NULL
        FROM projects.project p
        JOIN projects.project_theme pt ON pt.project_id = p.id

        """ + ProjectFilterSql.Where + """
          AND p.id >= @First AND p.id <= @Last
        ORDER BY Kind, ProjectId, Position
        """;

    // Other lists of projects (the public portal, the map) read their pages' lists by id.
    internal const string PageSchoolsSql = """
        SELECT ps.project_id AS ProjectId, ps.uai AS Uai, s.name AS Name, s.departement AS Departement
        FROM projects.project_school ps LEFT JOIN projects.school s ON s.uai = ps.uai
        WHERE ps.project_id IN @Ids
        ORDER BY ps.project_id, ps.position
        """;

    internal const string PageThemesSql = "SELECT project_id AS ProjectId, theme AS Theme FROM projects.project_theme WHERE project_id IN @Ids";

    /// <summary>Filters and paging of the project list.</summary>
    /// <param name="Limit" example="50">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    internal sealed record Paging(
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(ProjectFilters Filters, Paging Paging, Caller Caller) : IRequest<Page<ProjectSummary>>;

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Query, Page<ProjectSummary>>
    {
        public async Task<Page<ProjectSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Limit.Resolve(query.Paging.Limit);
            var parameters = await query.Filters.ResolveAsync(query.Caller, mediator, Today(time), cancellationToken);
            parameters.After = DecodeCursor(query.Paging.Cursor);
            parameters.Take = limit + 1;
            var sql = db.Sql(ListSql);
            // One connection for the page and its lists: each ReadAsync is a pool round trip and a retry scope.
            var (summaries, more) = await db.ReadAsync(async c =>
            {
                var rows = (await c.QueryAsync<Row>(sql, parameters)).ToList();
                var page = rows.Take(limit).ToList();
                return (await SummariesAsync(c, page, parameters), rows.Count > limit);
            }, cancellationToken);
            return new Page<ProjectSummary>(summaries, more ? BuildingBlocks.Http.Cursor.Encode(summaries[^1].Id.ToString()) : null);
        }
    }

    /// <summary>The summaries of a page of rows, with their schools and themes (one more query for the whole page).</summary>
    /// <param name="connection">The open connection the page was read on.</param>
    /// <param name="rows">The page, in id order.</param>
    /// <param name="parameters">The filters the page was read with.</param>
    internal static async Task<List<ProjectSummary>> SummariesAsync(DbConnection connection, IReadOnlyList<Row> rows, ProjectFilterParameters parameters)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        parameters.First = rows[0].Id;
        parameters.Last = rows[^1].Id;
        var schools = new Dictionary<Guid, List<ProjectSummarySchool>>(rows.Count);
        var themes = new Dictionary<Guid, List<ProjectTheme>>(rows.Count);
        foreach (var item in await connection.QueryAsync<ListRow>(PageListsSql, parameters))
        {
            if (item.Kind == 1)
            {
                Add(schools, item.ProjectId, new ProjectSummarySchool(item.Code, item.Name, item.Departement));
            }
            else
            {
                Add(themes, item.ProjectId, ProjectCodes.Parse<ProjectTheme>(item.Code));
            }
        }

        // Only the page's projects are looked up: one that came to pass the filters since the page
        // was read has its lines read too, and ignored.
        return [.. rows.Select(r => new ProjectSummary(
            r.Id, r.Title, ProjectCodes.Parse<ProjectStatus>(r.Status), r.Academie,
            schools.TryGetValue(r.Id, out var s) ? s : [],
            themes.TryGetValue(r.Id, out var t) ? [.. t.Order()] : [],
            r.PlannedStart, r.PlannedEnd, r.UpdatedAt, r.Version))];
    }

    private static void Add<T>(Dictionary<Guid, List<T>> lists, Guid projectId, T item)
    {
        if (!lists.TryGetValue(projectId, out var list))
        {
            lists[projectId] = list = [];
        }

        list.Add(item);
    }

    /// <summary>
    /// Ids for an <c>IN @Ids</c> list. Dapper expands a list without the GUID type handler, so on
    /// SQLite (GUIDs stored as text) the values are passed as that text.
    /// </summary>
    /// (The declared type must be a list: Dapper decides to expand from it.)
    internal static System.Collections.IEnumerable IdList(Db db, IEnumerable<Guid> ids) =>
        db.Provider == DatabaseProvider.Sqlite ? ids.Select(id => id.ToString("D")).ToList() : ids.ToList();

    /// <summary>Today's date in UTC: network memberships are compared with it.</summary>
    internal static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The project id a cursor holds, or a 400.</summary>
    internal static Guid? DecodeCursor(string? cursor) =>
        BuildingBlocks.Http.Cursor.Decode(cursor) is not { } key ? null
        : Guid.TryParse(key, out var id) ? id
        : throw RequestValidationException.For("cursor", "The cursor is not one this API issued.");

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/", async ([AsParameters] ProjectFilters filters, [AsParameters] Paging paging, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(filters, paging, http.Caller()), ct)))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("ListProjects")
            .WithSummary("List and search projects")
            .WithDescription("Projects of the caller's académie (a national credential sees every académie and may filter on one), ordered by id (creation order), with cursor pagination (`limit` 1–200, default 50). Every filter given must hold. `q` searches words in the title, summary and canvas, ignoring case and accents; each word matches the start of a word, and all words are required. `year` is the school year of the planned start (2026 = 1 Sept 2026 – 31 Aug 2027). `network` keeps projects with at least one school that is a member of the network today. Unknown query parameters are rejected.")
            .Produces<Page<ProjectSummary>>()
            .ProducesValidationProblem();

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Title { get; set; } = "";
        public string Status { get; set; } = "";
        public string Academie { get; set; } = "";
        public DateOnly? PlannedStart { get; set; }
        public DateOnly? PlannedEnd { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public int Version { get; set; }
    }

    /// <summary>
    /// A line of <see cref="PageListsSql"/>: a school (kind 1) or a theme (kind 2) of a project. Its
    /// position only orders the lines: Dapper reads a column only for a property of that name.
    /// </summary>
    internal sealed class ListRow
    {
        public int Kind { get; set; }
        public Guid ProjectId { get; set; }
        public string Code { get; set; } = "";
        public string? Name { get; set; }
        public string? Departement { get; set; }
    }

    internal sealed class SchoolRow
    {
        public Guid ProjectId { get; set; }
        public string Uai { get; set; } = "";
        public string? Name { get; set; }
        public string? Departement { get; set; }
    }

    internal sealed class ThemeRow
    {
        public Guid ProjectId { get; set; }
        public string Theme { get; set; } = "";
    }
}
