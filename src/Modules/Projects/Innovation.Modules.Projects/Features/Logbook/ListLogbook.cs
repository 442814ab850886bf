using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Projects.Features.Logbook;

internal static class ListLogbook
{
    internal const string ListSql = LogbookTable.SelectColumns + """
        WHERE project_id = @ProjectId
          AND (@EntryType IS NULL OR entry_type = @EntryType)
          AND (@Before IS NULL OR sequence < @Before)
        ORDER BY sequence DESC
        {{limit @Take}}
        """;

    /// <summary>Filters of the logbook.</summary>
    internal sealed record Filters(
        [property: FromQuery(Name = "type"), EnumCodes(typeof(LogbookEntryType))] string? Type,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Guid ProjectId, Filters Filters, Caller Caller) : IRequest<(Page<LogbookEntry> Page, int Version)>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, (Page<LogbookEntry> Page, int Version)>
    {
        public Task<(Page<LogbookEntry> Page, int Version)> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Limit.Resolve(query.Filters.Limit);
            var type = EnumCodesAttribute.Parse<LogbookEntryType>(query.Filters.Type, "type");
            var page = PageRequest.AfterSequence(limit, query.Filters.Cursor);

            return ProjectAttachments.Rules.ReadAsync(db, query.ProjectId, query.Caller, async (c, row) =>
            {
                var rows = await c.QueryAsync<LogbookTable.Row>(db.Sql(ListSql), new
                {
                    ProjectId = row.Id, EntryType = type is { } t ? StableCode.Of(t) : null, Before = page.After, Take = page.Take,
                });
                return page.PageOf([.. rows.Select(r => r.ToEntry())], e => e.Sequence.ToString(CultureInfo.InvariantCulture));
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/logbook", async (Guid id, [AsParameters] Filters filters, HttpContext http, IMediator mediator,
            CancellationToken ct) =>
            {
                var (page, version) = await mediator.Send(new Query(id, filters, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return ETags.IsNotModified(http.Request, version) ? Results.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(page);
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("ListLogbookEntries")
            .WithSummary("Read a project's logbook")
            .WithDescription("Newest entries first, with cursor pagination (`limit` 1–200, default 50) and an optional `type` filter. The ETag " +
                "header is the project's.")
            .ReturnsETag()
            .Produces<Page<LogbookEntry>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
