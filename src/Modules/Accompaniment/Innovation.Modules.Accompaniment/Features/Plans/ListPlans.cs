using Innovation.Modules.Accompaniment.Features.Projects;

namespace Innovation.Modules.Accompaniment.Features.Plans;

internal static class ListPlans
{
    internal const string ListSql = PlanTable.SelectSql + AccompaniedProject.PageSql;

    internal sealed record Query(ProjectPaging Paging, Caller Caller) : IRequest<Page<AccompanimentPlan>>;

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Query, Page<AccompanimentPlan>>
    {
        public Task<Page<AccompanimentPlan>> Handle(Query query, CancellationToken cancellationToken) =>
            AccompaniedProject.PageAsync<PlanTable.Row, AccompanimentPlan>(db, mediator, query.Paging, query.Caller, ListSql,
                (c, rows) => PlanTable.LoadAsync(db, c, rows, Today.Of(time)), p => p.Id, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapQuery("/projects/{projectId:guid}/plans", (ProjectPaging paging, Caller caller) => new Query(paging, caller))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("ListAccompanimentPlans")
            .WithSummary("List a project's accompaniment plans")
            .WithDescription("Every plan of the project (declined and closed ones included) in the order they were proposed, with cursor "
                + "pagination (`limit` 1–200, default 50). A project of another académie is a 404.");
}
