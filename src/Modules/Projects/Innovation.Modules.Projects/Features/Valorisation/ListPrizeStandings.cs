using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class ListPrizeStandings
{
    internal const string ListSql = """
        SELECT pp.project_id AS ProjectId, p.title AS Title, p.status AS Status, pp.academie AS Academie, pp.year AS Year,
               pp.standing AS Standing, pp.marked_at AS MarkedAt
        FROM projects.project_prize pp JOIN projects.project p ON p.id = pp.project_id
        WHERE pp.year = @Year
          AND (@CallerAcademie IS NULL OR pp.academie = @CallerAcademie)
          AND (@Academie IS NULL OR pp.academie = @Academie)
          AND (@Standing IS NULL OR pp.standing = @Standing)
          AND pp.project_id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY pp.project_id
        {{limit @Take}}
        """;

    /// <summary>A project on a year's prize list.</summary>
    /// <param name="ProjectId">The project's id.</param>
    /// <param name="Title">The project's title.</param>
    /// <param name="Status">The project's lifecycle status.</param>
    /// <param name="Academie" example="25">Académie code.</param>
    /// <param name="Year" example="2026">Prize year.</param>
    /// <param name="Standing">candidate or laureate.</param>
    /// <param name="MarkedAt">When the standing was last set.</param>
    internal sealed record PrizeListEntry(Guid ProjectId, string Title, ProjectStatus Status, string Academie, int Year, PrizeStanding Standing,
        DateTimeOffset MarkedAt);

    internal sealed class Row
    {
        public Guid ProjectId { get; set; }
        public string Title { get; set; } = "";
        public string Status { get; set; } = "";
        public string Academie { get; set; } = "";
        public int Year { get; set; }
        public string Standing { get; set; } = "";
        public DateTimeOffset MarkedAt { get; set; }

        public PrizeListEntry ToEntry() =>
            new(ProjectId, Title, StableCode.Parse<ProjectStatus>(Status), Academie, Year, StableCode.Parse<PrizeStanding>(Standing), MarkedAt);
    }

    /// <summary>Filters of a prize list.</summary>
    internal sealed record Filters(
        [property: FromQuery(Name = "academie")] string? Academie,
        [property: FromQuery(Name = "standing"), EnumCodes(typeof(PrizeStanding))] string? Standing,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(int Year, Filters Filters, Caller Caller) : IRequest<Page<PrizeListEntry>>;

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<Query, Page<PrizeListEntry>>
    {
        public async Task<Page<PrizeListEntry>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var limit = Limit.Resolve(filters.Limit);
            var standing = EnumCodesAttribute.Parse<PrizeStanding>(filters.Standing, "standing");
            var academie = await CreateProject.NamedAcademieAsync(mediator, filters.Academie, cancellationToken);
            var page = PageRequest.AfterId(limit, filters.Cursor);
            var rows = await db.ReadAsync(c => c.QueryAsync<Row>(db.Sql(ListSql), new
            {
                query.Year,
                CallerAcademie = query.Caller.Academie,
                Academie = academie,
                Standing = standing is { } s ? StableCode.Of(s) : null,
                page.After,
                page.Take,
            }), cancellationToken);
            return page.PageOf([.. rows.Select(r => r.ToEntry())], e => e.ProjectId.ToString());
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/prizes/{year:int}", async (int year, [AsParameters] Filters filters, HttpContext http, IMediator mediator,
            CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(year, filters, http.Caller()), ct)))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("ListPrizeStandings")
            .WithSummary("A year's innovation prize list")
            .WithDescription("The candidates and laureates of the caller's académie for `year`, ordered by project id, with cursor pagination " +
                "(`limit` 1–200, default 50). `standing` keeps candidates or laureates only; a national caller may narrow to one `academie`. " +
                "Unknown query parameters are rejected.")
            .Produces<Page<PrizeListEntry>>()
            .ProducesValidationProblem();
}
