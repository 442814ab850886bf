using Innovation.Modules.Accompaniment.Features.Plans;
using Microsoft.AspNetCore.DataProtection;

namespace Innovation.Modules.Accompaniment.Features.Notes;

internal static class WriteNote
{
    internal sealed record Command(Guid PlanId, PlanNoteDraft Body, Caller Caller) : IRequest<Versioned<PlanNote>>;

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
            var role = await reader.WriterRoleAsync(mediator, plan, command.Caller, cancellationToken);
            var now = time.GetUtcNow();
            var id = SortableId.New();
            var row = new NoteTable.Row
            {
                Id = id, PlanId = plan.Id, AuthorRole = StableCode.Of(role), AuthorKey = reader.Key, AuthorPersonId = reader.PersonId,
                ProtectedText = NoteTable.Protect(protection, id, command.Body.Text!.Trim()), Version = 1, CreatedAt = now, UpdatedAt = now,
            };
            await db.WriteAsync(async (c, t) =>
            {
                PlanRules.EnsureOpen(await PlanRules.FindVisibleAsync(c, plan.Id, command.Caller, t));
                await c.ExecuteAsync(NoteTable.InsertSql, row, t);
            }, cancellationToken);
            return new Versioned<PlanNote>(row.ToNote(protection, reader), row.Version);
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapPost("/plans/{id:guid}/notes", async (
                Guid id, PlanNoteDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Command(id, body, http.Caller()), ct);
                return ETags.Created(http, saved.Version, $"/api/v1/accompaniment/plans/{id}/notes/{saved.Value.Id}", saved.Value);
            })
            .RequireWriterScope()
            .WithName("WriteAccompanimentNote")
            .WithSummary("Write a confidential reflexive note")
            .WithDescription("An accompanist of the plan or a carrier of the project writes a reflexive note in the accompaniment; anyone "
                + "else is a 403 `not_a_note_writer`. " + NotePlan.Confidential + " The text is stored encrypted; the note publishes no "
                + "event. A closed or declined plan is a 409 `plan_closed`; a plan of another académie a 404. No `Idempotency-Key`: a "
                + "stored replay would keep the note's words in clear." + NotePlan.WriterScopes)
            .ReturnsETag()
            .Accepts<PlanNoteDraft>("application/json")
            .Produces<PlanNote>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
