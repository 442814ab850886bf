using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Projects.Features.Search;

/// <summary>A GeoJSON FeatureCollection (RFC 7946) of project schools, plus two foreign members saying what it leaves out.</summary>
/// <param name="Type" example="FeatureCollection">Always <c>FeatureCollection</c>.</param>
/// <param name="Features">One Point per project and school with coordinates.</param>
/// <param name="Truncated">True when more features matched than <c>limit</c>: narrow the filters to see them.</param>
/// <param name="SchoolsWithoutCoordinates">Project-school pairs left out because the directory has no coordinates for the school.</param>
internal sealed record ProjectFeatureCollection(string Type, IReadOnlyList<ProjectFeature> Features, bool Truncated, int SchoolsWithoutCoordinates);

/// <summary>A GeoJSON Feature: one school of one project.</summary>
/// <param name="Type" example="Feature">Always <c>Feature</c>.</param>
/// <param name="Geometry">The school's location.</param>
/// <param name="Properties">The project and the school (no personal data).</param>
internal sealed record ProjectFeature(string Type, PointGeometry Geometry, ProjectFeatureProperties Properties);

/// <summary>A GeoJSON Point.</summary>
/// <param name="Type" example="Point">Always <c>Point</c>.</param>
/// <param name="Coordinates">[longitude, latitude] in WGS 84, as GeoJSON orders them.</param>
internal sealed record PointGeometry(string Type, IReadOnlyList<double> Coordinates);

/// <summary>What a map marker shows.</summary>
/// <param name="Id">The project's id.</param>
/// <param name="Title" example="Classe dehors">The project's title.</param>
/// <param name="Status">The project's status.</param>
/// <param name="Themes">The project's themes.</param>
/// <param name="Uai" example="0951099D">The school's UAI.</param>
/// <param name="SchoolName" example="École élémentaire Évariste Galois">The school's name.</param>
internal sealed record ProjectFeatureProperties(Guid Id, string Title, ProjectStatus Status, IReadOnlyList<ProjectTheme> Themes, string Uai,
    string SchoolName);

internal static class ProjectMap
{
    internal const int MaxFeatures = 5000;

    internal const string GeoJsonMediaType = "application/geo+json";

    internal const string MapSql = """
        SELECT p.id AS Id, p.title AS Title, p.status AS Status, ps.uai AS Uai, s.name AS SchoolName, s.latitude AS Latitude, s.longitude AS Longitude
        FROM projects.project p
        JOIN projects.project_school ps ON ps.project_id = p.id
        JOIN projects.school s ON s.uai = ps.uai

        """ + ProjectFilterSql.Where + """
          AND s.latitude IS NOT NULL AND s.longitude IS NOT NULL
        ORDER BY p.id, ps.position
        {{limit @Take}}
        """;

    internal const string WithoutCoordinatesSql = """
        SELECT COUNT(*)
        FROM projects.project p
        JOIN projects.project_school ps ON ps.project_id = p.id
        LEFT JOIN projects.school s ON s.uai = ps.uai

        """ + ProjectFilterSql.Where + """
          AND (s.latitude IS NULL OR s.longitude IS NULL)
        """;

    /// <summary>The size bound of the map.</summary>
    /// <param name="Limit" example="5000">Most features returned, 1–5000 (default 5000).</param>
    internal sealed record Bound([property: FromQuery(Name = "limit")] int? Limit);

    internal sealed record Query(ProjectFilters Filters, Bound Bound, Caller Caller) : IRequest<ProjectFeatureCollection>;

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Query, ProjectFeatureCollection>
    {
        public async Task<ProjectFeatureCollection> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = query.Bound.Limit switch
            {
                null => MaxFeatures,
                >= 1 and <= MaxFeatures => query.Bound.Limit.Value,
                _ => throw RequestValidationException.For("limit", $"limit must be between 1 and {MaxFeatures}."),
            };
            var parameters = await query.Filters.ResolveAsync(query.Caller, mediator, ListProjects.Today(time), cancellationToken);
            parameters.Take = limit + 1;
            return await db.ReadAsync(async c =>
            {
                var rows = (await c.QueryAsync<Row>(db.Sql(MapSql), parameters)).ToList();
                var withoutCoordinates = await c.ExecuteScalarAsync<int>(WithoutCoordinatesSql, parameters);
                var kept = rows.Take(limit).ToList();
                var themes = new List<ListProjects.ThemeRow>();
                foreach (var ids in kept.Select(r => r.Id).Distinct().Chunk(500))
                {
                    themes.AddRange(await c.QueryAsync<ListProjects.ThemeRow>(ListProjects.PageThemesSql,
                        new { Ids = ListProjects.IdList(db, ids) }));
                }

                var byProject = themes.ToLookup(t => t.ProjectId, t => StableCode.Parse<ProjectTheme>(t.Theme));
                return new ProjectFeatureCollection(
                    "FeatureCollection",
                    [.. kept.Select(r => new ProjectFeature(
                        "Feature",
                        new PointGeometry("Point", [r.Longitude, r.Latitude]),
                        new ProjectFeatureProperties(r.Id, r.Title, StableCode.Parse<ProjectStatus>(r.Status), [.. byProject[r.Id].Order()], r.Uai,
                            r.SchoolName)))],
                    rows.Count > limit,
                    withoutCoordinates);
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/map", async ([AsParameters] ProjectFilters filters, [AsParameters] Bound bound, HttpContext http, IMediator mediator,
            CancellationToken ct) =>
                TypedResults.Json(await mediator.Send(new Query(filters, bound, http.Caller()), ct), contentType: GeoJsonMediaType))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectMap")
            .WithSummary("Map the projects' schools as GeoJSON")
            .WithDescription("A GeoJSON FeatureCollection (`application/geo+json`) with one Point per project and school, coordinates `[longitude, " +
                "latitude]` from the school directory, for the projects the list's filters select. Schools without coordinates are left out and " +
                "counted in `schoolsWithoutCoordinates`. At most `limit` features (1–5000, default 5000), in project then school order; " +
                "`truncated` says when more matched. No personal data.")
            .Produces<ProjectFeatureCollection>(StatusCodes.Status200OK, GeoJsonMediaType)
            .ProducesValidationProblem();

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Title { get; set; } = "";
        public string Status { get; set; } = "";
        public string Uai { get; set; } = "";
        public string SchoolName { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
    }
}
