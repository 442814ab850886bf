using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Projects.Features.Search;

internal static class ListProjects
{
    // The page comes back as one text the database composed: a project's fields joined by
    // CHAR(31), projects joined by CHAR(30) (JSON escapes both, so neither occurs in a listing).
    // Read as rows, the page cost five values of each project through the ADO.NET reader, which
    // was most of its CPU (ADR 0017).
    internal const string ListSql = """
        SELECT {{string_agg CONCAT(page.id, CHAR(31), page.status, CHAR(31), page.updated_at, CHAR(31), page.version, CHAR(31), page.listing),
        CHAR(30) ORDER BY page.id}}

        """ + PageFrom + ProjectFilterSql.Where + PageEnd;

    // A search (q) reads the term index over its longest word's prefix first: without it, the WHERE's
    // term checks ran on every project in turn, so a selective search cost grew with the base (ADR 0010).
    internal const string ListSearchSql = """
        SELECT {{string_agg CONCAT(page.id, CHAR(31), page.status, CHAR(31), page.updated_at, CHAR(31), page.version, CHAR(31), page.listing),
        CHAR(30) ORDER BY page.id}}

        """ + PageFrom + ProjectFilterSql.Where + SearchStart + PageEnd;

    // One académie's projects (the caller's, or the one filtered on) in id order from their index (academie, id): through
    // the WHERE's optional conditions alone, the page walked every académie's projects until it had its own.
    internal const string ListInAcademieSql = """
        SELECT {{string_agg CONCAT(page.id, CHAR(31), page.status, CHAR(31), page.updated_at, CHAR(31), page.version, CHAR(31), page.listing),
        CHAR(30) ORDER BY page.id}}

        """ + PageFrom + ProjectFilterSql.Where + "  AND p.academie = @Scope\n" + PageEnd;

    // The page in relevance order (q given): best match first (ProjectSearchIndex.ScoreSql), then by id.
    // Each project's first field is its position, "score:id", which the next page's cursor carries.
    internal const string ListByRelevanceSql = """
        SELECT {{string_agg CONCAT(page.score, ':', page.id, CHAR(31), page.status, CHAR(31), page.updated_at, CHAR(31), page.version,
                                   CHAR(31), page.listing), CHAR(30) ORDER BY page.score DESC, page.id}}

        """ + RankedFrom + ProjectFilterSql.Where + SearchStart + RankedEnd;

    // q without a word (punctuation only) ranks every project alike, in relevance order still (its cursors).
    internal const string ListAllByRelevanceSql = """
        SELECT {{string_agg CONCAT(page.score, ':', page.id, CHAR(31), page.status, CHAR(31), page.updated_at, CHAR(31), page.version,
                                   CHAR(31), page.listing), CHAR(30) ORDER BY page.score DESC, page.id}}

        """ + RankedFrom + ProjectFilterSql.Where + RankedEnd;

    private const string PageFrom = """
        FROM (
        SELECT p.id, p.listing, p.status, p.updated_at, p.version
        FROM projects.project p

        """;

    private const string PageEnd = """
          AND p.id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY p.id
        {{limit @Take}}
        ) page
        """;

    private const string SearchStart = """
          AND p.id IN (SELECT d.project_id FROM projects.project_search_term d WHERE d.term >= @QFrom AND d.term < @QTo)

        """;

    private const string RankedFrom = """
        FROM (
        SELECT ranked.id, ranked.listing, ranked.status, ranked.updated_at, ranked.version, ranked.score
        FROM (
        SELECT p.id, p.listing, p.status, p.updated_at, p.version,

        """ + ProjectSearchIndex.ScoreSql + """
         AS score
        FROM projects.project p

        """;

    private const string RankedEnd = """
        ) ranked
        WHERE @AfterScore IS NULL OR ranked.score < @AfterScore OR (ranked.score = @AfterScore AND ranked.id > @After)
        ORDER BY ranked.score DESC, ranked.id
        {{limit @Take}}
        ) page
        """;

    // Other lists of projects (the public portal, the map) read their pages' lists by id.
    internal const string PageSchoolsSql = """
        SELECT ps.project_id AS ProjectId, ps.uai AS Uai, s.name AS Name, s.departement AS Departement
        FROM projects.project_school ps LEFT JOIN projects.school s ON s.uai = ps.uai
        WHERE ps.project_id IN @Ids
        ORDER BY ps.project_id, ps.position
        """;

    internal const string PageThemesSql = "SELECT project_id AS ProjectId, theme AS Theme FROM projects.project_theme WHERE project_id IN @Ids";

    /// <summary>Filters, order and paging of the project list.</summary>
    /// <param name="Limit" example="50">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page (of the same order).</param>
    /// <param name="Sort" example="relevance">`relevance`: best match first, then by id (the default with `q`, only with it); `id`: by id.</param>
    internal sealed record Paging(
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor,
        [property: FromQuery(Name = "sort"), EnumCodes(typeof(ProjectListOrder))] string? Sort);

    internal sealed record Query(ProjectFilters Filters, Paging Paging, Caller Caller) : IRequest<ProjectListPage>;

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Query, ProjectListPage>
    {
        public async Task<ProjectListPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Limit.Resolve(query.Paging.Limit);
            var order = Order(query.Paging.Sort, query.Filters.Q);
            var parameters = await query.Filters.ResolveAsync(query.Caller, mediator, Today(time), cancellationToken);
            parameters.Take = limit + 1;
            string sql;
            object arguments;
            if (order == ProjectListOrder.Relevance)
            {
                var after = DecodeRankedCursor(query.Paging.Cursor);
                parameters.After = after?.Id;
                var ranked = new DynamicParameters(parameters);
                ranked.Add("AfterScore", after?.Score);
                (sql, arguments) = (db.Sql(parameters.QFrom is null ? ListAllByRelevanceSql : ListByRelevanceSql), ranked);
            }
            else
            {
                parameters.After = BuildingBlocks.Http.Cursor.DecodeId(query.Paging.Cursor);
                var statement = parameters.QFrom is not null ? ListSearchSql : parameters.Scope is not null ? ListInAcademieSql : ListSql;
                (sql, arguments) = (db.Sql(statement), parameters);
            }

            // Read as a scalar. Read through Dapper's ExecuteReaderAsync, the page slowed every later
            // statement on its pooled connection, the single writer's included: Microsoft.Data.Sqlite's
            // RemoveCommand (a walk of the connection's commands) became a fifth of the writer's
            // time, and POST halved after a list run (2026-12-03).
            var text = await db.ReadAsync(c => c.ExecuteScalarAsync<string?>(sql, arguments), cancellationToken);
            return ProjectListPage.From(text is null ? null : Encoding.UTF8.GetBytes(text), limit);
        }
    }

    /// <summary>
    /// Ids for an <c>IN @Ids</c> list. Dapper expands a list without the GUID type handler, so on
    /// SQLite (GUIDs stored as text) the values are passed as that text.
    /// </summary>
    /// (The declared type must be a list: Dapper decides to expand from it.)
    internal static System.Collections.IEnumerable IdList(Db db, IEnumerable<Guid> ids) =>
        db.Dialect.IdList(ids);

    /// <summary>Today's date in UTC: network memberships are compared with it.</summary>
    internal static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The order <paramref name="sort"/> names, else relevance when <paramref name="q"/> is given, else id order; or a 400.</summary>
    internal static ProjectListOrder Order(string? sort, string? q) =>
        EnumCodesAttribute.Parse<ProjectListOrder>(sort, "sort") switch
        {
            null => string.IsNullOrWhiteSpace(q) ? ProjectListOrder.Id : ProjectListOrder.Relevance,
            ProjectListOrder.Relevance when string.IsNullOrWhiteSpace(q) =>
                throw RequestValidationException.For("sort", "sort=relevance ranks the matches of a search: give q too, or sort=id."),
            { } given => given,
        };

    /// <summary>The score and project id a cursor of the relevance order holds (<c>score:id</c>), or a 400.</summary>
    internal static (int Score, Guid Id)? DecodeRankedCursor(string? cursor)
    {
        if (BuildingBlocks.Http.Cursor.Decode(cursor) is not { } key)
        {
            return null;
        }

        var colon = key.IndexOf(':');
        return colon > 0 && int.TryParse(key.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var score)
            && Guid.TryParse(key.AsSpan(colon + 1), out var id)
            ? (score, id)
            : throw RequestValidationException.For("cursor", "The cursor is not one this API issued for this order.");
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/", async ([AsParameters] ProjectFilters filters, [AsParameters] Paging paging, HttpContext http, IMediator mediator,
            CancellationToken ct) =>
                // Typed as IResult: the items are written from their stored JSON, and the schema
                // documented is the ProjectSummary declared below.
                Results.Ok(await mediator.Send(new Query(filters, paging, http.Caller()), ct)))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("ListProjects")
            .WithSummary("List and search projects")
            .WithDescription(
                "Projects of the caller's académie (a national credential sees every académie and may filter on one), "
                + "ordered by id (creation order), with cursor pagination (`limit` 1–200, default 50). Every filter given must hold. "
                + "`q` searches words in the title, summary and canvas, ignoring case and accents; each word matches the start of a word, "
                + "and all words are required. With `q` the list comes best match first (`sort=relevance`; `sort=id` keeps id order): "
                + "a word found in the title counts above one found only in the summary or canvas, so the more of the words the title holds, "
                + "the higher; ties in id order. `year` is the school year of the planned start (2026 = 1 Sept 2026 – 31 Aug 2027). "
                + "`network` keeps projects with at least one school that is a member of the network today. Unknown query parameters are rejected.")
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

/// <summary>Orders of the project list (<c>sort</c>).</summary>
internal enum ProjectListOrder
{
    /// <summary>Best match of <c>q</c> first (<see cref="ProjectSearchIndex.ScoreSql"/>), then by id.</summary>
    Relevance,

    /// <summary>By id: creation order, since ids are version 7 GUIDs.</summary>
    Id,
}

/// <summary>
/// A page of the project list as the database composed it (<see cref="ListProjects.ListSql"/>),
/// written as the <c>Page</c> of <see cref="ProjectSummary"/> the OpenAPI document describes: each
/// item is its stored listing with the members read beside it.
/// </summary>
[JsonConverter(typeof(Converter))]
internal sealed class ProjectListPage
{
    private const byte ProjectSeparator = 0x1e;
    private const byte FieldSeparator = 0x1f;

    private readonly byte[] _composed; // UTF-8
    private readonly int _length; // of the projects this page shows

    private ProjectListPage(byte[] composed, int length, string? nextCursor) =>
        (_composed, _length, NextCursor) = (composed, length, nextCursor);

    public string? NextCursor { get; }

    /// <summary>A page from up to <paramref name="limit"/> + 1 composed projects: the extra one only proves there is more.</summary>
    internal static ProjectListPage From(byte[]? composed, int limit)
    {
        if (composed is not { Length: > 0 })
        {
            return new ProjectListPage([], 0, null);
        }

        var end = -1;
        for (var shown = 0; shown < limit; shown++)
        {
            var next = composed.AsSpan(end + 1).IndexOf(ProjectSeparator);
            if (next < 0)
            {
                return new ProjectListPage(composed, composed.Length, null);
            }

            end += next + 1;
        }

        var last = composed.AsSpan(0, end);
        last = last[(last.LastIndexOf(ProjectSeparator) + 1)..];
        // The last project's position: its id, or "score:id" in relevance order (ListByRelevanceSql).
        var position = Encoding.UTF8.GetString(last[..last.IndexOf(FieldSeparator)]);
        var colon = position.IndexOf(':');
        var id = Guid.Parse(position.AsSpan(colon + 1));
        return new ProjectListPage(composed, end, Cursor.Encode(colon < 0 ? id.ToString() : $"{position[..colon]}:{id}"));
    }

    private readonly record struct Members(ReadOnlyMemory<byte> Status, DateTimeOffset UpdatedAt, int Version);

    internal sealed class Converter : JsonConverter<ProjectListPage>
    {
        public override ProjectListPage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A project list page is only written.");

        public override void Write(Utf8JsonWriter writer, ProjectListPage value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("items"u8);
            ReadOnlyMemory<byte> page = value._composed.AsMemory(0, value._length);
            while (!page.IsEmpty)
            {
                var next = page.Span.IndexOf(ProjectSeparator);
                var project = next < 0 ? page : page[..next];
                page = next < 0 ? ReadOnlyMemory<byte>.Empty : page[(next + 1)..];

                _ = TakeField(ref project); // the id: the listing holds it
                var status = TakeField(ref project);
                var updatedAt = ParseTimestamp(TakeField(ref project).Span);
                var version = int.Parse(TakeField(ref project).Span, CultureInfo.InvariantCulture);
                StoredJson.WriteObject(writer, project.Span, new Members(status, updatedAt, version), static (members, added) =>
                {
                    members.WriteString("status"u8, added.Status.Span);
                    members.WriteString("updatedAt"u8, added.UpdatedAt);
                    members.WriteNumber("version"u8, added.Version);
                });
            }

            writer.WriteEndArray();
            if (value.NextCursor is { } cursor)
            {
                writer.WriteString("nextCursor"u8, cursor);
            }

            writer.WriteEndObject();
        }

        private static ReadOnlyMemory<byte> TakeField(ref ReadOnlyMemory<byte> project)
        {
            var end = project.Span.IndexOf(FieldSeparator);
            var field = project[..end];
            project = project[(end + 1)..];
            return field;
        }

        private static DateTimeOffset ParseTimestamp(ReadOnlySpan<byte> utf8)
        {
            Span<char> text = stackalloc char[64];
            return StoredTimestamp.Parse(text[..Encoding.UTF8.GetChars(utf8[..Math.Min(utf8.Length, 64)], text)]);
        }
    }
}
