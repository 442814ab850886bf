using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class ListPrizeStandings
{
    internal const string ListSql = "SELECT " + ValorisationList.ProjectColumns + """
        v.year AS Year, v.standing AS Standing, v.marked_at AS MarkedAt
        FROM projects.project_prize v JOIN projects.project p ON p.id = v.project_id
        WHERE v.year = @Year
          AND (@Standing IS NULL OR v.standing = @Standing)
        """ + ValorisationList.PageConditions;

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

    internal sealed class Row : ValorisationList.Row
    {
        public int Year { get; set; }
        public string Standing { get; set; } = "";
        public DateTimeOffset MarkedAt { get; set; }

        public PrizeListEntry ToEntry() =>
            new(ProjectId, ProjectTitle, ProjectStatus, Academie, Year, StableCode.Parse<PrizeStanding>(Standing), MarkedAt);
    }

    /// <summary>Filters of a prize list.</summary>
    internal sealed record Filters(
        [property: FromRoute(Name = "year")] int Year,
        [property: FromQuery(Name = "academie")] string? Academie,
        [property: FromQuery(Name = "standing"), EnumCodes(typeof(PrizeStanding))] string? Standing,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<PrizeListEntry>>;

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<Query, Page<PrizeListEntry>>
    {
        public Task<Page<PrizeListEntry>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var limit = Limit.Resolve(filters.Limit);
            var standing = EnumCodesAttribute.Parse<PrizeStanding>(filters.Standing, "standing");
            return ValorisationList.ListAsync<Row, PrizeListEntry>(
                db, mediator, query.Caller, ListSql, new { filters.Year, Standing = standing is { } s ? StableCode.Of(s) : null }, filters.Academie,
                limit, filters.Cursor, r => r.ToEntry(), e => e.ProjectId, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapQuery("/prizes/{year:int}", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("ListPrizeStandings")
            .WithSummary("A year's innovation prize list")
            .WithDescription("The candidates and laureates of the caller's académie for `year`, ordered by project id, with cursor pagination " +
                "(`limit` 1–200, default 50). `standing` keeps candidates or laureates only; a national caller may narrow to one `academie`. " +
                "Unknown query parameters are rejected.");
}
