namespace Innovation.Modules.Evaluation.Features.Indicators;

internal static class UpdateIndicator
{
    internal const string HasMeasurementsSql = "SELECT COUNT(*) FROM evaluation.measurement WHERE indicator_id = @Id";

    internal sealed record Command : VersionedChange<IndicatorDraft, Indicator>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<IndicatorDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<Indicator>>
    {
        public async Task<Versioned<Indicator>> Handle(Command command, CancellationToken cancellationToken)
        {
            var body = command.Body;
            var named = string.IsNullOrWhiteSpace(body.Academie) ? null : await body.NamedAcademieAsync(mediator, command.Caller, cancellationToken);
            return await db.WriteAsync(async (c, t) =>
            {
                var current = await IndicatorTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, current.Version);

                if (StableCode.Of(body.Scope!.Value) != current.Scope || body.ScopeId != current.ScopeId)
                {
                    throw RequestValidationException.For("scope", $"An indicator stays in its scope ({current.Scope} {current.ScopeId}).");
                }

                if (named is not null && named != current.Academie)
                {
                    throw RequestValidationException.For("academie", $"An indicator stays in its académie ({current.Academie}).");
                }

                var row = IndicatorTable.Row.From(body, current.Academie, time.GetUtcNow(), current);
                if (row.Unit != current.Unit && await c.ExecuteScalarAsync<long>(HasMeasurementsSql, new { current.Id }, t) > 0)
                {
                    throw ProblemException.Conflict("indicator_has_measurements",
                        "The indicator has measurements: its unit cannot change (create a new indicator).");
                }

                await IndicatorTable.EnsureCodeFreeAsync(c, t, row);
                await IndicatorTable.SaveAsync(c, t, row, current, command.Caller, "update");
                return row.ToVersioned();
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder indicators) =>
        indicators.MapChange<Command, IndicatorDraft, Indicator>("PUT", "/{id:guid}", StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("UpdateIndicator")
            .WithSummary("Replace an indicator")
            .WithDescription("Replaces every field of an indicator (same rules as its creation). Its scope and académie stay (400 otherwise); "
                + "its unit cannot change once it has measurements (409 `indicator_has_measurements`); another indicator of the scope with "
                + "the same code is a 409 `indicator_exists`. An indicator of another académie is a 404. Requires If-Match with its ETag.");
}
