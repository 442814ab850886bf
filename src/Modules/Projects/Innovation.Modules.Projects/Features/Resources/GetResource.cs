using Dapper;
using FluentValidation;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Projects.Features.Projects;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Innovation.Modules.Projects.Features.Resources;

internal static class GetResource
{
    internal sealed record Query(Guid ProjectId, Guid ResourceId, Caller Caller) : IRequest<(Resource Resource, int Version)>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, (Resource Resource, int Version)>
    {
        public Task<(Resource Resource, int Version)> Handle(Query query, CancellationToken cancellationToken) =>
            ProjectAttachments.ReadAsync(db, query.ProjectId, query.Caller,
                async (c, project) => (await ResourceTable.FindAsync(c, project.Id, query.ResourceId)).ToResource(), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/resources/{resourceId:guid}", async (Guid id, Guid resourceId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (resource, version) = await mediator.Send(new Query(id, resourceId, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return ETags.IsNotModified(http.Request, version) ? Results.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(resource);
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectResource")
            .WithSummary("Get one resource of a project")
            .WithDescription("The ETag is the project's: send it in If-Match to remove the resource. Resources are not edited: remove and add again.")
            .ReturnsETag()
            .Produces<Resource>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
