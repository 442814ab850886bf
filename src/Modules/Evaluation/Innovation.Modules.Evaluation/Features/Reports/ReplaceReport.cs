namespace Innovation.Modules.Evaluation.Features.Reports;

internal static class ReplaceReport
{
    internal sealed record Command : VersionedChange<ReportDraft, Report>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ReportDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<Report>>
    {
        public async Task<Versioned<Report>> Handle(Command command, CancellationToken cancellationToken)
        {
            var current = await db.ReadAsync(c => ReportTable.FindVisibleAsync(c, command.Id, command.Caller), cancellationToken);
            await command.Body.CheckAuthorsAsync(mediator, current.Academie, cancellationToken);
            return await db.WriteAsync(async (c, t) =>
            {
                current = await ReportTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, current.Version);

                var row = ReportTable.Row.From(command.Body, current.Academie, time.GetUtcNow(), current);
                await ReportTable.SaveAsync(c, t, row, current, command.Caller.Id, "update");
                return row.ToVersioned();
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapChange<Command, ReportDraft, Report>("PUT", "/{id:guid}")
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("ReplaceReport")
            .WithSummary("Replace a practice narrative or a monograph")
            .WithDescription("Replaces every field of a report (same rules as its creation; it stays in its académie, whatever `academie` "
                + "says). A report of another académie is a 404. Requires If-Match with the report's ETag.");
}
