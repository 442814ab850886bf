namespace Innovation.Modules.Projects.Features.Plan;

internal static class ReplacePlan
{
    internal sealed record Command(Guid ProjectId, PlanDraft Body, int? IfMatch, Caller Caller) : IRequest<(ProjectPlan Plan, int Version)>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<PlanDraft> plan) => RuleFor(c => c.Body).SetValidator(plan);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, (ProjectPlan Plan, int Version)>
    {
        public Task<(ProjectPlan Plan, int Version)> Handle(Command command, CancellationToken cancellationToken) =>
            ProjectAttachments.Rules.ChangeAsync(db, time, command.ProjectId, command.Caller, command.IfMatch, async (c, t, row) =>
            {
                var before = await PlanTable.LoadAsync(c, row.Id, t);
                await PlanTable.ReplaceAsync(c, t, row.Id, command.Body);
                var after = await PlanTable.LoadAsync(c, row.Id, t);
                await ProjectAttachments.Rules.AuditAsync(c, t, row, command.Caller, time.GetUtcNow(), "plan", null, "replace", before, after);
                return after;
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPut("/{id:guid}/plan", async (Guid id, PlanDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (plan, version) = await mediator.Send(new Command(id, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Ok(plan);
            })
            .RequireProjectEditor()
            .WithName("ReplaceProjectPlan")
            .WithSummary("Replace a project's plan")
            .WithDescription("Replaces the whole plan (phases and milestones with the client's own keys; `dependsOn` lists keys). Every error is " +
                "reported at once: a phase ending before it starts, a milestone outside its phase, an unknown or duplicate key, a dependency cycle " +
                "(named). Requires If-Match with the project's ETag; the project moves one version up. An archived project is read-only (409 " +
                "`project_locked`).")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<PlanDraft>("application/json")
            .Produces<ProjectPlan>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
