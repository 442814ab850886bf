namespace Innovation.Modules.Accompaniment.Features.Resources;

/// <summary>How many resources match the filters, in total and per value of each facet.</summary>
/// <param name="Total">Resources matching the filters.</param>
/// <param name="Kind">Per kind (every kind listed, zero included).</param>
/// <param name="Format">Per format (every format listed, zero included).</param>
/// <param name="Theme">Per theme (only themes the matching resources have). A resource with two themes counts under both.</param>
/// <param name="Section">Per guide section, in the guide's order (every section listed, zero included).</param>
internal sealed record BankResourceFacets(
    int Total, IReadOnlyList<BankResourceFacetCount> Kind, IReadOnlyList<BankResourceFacetCount> Format, IReadOnlyList<BankResourceFacetCount> Theme,
    IReadOnlyList<BankResourceFacetCount> Section);

/// <summary>One facet value and its number of resources.</summary>
/// <param name="Code" example="video">The value's code.</param>
/// <param name="Count" example="12">Resources with that value.</param>
internal sealed record BankResourceFacetCount(string Code, int Count);

internal static class ResourceFacets
{
    internal const string FacetsSql =
        "SELECT COUNT(*) FROM accompaniment.resource r\n" + ResourceFilters.WhereSql + ";\n"
        + "SELECT r.kind AS Code, COUNT(*) AS Resources FROM accompaniment.resource r\n" + ResourceFilters.WhereSql + "GROUP BY r.kind;\n"
        + "SELECT r.format AS Code, COUNT(*) AS Resources FROM accompaniment.resource r\n" + ResourceFilters.WhereSql + "GROUP BY r.format;\n"
        + "SELECT t.theme AS Code, COUNT(*) AS Resources\n"
        + "FROM accompaniment.resource r JOIN accompaniment.resource_theme t ON t.resource_id = r.id\n" + ResourceFilters.WhereSql
        + "GROUP BY t.theme;\n"
        + "SELECT s.section AS Code, COUNT(*) AS Resources\n"
        + "FROM accompaniment.resource r JOIN accompaniment.resource_section s ON s.resource_id = r.id\n" + ResourceFilters.WhereSql
        + "GROUP BY s.section";

    internal sealed record Query(ResourceFilters Filters, Publication Publication, Caller Caller) : IRequest<BankResourceFacets>;

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<Query, BankResourceFacets>
    {
        public async Task<BankResourceFacets> Handle(Query query, CancellationToken cancellationToken)
        {
            var parameters = await query.Filters.ResolveAsync(query.Caller, query.Publication.Published, mediator, cancellationToken);
            return await db.ReadAsync(async c =>
            {
                using var reader = await c.QueryMultipleAsync(FacetsSql, parameters);
                var total = await reader.ReadSingleAsync<int>();
                var kind = await reader.ReadAsync<Row>();
                var format = await reader.ReadAsync<Row>();
                var theme = await reader.ReadAsync<Row>();
                var section = await reader.ReadAsync<Row>();
                return new BankResourceFacets(
                    total,
                    Every(kind, Enum.GetValues<BankResourceKind>().Select(StableCode.Of)),
                    Every(format, Enum.GetValues<BankResourceFormat>().Select(StableCode.Of)),
                    [.. theme.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new BankResourceFacetCount(r.Code, r.Resources))],
                    Every(section, GuideSections.All));
            }, cancellationToken);
        }

        private static List<BankResourceFacetCount> Every(IEnumerable<Row> rows, IEnumerable<string> codes)
        {
            var counts = rows.ToDictionary(r => r.Code, r => r.Resources, StringComparer.OrdinalIgnoreCase);
            return [.. codes.Select(code => new BankResourceFacetCount(code, counts.GetValueOrDefault(code)))];
        }
    }

    public static void Map(IEndpointRouteBuilder resources) =>
        resources.MapGet("/facets", async ([AsParameters] ResourceFilters filters, [AsParameters] Publication publication, HttpContext http,
                IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(filters, publication, http.Caller()), ct)))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("GetBankResourceFacets")
            .WithSummary("Count resources per kind, format, theme and guide section")
            .WithDescription("Takes the same filters as the resource list (`q` and `published` included) and counts the matching resources, "
                + "in total and per value of each facet. A resource counts once per value it has: under each of its themes and guide "
                + "sections. Kind, format and section list every code (zero included); themes only those the matching resources have.")
            .Produces<BankResourceFacets>()
            .ProducesValidationProblem();

    internal sealed class Row
    {
        public string Code { get; set; } = "";
        public int Resources { get; set; }
    }
}
