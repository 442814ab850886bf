namespace Innovation.Modules.Accompaniment.Features.Notes;

internal static class RemoveNote
{
    internal sealed record Command(Guid PlanId, Guid NoteId, int? IfMatch, Caller Caller) : IRequest<Unit>;

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var (plan, reader) = await NotePlan.OpenAsync(db, mediator, command.PlanId, command.Caller, cancellationToken);
            await db.WriteAsync(async (c, t) =>
            {
                var row = NoteAuthor.Changing(reader, await NoteTable.FindAsync(c, plan.Id, command.NoteId, t), command.NoteId, command.IfMatch);
                if (await c.ExecuteAsync(NoteTable.DeleteSql, row, t) == 0)
                {
                    throw ETags.Stale(row.Version);
                }
            }, cancellationToken);
            return Unit.Value;
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapDelete("/plans/{id:guid}/notes/{noteId:guid}", async (
                Guid id, Guid noteId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id, noteId, ETags.RequiredIfMatch(http.Request), http.Caller()), ct);
                return TypedResults.NoContent();
            })
            .RequireWriterScope()
            .WithName("RemoveAccompanimentNote")
            .WithSummary("Remove a confidential note")
            .WithDescription("Removes the note for good; only its author does (403 `not_the_author` for an accompanist who reads it), "
                + "whatever the plan's status: the author's words are theirs to take back. " + NotePlan.Confidential
                + " Requires If-Match with the note's ETag." + NotePlan.WriterScopes)
            .RequiresIfMatch()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
