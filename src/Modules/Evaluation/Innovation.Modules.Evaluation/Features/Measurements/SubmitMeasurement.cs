using Innovation.Modules.Evaluation.Features.Indicators;

namespace Innovation.Modules.Evaluation.Features.Measurements;

internal static class SubmitMeasurement
{
    internal sealed record Command(Guid IndicatorId, MeasurementDraft Body, Caller Caller) : IRequest<Versioned<Measurement>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<MeasurementDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<Measurement>>
    {
        public async Task<Versioned<Measurement>> Handle(Command command, CancellationToken cancellationToken)
        {
            var indicator = await db.ReadAsync(c => IndicatorTable.FindVisibleAsync(c, command.IndicatorId, command.Caller), cancellationToken);
            MeasurementRules.EnsureUnit(indicator.UnitCode, command.Body.Value!.Value);
            await MeasurementRules.EnsureCollectorAsync(mediator, indicator.Academie, command.Body.CollectedBy, cancellationToken);
            var now = time.GetUtcNow();
            var row = MeasurementTable.Row.Submitted(command.Body, indicator.Id, indicator.Academie, command.Caller, now);
            return await db.WriteAsync(async (c, t) =>
            {
                if (await c.QuerySingleOrDefaultAsync<MeasurementTable.Row>(MeasurementTable.FindByPeriodSql, row, t) is { } existing)
                {
                    throw ProblemException.Conflict("measurement_exists",
                            $"Measurement {existing.Id} already holds period {row.Period} of this indicator; correct it with PUT.")
                        .With("measurementId", existing.Id);
                }

                await MeasurementTable.SaveAsync(c, t, row, null, command.Caller, "submit", now);
                return row.ToVersioned();
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder evaluation) =>
        evaluation.MapPost("/indicators/{indicatorId:guid}/measurements", async (
                Guid indicatorId, MeasurementDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Command(indicatorId, body, http.Caller()), ct);
                return ETags.Created(http, saved.Version, $"/api/v1/evaluation/measurements/{saved.Value.Id}", saved.Value);
            })
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("SubmitMeasurement")
            .WithSummary("Submit a measurement of an indicator")
            .WithDescription("Submits the indicator's value for a period (a school year, a month or a day) or a date; it counts in dashboards "
                + "once someone else with `evaluation:approve` approves it. A value its unit does not admit (a percent outside 0–100, a count "
                + "below 0 or not whole) is a 400 on `value`; a collector not in the académie's directory a 400 on `collectedBy`; an indicator "
                + "of another académie a 404; a measurement of the same period a 409 `measurement_exists` (correct it with PUT).")
            .CreatesVersioned<MeasurementDraft, Measurement>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
