namespace Innovation.Modules.Projects.Features.Search;

/// <summary>How many projects match the filters, in total and per value of each facet.</summary>
/// <param name="Total">Projects matching the filters.</param>
/// <param name="Status">Per status (every status listed, zero included).</param>
/// <param name="Theme">Per theme (every theme listed). A project with two themes counts under both.</param>
/// <param name="Departement">Per département of the projects' schools. A project with schools in two départements counts under both.</param>
/// <param name="FundingScheme">Per funding scheme the projects have a line in (every scheme listed).</param>
/// <param name="SchoolType">Per type of the projects' schools (every type listed).</param>
internal sealed record ProjectFacetCounts(
    int Total, IReadOnlyList<FacetCount> Status, IReadOnlyList<FacetCount> Theme, IReadOnlyList<FacetCount> Departement,
    IReadOnlyList<FacetCount> FundingScheme, IReadOnlyList<FacetCount> SchoolType);

/// <summary>One facet value and its number of projects.</summary>
/// <param name="Code" example="validated">The value's code.</param>
/// <param name="Count" example="12">Projects with that value.</param>
internal sealed record FacetCount(string Code, int Count);

internal static class ProjectFacets
{
    private const string From = """
        FROM projects.project p

        """;

    internal const string FacetsSql =
        "SELECT COUNT(*) FROM projects.project p\n" + ProjectFilterSql.Where + ";\n"
        + "SELECT p.status AS Code, COUNT(*) AS Projects " + From + ProjectFilterSql.Where + "GROUP BY p.status;\n"
        + "SELECT t.theme AS Code, COUNT(*) AS Projects FROM projects.project p JOIN projects.project_theme t ON t.project_id = p.id\n"
        + ProjectFilterSql.Where + "GROUP BY t.theme;\n"
        + "SELECT s.departement AS Code, COUNT(DISTINCT p.id) AS Projects\n"
        + "FROM projects.project p JOIN projects.project_school ps ON ps.project_id = p.id\n"
        + "JOIN projects.school s ON s.uai = ps.uai\n" + ProjectFilterSql.Where + "GROUP BY s.departement;\n"
        + "SELECT f.scheme AS Code, COUNT(DISTINCT p.id) AS Projects FROM projects.project p JOIN projects.project_funding f ON f.project_id = p.id\n"
        + ProjectFilterSql.Where + "GROUP BY f.scheme;\n"
        + "SELECT s.type AS Code, COUNT(DISTINCT p.id) AS Projects FROM projects.project p JOIN projects.project_school ps ON ps.project_id = p.id\n"
        + "JOIN projects.school s ON s.uai = ps.uai\n" + ProjectFilterSql.Where + "GROUP BY s.type";

    // A national caller with no filter counts every project: the same counts read from the lists and their indexes alone,
    // without testing each project against the filters, so their cost follows the rows counted (ADR 0010).
    internal const string EveryProjectFacetsSql = """
        SELECT COUNT(*) FROM projects.project;
        SELECT status AS Code, COUNT(*) AS Projects FROM projects.project GROUP BY status;
        SELECT theme AS Code, COUNT(*) AS Projects FROM projects.project_theme GROUP BY theme;
        SELECT s.departement AS Code, COUNT(DISTINCT ps.project_id) AS Projects
        FROM projects.project_school ps JOIN projects.school s ON s.uai = ps.uai GROUP BY s.departement;
        SELECT scheme AS Code, COUNT(DISTINCT project_id) AS Projects FROM projects.project_funding GROUP BY scheme;
        SELECT s.type AS Code, COUNT(DISTINCT ps.project_id) AS Projects
        FROM projects.project_school ps JOIN projects.school s ON s.uai = ps.uai GROUP BY s.type
        """;

    internal sealed record Query(ProjectFilters Filters, Caller Caller) : IRequest<ProjectFacetCounts>;

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Query, ProjectFacetCounts>
    {
        public async Task<ProjectFacetCounts> Handle(Query query, CancellationToken cancellationToken)
        {
            var parameters = await query.Filters.ResolveAsync(query.Caller, mediator, ListProjects.Today(time), cancellationToken);
            return await db.ReadAsync(async c =>
            {
                using var reader = await c.QueryMultipleAsync(parameters.FiltersNothing ? EveryProjectFacetsSql : FacetsSql, parameters);
                var total = await reader.ReadSingleAsync<int>();
                var status = await reader.ReadAsync<Row>();
                var theme = await reader.ReadAsync<Row>();
                var departement = await reader.ReadAsync<Row>();
                var scheme = await reader.ReadAsync<Row>();
                var type = await reader.ReadAsync<Row>();
                return new ProjectFacetCounts(
                    total,
                    Every<ProjectStatus>(status),
                    Every<ProjectTheme>(theme),
                    [.. departement.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new FacetCount(r.Code, r.Projects))],
                    Every<FundingScheme>(scheme),
                    Every<SchoolTypeCode>(type));
            }, cancellationToken);
        }

        private static List<FacetCount> Every<TEnum>(IEnumerable<Row> rows) where TEnum : struct, Enum
        {
            var counts = rows.ToDictionary(r => r.Code, r => r.Projects, StringComparer.OrdinalIgnoreCase);
            return [.. Enum.GetValues<TEnum>().Select(StableCode.Of).Select(code => new FacetCount(code, counts.GetValueOrDefault(code)))];
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapQuery("/facets", (ProjectFilters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectFacets")
            .WithSummary("Count projects per status, theme, département, funding scheme and school type")
            .WithDescription("Takes the same filters as the project list and counts the matching projects, in total and per value of each facet. A " +
                "project counts once per value it has: under each of its themes, each département and type of its schools, each funding scheme it " +
                "has a line in. Status, theme, funding scheme and school type list every code (zero included); départements only those with " +
                "projects.");

    internal sealed class Row
    {
        public string Code { get; set; } = "";
        public int Projects { get; set; }
    }
}
