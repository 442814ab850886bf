using System.Text.Json;
using System.Text.Json.Serialization;
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

// The schema of a list item for the OpenAPI document: the list writes its items from their
// stored JSON (ProjectViews), which has these members.
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
        SELECT p.id AS Id, p.listing AS Listing, p.status AS Status, p.updated_at AS UpdatedAt, p.version AS Version
        FROM projects.project p

        """ + ProjectFilterSql.Where + """
          AND p.id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY p.id
        {{limit @Take}}
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

    internal sealed record Query(ProjectFilters Filters, Paging Paging, Caller Caller) : IRequest<Page<ListedProject>>;

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Query, Page<ListedProject>>
    {
        public async Task<Page<ListedProject>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Limit.Resolve(query.Paging.Limit);
            var parameters = await query.Filters.ResolveAsync(query.Caller, mediator, Today(time), cancellationToken);
            parameters.After = DecodeCursor(query.Paging.Cursor);
            parameters.Take = limit + 1;
            var sql = db.Sql(ListSql);
            var rows = (await db.ReadAsync(c => c.QueryAsync<ListedProject>(sql, parameters), cancellationToken)).ToList();
            return Page<ListedProject>.From(rows, limit, r => r.Id.ToString());
        }
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
                // Typed as IResult: the items are written from their stored JSON, and the schema
                // documented is the ProjectSummary declared below.
                Results.Ok(await mediator.Send(new Query(filters, paging, http.Caller()), ct)))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("ListProjects")
            .WithSummary("List and search projects")
            .WithDescription("Projects of the caller's académie (a national credential sees every académie and may filter on one), ordered by id (creation order), with cursor pagination (`limit` 1–200, default 50). Every filter given must hold. `q` searches words in the title, summary and canvas, ignoring case and accents; each word matches the start of a word, and all words are required. `year` is the school year of the planned start (2026 = 1 Sept 2026 – 31 Aug 2027). `network` keeps projects with at least one school that is a member of the network today. Unknown query parameters are rejected.")
            .Produces<Page<ProjectSummary>>()
            .ProducesValidationProblem();

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

/// <summary>
/// A project of a list page: its stored listing and the members read from their columns, written
/// as the <see cref="ProjectSummary"/> the OpenAPI document describes.
/// </summary>
[JsonConverter(typeof(Converter))]
internal sealed class ListedProject
{
    public Guid Id { get; set; }
    public string Listing { get; set; } = "";
    public string Status { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    internal sealed class Converter : StoredJsonConverter<ListedProject>
    {
        protected override string Stored(ListedProject value) => value.Listing;

        protected override void AddMembers(Utf8JsonWriter members, ListedProject value)
        {
            members.WriteString("status"u8, value.Status);
            members.WriteString("updatedAt"u8, value.UpdatedAt);
            members.WriteNumber("version"u8, value.Version);
        }
    }
}
