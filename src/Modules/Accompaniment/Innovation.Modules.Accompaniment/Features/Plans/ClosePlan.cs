using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Accompaniment.Contracts;

namespace Innovation.Modules.Accompaniment.Features.Plans;

/// <summary>How the accompaniment ended.</summary>
/// <param name="Summary" example="Objectifs atteints ; l'équipe poursuit seule avec le réseau.">The closing summary (required).</param>
internal sealed record CloseBody(string? Summary);

internal static class ClosePlan
{
    internal sealed record Command : VersionedChange<CloseBody, AccompanimentPlan>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body.Summary).NotEmpty().MaximumLength(4000).WithName("summary");
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, Versioned<AccompanimentPlan>>
    {
        public Task<Versioned<AccompanimentPlan>> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var row = await PlanRules.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                PlanRules.EnsureStatus(row, PlanStatus.Active, "closed");
                var before = await PlanTable.LoadOneAsync(db, c, row, Today.Of(time), t);
                var now = time.GetUtcNow();
                (row.Status, row.ClosingSummary, row.ClosedAt) = (StableCode.Of(PlanStatus.Closed), command.Body.Summary!.Trim(), now);
                row.Revision = null;
                var saved = await PlanTable.SaveChangeAsync(db, c, t, row, before, "close", command.Caller, now, Today.Of(time));
                var plan = saved.Value;
                await Outbox.EnqueueAsync(c, t, AccompanimentModule.Schema,
                    new AccompanimentClosed(PlanTable.Snapshot(row, new AccompanimentPlanDraft(plan.Types, plan.Goals, plan.Accompanists))), now);
                return saved;
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapChange<Command, CloseBody, AccompanimentPlan>("POST", "/plans/{id:guid}/close", StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.AccompanimentWrite)
            .WithName("CloseAccompanimentPlan")
            .WithSummary("Close an accompaniment plan")
            .WithDescription("Ends an active plan with a closing summary (required); a pending revision is dropped. Once closed, every change "
                + "is a 409 `plan_closed`; a plan that is not active a 409 `invalid_transition`. Requires If-Match with the plan's ETag. "
                + "Publishes `AccompanimentClosed` (without the summary), which the Evaluation module uses to open the accompaniment's evaluation.");
}
