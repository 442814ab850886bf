using Innovation.Modules.Accompaniment.Features.Projects;

namespace Innovation.Modules.Accompaniment.Features.Diagnoses;

internal static class ListDiagnoses
{
    internal const string ListSql = DiagnosisTable.SelectSql + AccompaniedProject.PageSql;

    internal sealed record Query(ProjectPaging Paging, Caller Caller) : IRequest<Page<Diagnosis>>;

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<Query, Page<Diagnosis>>
    {
        public Task<Page<Diagnosis>> Handle(Query query, CancellationToken cancellationToken) =>
            AccompaniedProject.PageAsync<DiagnosisTable.Row, Diagnosis>(db, mediator, query.Paging, query.Caller, ListSql, async (c, rows) =>
            {
                var needs = await DiagnosisTable.NeedsOfAsync(db, c, rows.Select(r => r.Id));
                return [.. rows.Select(r => r.ToDiagnosis(needs[r.Id]))];
            }, d => d.Id, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapQuery("/projects/{projectId:guid}/diagnoses", (ProjectPaging paging, Caller caller) => new Query(paging, caller))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("ListNeedsDiagnoses")
            .WithSummary("List a project's needs diagnoses")
            .WithDescription("Every diagnosis of the project in the order they were recorded, with cursor pagination (`limit` 1–200, default 50). "
                + "A project of another académie is a 404.");
}
