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
