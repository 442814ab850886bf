using System.ComponentModel;
using Innovation.Modules.Networks.Features.Networks;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Networks.Features.Meetings;

internal static class ListMeetings
{
    internal const string ListSql = MeetingTable.SelectSql + """
        WHERE network_id = @NetworkId
          AND (@Kind IS NULL OR kind = @Kind)
          AND (@From IS NULL OR event_date >= @From)
          AND (@To IS NULL OR event_date <= @To)
          AND (@AfterDate IS NULL OR event_date > @AfterDate OR (event_date = @AfterDate AND id > @AfterId))
        ORDER BY event_date, id
        {{limit @Take}}
        """;

    internal sealed record Query(Guid NetworkId, string? Kind, DateOnly? From, DateOnly? To, int? Limit, string? Cursor, Caller Caller)
        : IRequest<Page<NetworkEvent>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<NetworkEvent>>
    {
        public Task<Page<NetworkEvent>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Limit.Resolve(query.Limit);
            var kind = EnumCodesAttribute.Parse<NetworkEventKind>(query.Kind, "kind");
            // The key is the last meeting's "date|id".
            var page = PageRequest.AfterKey(limit, query.Cursor);
            string? afterDate = null;
            Guid? afterId = null;
            if (page.After is { } after)
            {
                var parts = after.Split('|');
                if (parts.Length != 2 || !Guid.TryParse(parts[1], out var id))
                {
                    throw RequestValidationException.For("cursor", Cursor.NotIssued);
                }

                (afterDate, afterId) = (parts[0], id);
            }

            return NetworkChildren.ReadAsync(db, query.NetworkId, query.Caller, async (c, network) =>
            {
                var rows = await c.QueryAsync<MeetingTable.Row>(db.Sql(ListSql), new
                {
                    NetworkId = network.Id, Kind = kind is { } k ? StableCode.Of(k) : null,
                    From = Periods.Text(query.From), To = Periods.Text(query.To), AfterDate = afterDate, AfterId = afterId, page.Take,
                });
                return page.PageOf(rows.Select(r => r.ToMeeting()).ToList(), e => $"{Periods.Text(e.Date)}|{e.Id}");
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapGet("/{id:guid}/events", async (
                Guid id, HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "kind"), EnumCodes(typeof(NetworkEventKind)), Description("Only events of this kind.")] string? kind = null,
                [FromQuery(Name = "from"), Description("Events on or after this day (yyyy-MM-dd).")] DateOnly? from = null,
                [FromQuery(Name = "to"), Description("Events on or before this day (yyyy-MM-dd).")] DateOnly? to = null,
                [FromQuery(Name = "limit")] int? limit = null,
                [FromQuery(Name = "cursor")] string? cursor = null) =>
                TypedResults.Ok(await mediator.Send(new Query(id, kind, from, to, limit, cursor, http.Caller()), ct)))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("ListNetworkEvents")
            .WithSummary("List a network's events")
            .WithDescription("Events of a network by date, with cursor pagination; filters `kind`, `from`, `to`.")
            .Produces<Page<NetworkEvent>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
