namespace Innovation.Modules.Evaluation.Features.Reports;

internal static class CreateReport
{
    internal sealed record Command(ReportDraft Body, Caller Caller) : IRequest<Versioned<Report>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ReportDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<Report>>
    {
        public async Task<Versioned<Report>> Handle(Command command, CancellationToken cancellationToken)
        {
            var academie = await command.Body.AcademieAsync(mediator, command.Caller, cancellationToken);
            await command.Body.CheckAuthorsAsync(mediator, academie, cancellationToken);
            var row = ReportTable.Row.From(command.Body, academie, time.GetUtcNow());
            await db.WriteAsync((c, t) => ReportTable.SaveAsync(c, t, row, null, command.Caller.Id, "create"), cancellationToken);
            return row.ToVersioned();
        }
    }

    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapCreate<ReportDraft, Report>("/", (body, caller) => new Command(body, caller), report => $"/api/v1/evaluation/reports/{report.Id}")
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("CreateReport")
            .WithSummary("Record a practice narrative or a monograph")
            .WithDescription("Capitalises an experience: a practice narrative or a project monograph, its text, authors (names, and their "
                + "directory ids when they are in it: an id of no person of the académie is a 400 naming the field) and http(s) links "
                + "(stored, never fetched; another scheme is a 400), attached to a project, an experimentation or a network of the "
                + "académie. Searchable at once. An académie other than the caller's is a 403 `academie_forbidden`.");
}
