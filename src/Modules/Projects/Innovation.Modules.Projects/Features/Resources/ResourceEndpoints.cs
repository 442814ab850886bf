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

internal static class AddResource
{
    internal sealed record Command(Guid ProjectId, ResourceDraft Body, int? IfMatch, Caller Caller) : IRequest<(Resource Resource, int Version)>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ResourceDraft> resource) => RuleFor(c => c.Body).SetValidator(resource);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, (Resource Resource, int Version)>
    {
        public Task<(Resource Resource, int Version)> Handle(Command command, CancellationToken cancellationToken) =>
            ProjectAttachments.ChangeAsync(db, time, command.ProjectId, command.Caller, command.IfMatch, async (c, t, project) =>
            {
                if (await c.ExecuteScalarAsync<int>(ResourceTable.CountSql, new { ProjectId = project.Id }, t) >= ResourceTable.MaxPerProject)
                {
                    throw ProblemException.Conflict("too_many_resources", $"A project has at most {ResourceTable.MaxPerProject} resources.");
                }

                var row = ResourceTable.Row.From(project.Id, Guid.CreateVersion7(), command.Body, time.GetUtcNow());
                await c.ExecuteAsync(ResourceTable.InsertSql, row, t);
                return row.ToResource();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPost("/{id:guid}/resources", async (Guid id, ResourceDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (resource, version) = await mediator.Send(new Command(id, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Created($"/api/v1/projects/{id}/resources/{resource.Id}", resource);
            })
            .RequireProjectEditor()
            .WithName("AddProjectResource")
            .WithSummary("Add a resource to a project")
            .WithDescription("Adds a resource (audio, video, document, schema, siteweb; the upper-case codes AUDIO… are accepted too) with an absolute http(s) URL only: `javascript:`, `data:`, `ftp:`, `file:` and relative URLs are refused. Up to 200 per project (409 `too_many_resources` beyond). Requires If-Match with the project's ETag; the project moves one version up and the response carries its new ETag. An archived project is read-only (409 `project_locked`).")
            .WithIdempotency()
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<ResourceDraft>("application/json")
            .Produces<Resource>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}

internal static class ListResources
{
    internal sealed record Query(Guid ProjectId, Caller Caller) : IRequest<(ResourceList List, int Version)>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, (ResourceList List, int Version)>
    {
        public Task<(ResourceList List, int Version)> Handle(Query query, CancellationToken cancellationToken) =>
            ProjectAttachments.ReadAsync(db, query.ProjectId, query.Caller, async (c, project) =>
                new ResourceList([.. (await c.QueryAsync<ResourceTable.Row>(ResourceTable.ListSql, new { ProjectId = project.Id })).Select(r => r.ToResource())]),
                cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/resources", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (list, version) = await mediator.Send(new Query(id, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return ETags.IsNotModified(http.Request, version) ? Results.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(list);
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("ListProjectResources")
            .WithSummary("List a project's resources")
            .WithDescription("Every resource of the project (at most 200, so the list is never paged), in the order they were added. The ETag is the project's.")
            .ReturnsETag()
            .Produces<ResourceList>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

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
                return TypedResults.Ok(resource);
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectResource")
            .WithSummary("Get one resource of a project")
            .WithDescription("The ETag is the project's: send it in If-Match to remove the resource. Resources are not edited: remove and add again.")
            .Produces<Resource>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

internal static class RemoveResource
{
    internal sealed record Command(Guid ProjectId, Guid ResourceId, int? IfMatch, Caller Caller) : IRequest<int>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken) =>
            (await ProjectAttachments.ChangeAsync(db, time, command.ProjectId, command.Caller, command.IfMatch, async (c, t, project) =>
            {
                var current = await ResourceTable.FindAsync(c, project.Id, command.ResourceId, t);
                return await c.ExecuteAsync(ResourceTable.DeleteSql, new { ProjectId = project.Id, current.Id }, t);
            }, cancellationToken)).Version;
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapDelete("/{id:guid}/resources/{resourceId:guid}", async (Guid id, Guid resourceId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                http.Response.Headers.ETag = ETags.For(await mediator.Send(new Command(id, resourceId, ifMatch, http.Caller()), ct));
                return TypedResults.NoContent();
            })
            .RequireProjectEditor()
            .WithName("RemoveProjectResource")
            .WithSummary("Remove a resource from a project")
            .WithDescription("Requires If-Match with the project's ETag; the project moves one version up and the 204 carries its new ETag. An archived project is read-only (409 `project_locked`).")
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
