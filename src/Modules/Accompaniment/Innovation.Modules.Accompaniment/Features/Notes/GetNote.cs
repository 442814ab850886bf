using Microsoft.AspNetCore.DataProtection;

namespace Innovation.Modules.Accompaniment.Features.Notes;

internal static class GetNote
{
    internal sealed record Query(Guid PlanId, Guid NoteId, Caller Caller) : IRequest<Versioned<PlanNote>>;

    internal sealed class Handler(Db db, IMediator mediator, IDataProtectionProvider protection) : IRequestHandler<Query, Versioned<PlanNote>>
    {
        public async Task<Versioned<PlanNote>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (plan, reader) = await NotePlan.OpenAsync(db, mediator, query.PlanId, query.Caller, cancellationToken);
            var row = reader.Readable(await db.ReadAsync(c => NoteTable.FindAsync(c, plan.Id, query.NoteId), cancellationToken), query.NoteId);
            return new Versioned<PlanNote>(row.ToNote(protection, reader), row.Version);
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapGet("/plans/{id:guid}/notes/{noteId:guid}", async (
                Guid id, Guid noteId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Query(id, noteId, http.Caller()), ct);
                return ETags.OkOrNotModified(http, saved.Version, saved.Value);
            })
            .RequireReaderScope()
            .WithName("GetAccompanimentNote")
            .WithSummary("Read a confidential note")
            .WithDescription("One note, for its author or an accompanist of the plan. " + NotePlan.Confidential + " Answers 304 to "
                + "If-None-Match with its ETag." + NotePlan.ReaderScopes)
            .ReadsVersioned<PlanNote>();
}
