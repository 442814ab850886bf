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
    /// <see cref="ListSql"/> when no filter is given (the plain listing, the most common request):
    /// SQLite compiles a statement at every execution, and the twenty-odd optional conditions of the
    /// shared WHERE cost more to compile and to test on each row than reading the page (ADR 0010).
    /// </summary>
    internal const string ListAllSql = """
        SELECT p.id AS Id, p.title AS Title, p.status AS Status, p.academie AS Academie, p.planned_start AS PlannedStart,
               p.planned_end AS PlannedEnd, p.updated_at AS UpdatedAt, p.version AS Version
        FROM projects.project p
        WHERE (@CallerAcademie IS NULL OR p.academie = @CallerAcademie)
          AND p.id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY p.id
        {{limit @Take}}
        """;

    internal const string PageSchoolsSql = """
        SELECT ps.project_id AS ProjectId, ps.uai AS Uai, s.name AS Name, s.departement AS Departement
        FROM projects.project_school ps LEFT JOIN projects.school s ON s.uai = ps.uai
        WHERE ps.project_id IN @Ids
        ORDER BY ps.project_id, ps.position
        """;

    internal const string PageThemesSql = "SELECT project_id AS ProjectId, theme AS Theme FROM projects.project_theme WHERE project_id IN @Ids";

    // The same for a page that holds every project from its first id to its last (no filter, no
    // académie restriction): a range of two parameters instead of a list of fifty, which SQLite
    // would parse, bind and look up one by one at every request.
    internal const string RangeSchoolsSql = """
        SELECT ps.project_id AS ProjectId, ps.uai AS Uai, s.name AS Name, s.departement AS Departement
        FROM projects.project_school ps LEFT JOIN projects.school s ON s.uai = ps.uai
        WHERE ps.project_id >= @First AND ps.project_id <= @Last
        ORDER BY ps.project_id, ps.position
        """;

    internal const string RangeThemesSql =
        "SELECT project_id AS ProjectId, theme AS Theme FROM projects.project_theme WHERE project_id >= @First AND project_id <= @Last";

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
            var sql = db.Sql(parameters.FiltersNothing ? ListAllSql : ListSql);
            // One connection for the page and its lists: each ReadAsync is a pool round trip and a retry scope.
            var (summaries, more) = await db.ReadAsync(async c =>
            {
                var rows = (await c.QueryAsync<Row>(sql, parameters)).ToList();
                var page = rows.Take(limit).ToList();
                var contiguous = parameters.FiltersNothing && parameters.CallerAcademie is null;
                return (await SummariesAsync(db, c, page, contiguous), rows.Count > limit);
            }, cancellationToken);
            return new Page<ProjectSummary>(summaries, more ? BuildingBlocks.Http.Cursor.Encode(summaries[^1].Id.ToString()) : null);
        }
    }

    /// <summary>The summaries of a page of rows, with their schools and themes (two queries for the whole page).</summary>
    /// <param name="db">The database (for the engine's id list).</param>
    /// <param name="connection">The open connection the page was read on.</param>
    /// <param name="rows">The page, in id order.</param>
    /// <param name="contiguous">True when the page holds every project between its first and last id.</param>
    internal static async Task<List<ProjectSummary>> SummariesAsync(Db db, DbConnection connection, IReadOnlyList<Row> rows, bool contiguous)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        ILookup<Guid, SchoolRow> schools;
        ILookup<Guid, ThemeRow> themes;
        if (contiguous)
        {
            var range = new { First = rows[0].Id, Last = rows[^1].Id };
            schools = (await connection.QueryAsync<SchoolRow>(RangeSchoolsSql, range)).ToLookup(s => s.ProjectId);
            themes = (await connection.QueryAsync<ThemeRow>(RangeThemesSql, range)).ToLookup(t => t.ProjectId);
        }
        else
        {
            var ids = IdList(db, rows.Select(r => r.Id));
            schools = (await connection.QueryAsync<SchoolRow>(PageSchoolsSql, new { Ids = ids })).ToLookup(s => s.ProjectId);
            themes = (await connection.QueryAsync<ThemeRow>(PageThemesSql, new { Ids = ids })).ToLookup(t => t.ProjectId);
        }

        return [.. rows.Select(r => new ProjectSummary(
            r.Id, r.Title, ProjectCodes.Parse<ProjectStatus>(r.Status), r.Academie,
            [.. schools[r.Id].Select(s => new ProjectSummarySchool(s.Uai, s.Name, s.Departement))],
            [.. themes[r.Id].Select(t => ProjectCodes.Parse<ProjectTheme>(t.Theme)).Order()],
            r.PlannedStart, r.PlannedEnd, r.UpdatedAt, r.Version))];
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
