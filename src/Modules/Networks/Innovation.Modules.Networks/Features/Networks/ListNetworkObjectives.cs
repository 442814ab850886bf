using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Networks.Features.Networks;

internal static class ListNetworkObjectives
{
    internal const string ListSql = ObjectiveTable.SelectSql
        + "WHERE network_id = @NetworkId AND (@SchoolYear IS NULL OR school_year = @SchoolYear) ORDER BY school_year, id";

    internal sealed record Query(Guid NetworkId, string? SchoolYear, Caller Caller) : IRequest<Page<Objective>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Objective>>
    {
        public Task<Page<Objective>> Handle(Query query, CancellationToken cancellationToken) =>
            NetworkChildren.ListAsync<ObjectiveTable.Row, Objective>(
                db, query.NetworkId, query.Caller, ListSql, networkId => new { NetworkId = networkId, query.SchoolYear }, r => r.ToObjective(),
                cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapGet("/{id:guid}/objectives", async (
                Guid id, HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "schoolYear"), Description("Only this school year (e.g. 2025-2026).")] string? schoolYear = null) =>
            {
                if (schoolYear is not null && !Periods.IsSchoolYear(schoolYear))
                {
                    throw RequestValidationException.For("schoolYear", Periods.SchoolYearRule);
                }

                return TypedResults.Ok(await mediator.Send(new Query(id, schoolYear, http.Caller()), ct));
            })
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("ListNetworkObjectives")
            .WithSummary("List the network project's objectives")
            .WithDescription("Every objective of the network project (at most 500, so in one page), by school year then creation order.")
            .Produces<Page<Objective>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
