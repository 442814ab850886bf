namespace Innovation.Modules.Projects.Features.Logbook;

internal static class GetLogbookEntry
{
    internal sealed record Query(Guid ProjectId, Guid EntryId, Caller Caller) : IRequest<LogbookEntry>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, LogbookEntry>
    {
        public async Task<LogbookEntry> Handle(Query query, CancellationToken cancellationToken)
        {
            var (entry, _) = await ProjectAttachments.Rules.ReadAsync(db, query.ProjectId, query.Caller,
                async (c, row) => (await LogbookTable.FindAsync(c, row.Id, query.EntryId))?.ToEntry(), cancellationToken);
            return entry ?? throw ProblemException.NotFound("logbook entry", query.EntryId.ToString());
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/logbook/{entryId:guid}",
            async (Guid id, Guid entryId, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id, entryId, http.Caller()), ct)))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetLogbookEntry")
            .WithSummary("Get one logbook entry")
            .WithDescription("One entry of a project's logbook. Entries cannot be changed or deleted (PUT and DELETE answer 405).")
            .Produces<LogbookEntry>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
