namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class GetProjectValorisation
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<ProjectValorisation>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, ProjectValorisation>
    {
        public Task<ProjectValorisation> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c => await ValorisationTable.LoadAsync(c, await ProjectAccess.FindVisibleAsync(c, query.Id, query.Caller)),
                cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGetById<ProjectValorisation, ProjectValorisation>("/{id:guid}/valorisation", (id, caller) => new Query(id, caller),
                valorisation => valorisation.Version)
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectValorisation")
            .WithSummary("A project's prize standings and gazette features")
            .WithDescription("The project's standing for each year's innovation prize and the gazette issues that featured it. The ETag is the " +
                "project's (valorisation changes move it). A project of another académie is a 404.");
}
