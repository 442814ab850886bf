using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Innovation.Modules.Projects.Features.Projects;

internal static class GetProject
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<ProjectTable.Record>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, ProjectTable.Record>
    {
        public async Task<ProjectTable.Record> Handle(Query query, CancellationToken cancellationToken)
        {
            var record = await db.ReadAsync(c => ProjectTable.LoadAsync(c, query.Id), cancellationToken);
            return record is not null && query.Caller.Sees(record.Row.Academie) ? record : throw ProjectAccess.NotFound(query.Id);
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var record = await mediator.Send(new Query(id, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(record.Row.Version);
                return ETags.IsNotModified(http.Request, record.Row.Version)
                    ? Results.StatusCode(StatusCodes.Status304NotModified)
                    : TypedResults.Ok(record.ToProject());
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProject")
            .WithSummary("Get a project")
            .WithDescription("A project of the caller's académie, with its schools, team and canvas. A project of another académie is a 404.")
            .ReturnsETag()
            .Produces<Project>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
