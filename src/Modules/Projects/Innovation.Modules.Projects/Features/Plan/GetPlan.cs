namespace Innovation.Modules.Projects.Features.Plan;

internal static class GetPlan
{
    internal sealed record Query(Guid ProjectId, Caller Caller) : IRequest<(ProjectPlan Plan, int Version)>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, (ProjectPlan Plan, int Version)>
    {
        public Task<(ProjectPlan Plan, int Version)> Handle(Query query, CancellationToken cancellationToken) =>
            ProjectAttachments.Rules.ReadAsync(db, query.ProjectId, query.Caller, (c, row) => PlanTable.LoadAsync(c, row.Id), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/plan", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (plan, version) = await mediator.Send(new Query(id, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return ETags.IsNotModified(http.Request, version) ? Results.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(plan);
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectPlan")
            .WithSummary("Get a project's plan")
            .WithDescription("Phases sorted by start date and milestones sorted by date (ready for a Gantt chart), with their dependencies and the " +
                "plan's first and last day. The ETag is the project's: send it in If-Match to change the plan.")
            .ReturnsETag()
            .Produces<ProjectPlan>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
