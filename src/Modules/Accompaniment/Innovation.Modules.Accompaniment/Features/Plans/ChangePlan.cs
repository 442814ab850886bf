using Innovation.Modules.Accompaniment.Features.Projects;

namespace Innovation.Modules.Accompaniment.Features.Plans;

internal static class ChangePlan
{
    internal sealed record Command : VersionedChange<AccompanimentPlanDraft, AccompanimentPlan>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<AccompanimentPlanDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<AccompanimentPlan>>
    {
        public async Task<Versioned<AccompanimentPlan>> Handle(Command command, CancellationToken cancellationToken)
        {
            var project = await db.ReadAsync(async c =>
            {
                var plan = await PlanRules.FindVisibleAsync(c, command.Id, command.Caller);
                return await AccompaniedProject.FindVisibleAsync(c, plan.ProjectId, command.Caller);
            }, cancellationToken);
            await PlanRules.CheckContentAsync(db, mediator, project, command.Body, cancellationToken);
            return await db.WriteAsync(async (c, t) =>
            {
                var row = await PlanRules.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                PlanRules.EnsureOpen(row);
                var before = await PlanTable.LoadOneAsync(db, c, row, Today.Of(time), t);
                if (row.PlanStatus == PlanStatus.Proposed)
                {
                    // Not accepted yet: the proposal itself changes; the carriers decide on what they read last.
                    await PlanTable.WriteContentAsync(c, t, row.Id, command.Body);
                    row.FollowUpWeeks = command.Body.FollowUpIntervalWeeks;
                }
                else
                {
                    // The carrier stays in charge: a change to an active plan waits for their acceptance.
                    row.Revision = PlanTable.RevisionText(command.Body);
                }

                return await PlanTable.SaveChangeAsync(db, c, t, row, before, "update", command.Caller, time.GetUtcNow(), Today.Of(time));
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapChange<Command, AccompanimentPlanDraft, AccompanimentPlan>("PUT", "/plans/{id:guid}", StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.AccompanimentWrite)
            .WithName("ChangeAccompanimentPlan")
            .WithSummary("Change an accompaniment plan")
            .WithDescription("Replaces the content of a plan (types, goals, accompanists). A `proposed` plan changes at once; on an `active` "
                + "plan the change becomes its `pendingRevision`, which a carrier accepts or declines (a newer change replaces it). A closed "
                + "or declined plan is a 409 `plan_closed`. Same content rules as the proposal (400). Requires If-Match with the plan's ETag.");
}
