using Innovation.Modules.Accompaniment.Features.Projects;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Accompaniment.Features.Diagnoses;

internal static class ListDiagnoses
{
    internal const string ListSql = DiagnosisTable.SelectSql + """
        WHERE project_id = @ProjectId AND (@After IS NULL OR id > @After)
        ORDER BY id
        {{limit @Take}}
        """;

    /// <summary>Paging of a project's diagnoses.</summary>
    internal sealed record Paging(
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Guid ProjectId, Paging Paging, Caller Caller) : IRequest<Page<Diagnosis>>;

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<Query, Page<Diagnosis>>
    {
        public async Task<Page<Diagnosis>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.AfterId(Limit.Resolve(query.Paging.Limit), query.Paging.Cursor);
            await ProjectReadModel.CatchUpAsync(db, mediator, query.ProjectId, cancellationToken);
            return await db.ReadAsync(async c =>
            {
                var project = await AccompaniedProject.FindVisibleAsync(c, query.ProjectId, query.Caller);
                var rows = (await c.QueryAsync<DiagnosisTable.Row>(db.Sql(ListSql), new { ProjectId = project.Id, page.After, page.Take })).ToList();
                var needs = await DiagnosisTable.NeedsOfAsync(db, c, rows.Select(r => r.Id));
                return page.PageOf([.. rows.Select(r => r.ToDiagnosis(needs[r.Id]))], d => d.Id.ToString());
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapGet("/projects/{projectId:guid}/diagnoses", async (
                Guid projectId, [AsParameters] Paging paging, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(projectId, paging, http.Caller()), ct)))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("ListNeedsDiagnoses")
            .WithSummary("List a project's needs diagnoses")
            .WithDescription("Every diagnosis of the project in the order they were recorded, with cursor pagination (`limit` 1–200, default 50). "
                + "A project of another académie is a 404.")
            .Produces<Page<Diagnosis>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
