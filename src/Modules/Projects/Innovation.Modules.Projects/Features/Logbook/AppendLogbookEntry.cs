namespace Innovation.Modules.Projects.Features.Logbook;

/// <summary>A new logbook entry. The author is the caller.</summary>
/// <param name="Type">What the entry records.</param>
/// <param name="Date" example="2026-10-02">The day the entry is about (default today; not in the future).</param>
/// <param name="Text" example="Première sortie au parc : les élèves ont noté 14 espèces.">The entry (4000 characters at most).</param>
/// <param name="Corrects">An earlier entry of the same logbook that this one corrects (entries are never edited).</param>
internal sealed record LogbookEntryDraft(LogbookEntryType? Type, DateOnly? Date, string? Text, Guid? Corrects);

/// <summary>The rules of a new logbook entry.</summary>
internal sealed class LogbookEntryDraftValidator : AbstractValidator<LogbookEntryDraft>
{
    public LogbookEntryDraftValidator(TimeProvider time)
    {
        RuleFor(e => e.Type).NotNull().IsInEnum();
        RuleFor(e => e.Text).NotEmpty().MaximumLength(4000);

        // One day of slack: the client's "today" may already be tomorrow in UTC.
        RuleFor(e => e.Date).LessThanOrEqualTo(_ => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(1)))
            .When(e => e.Date is not null).WithMessage("A logbook entry cannot be about a day in the future.");
    }
}

internal static class AppendLogbookEntry
{
    internal sealed record Command(Guid ProjectId, LogbookEntryDraft Body, int? IfMatch, Caller Caller) : IRequest<(LogbookEntry Entry, int Version)>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<LogbookEntryDraft> entry) => RuleFor(c => c.Body).SetValidator(entry);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, (LogbookEntry Entry, int Version)>
    {
        public Task<(LogbookEntry Entry, int Version)> Handle(Command command, CancellationToken cancellationToken)
        {
            var (body, caller) = (command.Body, command.Caller);
            var now = time.GetUtcNow();
            return ProjectAttachments.Rules.ChangeAsync(db, time, command.ProjectId, caller, command.IfMatch, async (c, t, row) =>
            {
                if (body.Corrects is { } corrected && await LogbookTable.FindAsync(c, row.Id, corrected, t) is null)
                {
                    throw RequestValidationException.For("corrects", $"This project's logbook has no entry {corrected}.");
                }

                var id = SortableId.New();
                await c.ExecuteAsync(LogbookTable.InsertSql, new
                {
                    Id = id, ProjectId = row.Id, EntryType = StableCode.Of(body.Type!.Value), EntryDate = body.Date
                        ?? DateOnly.FromDateTime(now.UtcDateTime),
                    EntryText = body.Text!.Trim(), body.Corrects, Author = caller.Id, CreatedAt = now,
                }, t);
                var entry = (await LogbookTable.FindAsync(c, row.Id, id, t))!.ToEntry();
                await ProjectAttachments.Rules.AuditAsync(c, t, row, caller, now, "logbook", id, "add", null, entry);
                return entry;
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPost("/{id:guid}/logbook", async (Guid id, LogbookEntryDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (entry, version) = await mediator.Send(new Command(id, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Created($"/api/v1/projects/{id}/logbook/{entry.Id}", entry);
            })
            .RequireProjectEditor()
            .WithName("AppendLogbookEntry")
            .WithSummary("Append an entry to a project's logbook")
            .WithDescription("The logbook is append-only: entries are never changed or deleted (PUT and DELETE answer 405); a correction is a new " +
                "entry naming the corrected one in `corrects`. The author is the caller. Requires If-Match with the project's ETag; the project " +
                "moves one version up and the response carries its new ETag. An archived project is read-only (409 `project_locked`).")
            .WithIdempotency()
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<LogbookEntryDraft>("application/json")
            .Produces<LogbookEntry>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
