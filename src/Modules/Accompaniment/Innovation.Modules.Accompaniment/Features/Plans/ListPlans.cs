using Innovation.Modules.Accompaniment.Features.Projects;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Accompaniment.Features.Plans;

internal static class ListPlans
{
    internal const string ListSql = PlanTable.SelectSql + """
        WHERE project_id = @ProjectId AND (@After IS NULL OR id > @After)
        ORDER BY id
        {{limit @Take}}
        """;

    /// <summary>Paging of a project's plans.</summary>
    internal sealed record Paging(
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Guid ProjectId, Paging Paging, Caller Caller) : IRequest<Page<AccompanimentPlan>>;

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Query, Page<AccompanimentPlan>>
    {
        public async Task<Page<AccompanimentPlan>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.AfterId(Limit.Resolve(query.Paging.Limit), query.Paging.Cursor);
            await ProjectReadModel.CatchUpAsync(db, mediator, query.ProjectId, cancellationToken);
            return await db.ReadAsync(async c =>
            {
                var project = await AccompaniedProject.FindVisibleAsync(c, query.ProjectId, query.Caller);
                var rows = (await c.QueryAsync<PlanTable.Row>(db.Sql(ListSql), new { ProjectId = project.Id, page.After, page.Take })).ToList();
                return page.PageOf(await PlanTable.LoadAsync(db, c, rows, Today.Of(time)), p => p.Id.ToString());
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapGet("/projects/{projectId:guid}/plans", async (
                Guid projectId, [AsParameters] Paging paging, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(projectId, paging, http.Caller()), ct)))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("ListAccompanimentPlans")
            .WithSummary("List a project's accompaniment plans")
            .WithDescription("Every plan of the project (declined and closed ones included) in the order they were proposed, with cursor "
                + "pagination (`limit` 1–200, default 50). A project of another académie is a 404.")
            .Produces<Page<AccompanimentPlan>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
