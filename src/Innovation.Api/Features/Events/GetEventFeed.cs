using System.Text.Json;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Api.Features.Events;

/// <summary>One integration event as rectorate systems replay it.</summary>
/// <param name="Id" example="01968f2a-9a1b-7c2d-8e3f-405162738495">Event id; also a valid <c>after</c> cursor.</param>
/// <param name="Type" example="SchoolRegistered">Event name, e.g. <c>SchoolRegistered</c>.</param>
/// <param name="OccurredAt" example="2026-09-01T08:30:00.1234567Z">When the change was committed.</param>
/// <param name="Academie" example="25">The académie the event belongs to.</param>
/// <param name="Payload">The event's data; its shape depends on <c>type</c>.</param>
internal sealed record FeedEvent(Guid Id, string Type, DateTimeOffset OccurredAt, string Academie, JsonElement Payload);

internal static class GetEventFeed
{
    internal const string PositionSql = """
        SELECT position FROM host.event_feed WHERE event_id = @After AND (@Academie IS NULL OR academie = @Academie)
        """;

    internal const string PageSql = """
        SELECT position AS Position, event_id AS Id, type AS Type, occurred_at AS OccurredAt, academie AS Academie, payload AS Payload
        FROM host.event_feed
        WHERE position > @Position AND (@Academie IS NULL OR academie = @Academie)
        ORDER BY position
        {{limit @Take}}
        """;

    internal sealed record Query(Caller Caller, string? After, int Limit) : IRequest<Page<FeedEvent>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<FeedEvent>>
    {
        public async Task<Page<FeedEvent>> Handle(Query query, CancellationToken cancellationToken)
        {
            Guid? after = null;
            if (!string.IsNullOrEmpty(query.After))
            {
                after = Guid.TryParse(query.After, out var id)
                    ? id
                    : throw RequestValidationException.For("after", "Pass the id of the last event you processed (or a nextCursor).");
            }

            var rows = await db.ReadAsync(async c =>
            {
                long position = 0;
                if (after is not null)
                {
                    position = await c.ExecuteScalarAsync<long?>(PositionSql, new { After = after, query.Caller.Academie })
                        ?? throw RequestValidationException.For("after", "No event with this id is visible to you.");
                }

                return (await c.QueryAsync<Row>(db.Sql(PageSql), new { Position = position, query.Caller.Academie, Take = query.Limit + 1 }))
                    .ToList();
            }, cancellationToken);

            var items = rows.Select(r => new FeedEvent(r.Id, r.Type, r.OccurredAt, r.Academie, JsonDocument.Parse(r.Payload).RootElement)).ToList();
            return items.Count > query.Limit
                ? new Page<FeedEvent>(items.Take(query.Limit).ToList(), items[query.Limit - 1].Id.ToString())
                : new Page<FeedEvent>(items, null);
        }
    }

    internal sealed class Row
    {
        public long Position { get; init; }
        public Guid Id { get; init; }
        public string Type { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string Academie { get; init; } = "";
        public string Payload { get; init; } = "";
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/events", async (
                HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "after")] string? after = null, [FromQuery(Name = "cursor")] string? cursor = null,
                [FromQuery(Name = "limit")] int? limit = null) =>
            {
                // `cursor` is the name every list uses for nextCursor; `after` says what it is here. Either, not two different ones.
                if (after is not null && cursor is not null && after != cursor)
                {
                    throw RequestValidationException.For("cursor", "Pass the position once: `after` and `cursor` are the same parameter.");
                }

                return TypedResults.Ok(await mediator.Send(new Query(http.Caller(), after ?? cursor, Limit.Resolve(limit)), ct));
            })
            .RequireAuthorization(Scopes.EventsRead)
            .WithTags("Events")
            .WithName("GetEventFeed")
            .WithSummary("Replay the integration event feed")
            .WithDescription("Events of the caller's académie (all académies for a national credential) in commit order. Start without `after`, " +
                "then pass `nextCursor` as `cursor` (or as `after`: the same parameter) until it is absent; to resume later, pass the `id` of the " +
                "last event you processed as `after`. Events are " +
                "never removed, so the feed can be replayed from the start at any time.")
            .Produces<Page<FeedEvent>>()
            .ProducesValidationProblem();
}
