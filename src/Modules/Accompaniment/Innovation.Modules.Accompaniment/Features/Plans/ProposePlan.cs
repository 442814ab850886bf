using Innovation.Modules.Accompaniment.Features.Projects;

namespace Innovation.Modules.Accompaniment.Features.Plans;

internal static class ProposePlan
{
    internal sealed record Command(Guid ProjectId, AccompanimentPlanDraft Body, Caller Caller) : IRequest<Versioned<AccompanimentPlan>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<AccompanimentPlanDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<AccompanimentPlan>>
    {
        public async Task<Versioned<AccompanimentPlan>> Handle(Command command, CancellationToken cancellationToken)
        {
            await ProjectReadModel.CatchUpAsync(db, mediator, command.ProjectId, cancellationToken);
            var project = await db.ReadAsync(c => AccompaniedProject.FindVisibleAsync(c, command.ProjectId, command.Caller), cancellationToken);
            await PlanRules.CheckContentAsync(db, mediator, project, command.Body, cancellationToken);
            var row = new PlanTable.Row
            {
                Id = SortableId.New(), ProjectId = project.Id, Academie = project.Academie, Status = StableCode.Of(PlanStatus.Proposed),
                Version = 1, ProposedAt = time.GetUtcNow(), FollowUpWeeks = command.Body.FollowUpIntervalWeeks,
            };
            return await db.WriteAsync(async (c, t) =>
            {
                await PlanTable.InsertAsync(c, t, row, command.Body);
                var plan = await PlanTable.LoadOneAsync(db, c, row, Today.Of(time), t);
                await AccompanimentAudit.RecordAsync(c, t, command.Caller, row.ProposedAt, row.Academie, PlanParent.Rules.ResourceType, row.Id,
                    row.ProjectId, "create", null, plan);
                return new Versioned<AccompanimentPlan>(plan, row.Version);
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapCreate<AccompanimentPlanDraft, AccompanimentPlan>("/projects/{projectId:guid}/plans", "projectId",
                (projectId, body, caller) => new Command(projectId, body, caller), plan => $"/api/v1/accompaniment/plans/{plan.Id}")
            .RequireAuthorization(Scopes.AccompanimentWrite)
            .WithName("ProposeAccompanimentPlan")
            .WithSummary("Propose an accompaniment plan")
            .WithDescription("Proposes a plan to the project's carriers: accompaniment types each over its own period (a plan combines and "
                + "changes types over time), goals tied to needs of the current diagnosis, and accompanists of the académie's directory with "
                + "their role and planned hours per school year. The plan is `proposed` until a carrier accepts or declines it. A goal whose "
                + "need the current diagnosis does not name, or an accompanist not in the académie's directory, is a 400 naming the field; "
                + "a project of another académie (or never submitted) a 404. Publishes `AccompanimentProposed`.");
}
