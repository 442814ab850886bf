using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Networks.Features.Relays;

internal static class ListRelays
{
    internal const string ListSql = RelayTable.SelectSql + """
        WHERE (@CallerAcademie IS NULL OR academie = @CallerAcademie)
          AND departement = @Departement
          AND (@Stage IS NULL OR stage = @Stage)
          AND (@Status IS NULL OR status = @Status)
          AND id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY id
        {{limit @Take}}
        """;

    internal sealed record Query(string? Departement, int? Year, string? Status, int? Limit, string? Cursor, Caller Caller) : IRequest<Page<Relay>>;

    internal sealed class Handler(Db db, Territory territory) : IRequestHandler<Query, Page<Relay>>
    {
        public async Task<Page<Relay>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Limit.Resolve(query.Limit);
            var status = EnumCodesAttribute.Parse<RelayStatus>(query.Status, "status");
            var departement = (await territory.GetAsync(cancellationToken)).FindDepartement(query.Departement)?.Code;
            var errors = new Dictionary<string, string[]>();
            if (departement is null)
            {
                errors["departement"] = [string.IsNullOrWhiteSpace(query.Departement)
                    ? "The département is required (e.g. 027)."
                    : $"Unknown département '{query.Departement}'."];
            }

            if (query.Year is < 1 or > RelayProgression.LastYear)
            {
                errors["year"] = ["year is 1, 2 or 3."];
            }

            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors);
            }

            var page = PageRequest.AfterId(limit, query.Cursor);
            var rows = await db.ReadAsync(c => c.QueryAsync<RelayTable.Row>(db.Sql(ListSql), new
            {
                CallerAcademie = query.Caller.Academie, Departement = departement, Stage = query.Year,
                Status = status is { } s ? StableCode.Of(s) : null, page.After, page.Take,
            }), cancellationToken);
            return page.PageOf(rows.Select(r => r.ToRelay()).ToList(), r => r.Id.ToString());
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/relays", async (
                HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "departement"), Description("Département code (required), e.g. 027.")] string? departement = null,
                [FromQuery(Name = "year"), Description("Only relays in this year (1, 2 or 3).")] int? year = null,
                [FromQuery(Name = "status"), EnumCodes(typeof(RelayStatus)), Description("active or stopped.")] string? status = null,
                [FromQuery(Name = "limit")] int? limit = null,
                [FromQuery(Name = "cursor")] string? cursor = null) =>
                TypedResults.Ok(await mediator.Send(new Query(departement, year, status, limit, cursor, http.Caller()), ct)))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithTags("Relays")
            .WithName("ListRelays")
            .WithSummary("List the relays of a département")
            .WithDescription("The relay progressions of the mutualisation groups of a département, in a stable order, with cursor pagination; "
                + "filters `year` and `status`.")
            .Produces<Page<Relay>>()
            .ProducesValidationProblem();
}
