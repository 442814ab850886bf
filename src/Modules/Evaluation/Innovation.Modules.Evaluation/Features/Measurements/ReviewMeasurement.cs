namespace Innovation.Modules.Evaluation.Features.Measurements;

/// <summary>Approving or returning a submitted measurement: the same rules, one decision.</summary>
internal static class ReviewMeasurement
{
    /// <summary>Why a measurement is returned.</summary>
    /// <param name="Reason" example="La valeur dépasse l'effectif de la classe : vérifier le relevé.">
    /// What to correct (1–1,000 characters).</param>
    internal sealed record MeasurementReturn(string? Reason);

    internal sealed class ReturnValidator : AbstractValidator<MeasurementReturn>
    {
        public ReturnValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000).OverridePropertyName("reason");
    }

    /// <summary>A review: the return's body, or none for an approval.</summary>
    internal sealed record Command(Guid Id, MeasurementStatus Decision, MeasurementReturn? Body, int? IfMatch, Caller Caller)
        : IRequest<Versioned<Measurement>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        // An approval's absent body is skipped (SetValidator ignores null).
        public Validator(IValidator<MeasurementReturn> @return) => RuleFor(c => c.Body!).SetValidator(@return);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, Versioned<Measurement>>
    {
        public Task<Versioned<Measurement>> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var current = await MeasurementTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, current.Version);

                if (current.Status != StableCode.Of(MeasurementStatus.Submitted))
                {
                    throw ProblemException.Conflict("invalid_transition", $"The measurement is {current.Status}: only a submitted one is reviewed.")
                        .With("measurementStatus", current.Status);
                }

                if (current.SubmittedBySame(command.Caller))
                {
                    throw ProblemException.Forbidden("own_measurement", "A measurement is reviewed by someone other than who submitted it.");
                }

                var now = time.GetUtcNow();
                var row = current.Reviewed(command.Decision, command.Body?.Reason?.Trim(), command.Caller, now);
                await MeasurementTable.SaveAsync(c, t, row, current, command.Caller,
                    command.Decision == MeasurementStatus.Approved ? "approve" : "return", now);
                return row.ToVersioned();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder measurements)
    {
        measurements.MapPost("/{id:guid}/approve", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Command(id, MeasurementStatus.Approved, null, ETags.RequiredIfMatch(http.Request),
                    http.Caller()), ct);
                return ETags.Saved(http, saved.Version, saved.Value);
            })
            .RequireAuthorization(Scopes.EvaluationApprove)
            .WithName("ApproveMeasurement")
            .WithSummary("Approve a submitted measurement")
            .WithDescription("Approves a submitted measurement: from now on it counts in dashboards and the open-data export. Approving a "
                + "measurement one submitted oneself (same credential or same e-mail) is a 403 `own_measurement`; one that is not submitted a "
                + "409 `invalid_transition`; one of another académie a 404. Requires If-Match with its ETag. Publishes `MeasurementApproved`.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces<Measurement>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        measurements.MapChange<MeasurementReturn, Measurement>("POST", "/{id:guid}/return",
                (id, body, ifMatch, caller) => new Command(id, MeasurementStatus.Returned, body, ifMatch, caller),
                StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.EvaluationApprove)
            .WithName("ReturnMeasurement")
            .WithSummary("Return a submitted measurement with a reason")
            .WithDescription("Returns a submitted measurement to be corrected, with a reason (400 without one); it does not count until it is "
                + "corrected and approved. Same rules as approving: 403 `own_measurement`, 409 `invalid_transition`, 404 for another académie. "
                + "Requires If-Match with its ETag.");
    }
}
