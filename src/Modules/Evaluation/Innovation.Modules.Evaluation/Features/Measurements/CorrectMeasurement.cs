using Innovation.Modules.Evaluation.Features.Indicators;

namespace Innovation.Modules.Evaluation.Features.Measurements;

internal static class CorrectMeasurement
{
    internal sealed record Command : VersionedChange<MeasurementDraft, Measurement>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<MeasurementDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<Measurement>>
    {
        public async Task<Versioned<Measurement>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (current, indicator) = await db.ReadAsync(async c =>
            {
                var measurement = await MeasurementTable.FindVisibleAsync(c, command.Id, command.Caller);
                return (measurement, await IndicatorTable.FindVisibleAsync(c, measurement.IndicatorId, command.Caller));
            }, cancellationToken);
            if (command.Body.ThePeriod.Code != current.Period)
            {
                throw RequestValidationException.For("period", $"A measurement keeps its period ({current.Period}).");
            }

            MeasurementRules.EnsureUnit(indicator.UnitCode, command.Body.Value!.Value);
            await MeasurementRules.EnsureCollectorAsync(mediator, indicator.Academie, command.Body.CollectedBy, cancellationToken);
            var now = time.GetUtcNow();
            return await db.WriteAsync(async (c, t) =>
            {
                var before = await MeasurementTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, before.Version);

                var row = MeasurementTable.Row.Submitted(command.Body, before.IndicatorId, before.Academie, command.Caller, now, before);
                await MeasurementTable.SaveAsync(c, t, row, before, command.Caller, "correct", now);
                return row.ToVersioned();
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder measurements) =>
        measurements.MapChange<Command, MeasurementDraft, Measurement>("PUT", "/{id:guid}")
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("CorrectMeasurement")
            .WithSummary("Correct a measurement")
            .WithDescription("Replaces a measurement's value, source, collector and comment (its period stays: 400 otherwise) and submits it "
                + "again, whatever its status: a returned value comes back for review, an approved one stops counting until it is approved "
                + "again. The history keeps every earlier value and decision. Same rules as its submission. A measurement of another académie "
                + "is a 404. Requires If-Match with its ETag.");
}
