using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Experimentation.Contracts;
using Innovation.Modules.Experimentation.Features.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Experimentation.Features.Experimentations;

/// <summary>The DASEN's renewal: how many more school years, and the reviews they bring.</summary>
/// <param name="AdditionalYears" example="3">School years added (1–5; above 5 is a 422 `duration_too_long`).</param>
/// <param name="IntermediateReviewsDue">Due dates of the added intermediate reviews (at least one, each after the running ones).</param>
/// <param name="FinalReportDue" example="2032-07-05">The final report's new due date (after every intermediate review).</param>
/// <param name="Reason" example="Premiers effets encourageants sur l'absentéisme.">Why, kept in the history (up to 2000 characters).</param>
internal sealed record RenewalDecision(
    int? AdditionalYears, IReadOnlyList<DateOnly>? IntermediateReviewsDue, DateOnly? FinalReportDue, string? Reason);

/// <summary>
/// Article L.314-2: an experimentation runs at most five school years, renewable once. The DASEN renews a running experimentation for 1 to
/// 5 more years; a second renewal is a 409 <c>renewal_exhausted</c>. The added reviews are scheduled and the final report moves.
/// </summary>
internal static class RenewExperimentation
{
    internal sealed record Command : VersionedChange<RenewalDecision, ExperimentationView>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            // Above five years is a rule of the law, not of the form: a 422 duration_too_long in the handler.
            RuleFor(c => c.Body.AdditionalYears).NotNull().GreaterThanOrEqualTo(1)
                .WithMessage("A renewal adds a whole number of school years, at least 1.").OverridePropertyName("additionalYears");
            RuleFor(c => c.Body.IntermediateReviewsDue).NotEmpty().Must(r => r is null || (r.Count <= 25 && r.Distinct().Count() == r.Count))
                .WithMessage("At most 25 distinct due dates.").OverridePropertyName("intermediateReviewsDue");
            RuleFor(c => c.Body.FinalReportDue).NotNull()
                .Must((c, final) => final is null || (c.Body.IntermediateReviewsDue ?? []).All(r => r < final))
                .WithMessage("The final report is due after every intermediate review.").OverridePropertyName("finalReportDue");
            RuleFor(c => c.Body.Reason).MaximumLength(2000).OverridePropertyName("reason");
        }
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, Versioned<ExperimentationView>>
    {
        public Task<Versioned<ExperimentationView>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            var today = Today.Of(time);
            var body = command.Body;
            return db.WriteAsync(async (c, t) =>
            {
                var row = await ExperimentationTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                if (row.RenewalYears is not null)
                {
                    throw ProblemException.Conflict("renewal_exhausted",
                            $"The experimentation was already renewed on {row.RenewedAt:yyyy-MM-dd}: the law allows one renewal only.")
                        .With("currentStatus", row.Status);
                }

                if (!ExperimentationWorkflow.For(ExperimentationAction.Renew).From.Contains(row.StatusCode))
                {
                    throw ExperimentationWorkflow.InvalidTransition("renewed", row.StatusCode);
                }

                if (body.AdditionalYears > DossierChecks.MaxYears)
                {
                    throw DossierChecks.DurationTooLong(body.AdditionalYears.Value, "additionalYears",
                        $"A renewal adds at most {DossierChecks.MaxYears} school years (article L.314-2 of the Code de l'éducation); "
                        + $"{body.AdditionalYears} were asked.");
                }

                var before = await ExperimentationTable.LoadOneAsync(db, c, row, today, t);
                var lastDue = before.Reviews.Where(r => r.Kind == ReviewKind.Intermediate).Select(r => r.DueOn).DefaultIfEmpty().Max();
                if (body.IntermediateReviewsDue!.Any(d => d <= lastDue))
                {
                    throw RequestValidationException.For("intermediateReviewsDue",
                        $"The added reviews are due after the last scheduled one ({lastDue:yyyy-MM-dd}).");
                }

                row.RenewalYears = body.AdditionalYears;
                row.RenewedAt = now;
                row.RenewalReason = body.Reason?.Trim();
                await ReviewTable.ScheduleAsync(c, t, row.Id, body.IntermediateReviewsDue!, null);
                await c.ExecuteAsync(ReviewTable.MoveFinalSql, new { ExperimentationId = row.Id, DueOn = body.FinalReportDue!.Value }, t);
                var saved = await ExperimentationTable.SaveChangeAsync(db, c, t, row, before, "renew", command.Caller, now, today,
                    (StableCode.Of(ExperimentationAction.Renew), row.Status, row.RenewalReason,
                        new { additionalYears = body.AdditionalYears, finalReportDue = body.FinalReportDue }));
                await Outbox.EnqueueAsync(c, t, ExperimentationModule.Schema, new ExperimentationRenewed(
                    ExperimentationTable.Snapshot(row, saved.Value.Departements), body.AdditionalYears!.Value,
                    body.FinalReportDue!.Value, body.IntermediateReviewsDue), now);
                return saved;
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapChange<Command, RenewalDecision, ExperimentationView>("POST", "/{id:guid}/renew", StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.ExperimentationsDecide)
            .WithName("RenewExperimentation")
            .WithSummary("Renew (the DASEN, once)")
            .WithDescription("The DASEN renews a `running` experimentation once, for 1 to 5 more school years (more is a 422 `duration_too_long`, "
                + "nothing written): the added intermediate reviews "
                + "are scheduled (due after the scheduled ones) and the final report's due date moves. A second renewal is a 409 "
                + "`renewal_exhausted`; another status a 409 `invalid_transition` with `currentStatus` and `allowedActions`; an "
                + "experimentation of another académie a 404. Requires If-Match. Publishes `ExperimentationRenewed`.")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails),
                ["application/problem+json"])
            {
                Description = "More than 5 school years asked: `duration_too_long`, with the field in `errors` and a French `label` "
                    + "(nothing is written).",
            });
}
