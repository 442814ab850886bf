using Innovation.Modules.Accompaniment.Features.Plans;
using Microsoft.AspNetCore.DataProtection;

namespace Innovation.Modules.Accompaniment.Features.Notes;

internal static class ChangeNote
{
    internal sealed record Command(Guid PlanId, Guid NoteId, PlanNoteDraft Body, int? IfMatch, Caller Caller) : IRequest<Versioned<PlanNote>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<PlanNoteDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, IDataProtectionProvider protection, TimeProvider time)
        : IRequestHandler<Command, Versioned<PlanNote>>
    {
        public async Task<Versioned<PlanNote>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (plan, reader) = await NotePlan.OpenAsync(db, mediator, command.PlanId, command.Caller, cancellationToken);
            return await db.WriteAsync(async (c, t) =>
            {
                var row = NoteAuthor.Changing(reader, await NoteTable.FindAsync(c, plan.Id, command.NoteId, t), command.NoteId, command.IfMatch);
                PlanRules.EnsureOpen(await PlanRules.FindVisibleAsync(c, plan.Id, command.Caller, t));
                row.ProtectedText = NoteTable.Protect(protection, row.Id, command.Body.Text!.Trim());
                row.UpdatedAt = time.GetUtcNow();
                row.Version++;
                if (await c.ExecuteAsync(NoteTable.UpdateSql, row, t) == 0)
                {
                    throw ETags.Stale(row.Version);
                }

                return new Versioned<PlanNote>(row.ToNote(protection, reader), row.Version);
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapPut("/plans/{id:guid}/notes/{noteId:guid}", async (
                Guid id, Guid noteId, PlanNoteDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Command(id, noteId, body, ETags.RequiredIfMatch(http.Request), http.Caller()), ct);
                return ETags.Saved(http, saved.Version, saved.Value);
            })
            .RequireWriterScope()
            .WithName("ChangeAccompanimentNote")
            .WithSummary("Rewrite a confidential note")
            .WithDescription("Replaces the note's text; only its author does (403 `not_the_author` for an accompanist who reads it). "
                + NotePlan.Confidential + " A closed or declined plan is a 409 `plan_closed`. Requires If-Match with the note's ETag."
                + NotePlan.WriterScopes)
            .ChangesVersioned<PlanNoteDraft, PlanNote>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}

/// <summary>Only the author changes or removes a note; an accompanist who may read it is a 403, anyone else a 404.</summary>
internal static class NoteAuthor
{
    public static NoteTable.Row Changing(NoteReader reader, NoteTable.Row? note, Guid id, int? ifMatch)
    {
        var row = reader.Readable(note, id);
        if (!reader.Wrote(row))
        {
            throw ProblemException.Forbidden("not_the_author", "Only the note's author changes or removes it.");
        }

        ETags.EnsureCurrent(ifMatch, row.Version);
        return row;
    }
}
