using Innovation.Modules.Accompaniment.Features.Projects;

namespace Innovation.Modules.Accompaniment.Features.Diagnoses;

internal static class GetCurrentDiagnosis
{
    internal sealed record Query(Guid ProjectId, Caller Caller) : IRequest<Diagnosis>;

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<Query, Diagnosis>
    {
        public async Task<Diagnosis> Handle(Query query, CancellationToken cancellationToken)
        {
            await ProjectReadModel.CatchUpAsync(db, mediator, query.ProjectId, cancellationToken);
            return await db.ReadAsync(async c =>
            {
                var project = await AccompaniedProject.FindVisibleAsync(c, query.ProjectId, query.Caller);
                var row = await DiagnosisTable.CurrentAsync(db, c, project.Id)
                    ?? throw new ProblemException(StatusCodes.Status404NotFound, "no_diagnosis", "No diagnosis",
                        $"Project '{project.Id}' has no needs diagnosis yet.");
                return row.ToDiagnosis((await DiagnosisTable.NeedsOfAsync(db, c, [row.Id]))[row.Id]);
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapGet("/projects/{projectId:guid}/diagnoses/current", async (
                Guid projectId, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ETags.OkOrNotModified(http, 1, await mediator.Send(new Query(projectId, http.Caller()), ct)))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("GetCurrentNeedsDiagnosis")
            .WithSummary("Read a project's current needs diagnosis")
            .WithDescription("The project's latest diagnosis (by day, then by recording). 404 `no_diagnosis` when it has none yet; a project of "
                + "another académie is a 404 `not_found`.")
            .ReadsVersioned<Diagnosis>();
}
