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

namespace Innovation.Modules.Projects.Features.Partners;

internal static class RemovePartner
{
    internal sealed record Command(Guid ProjectId, Guid PartnerId, int? IfMatch, Caller Caller) : IRequest<int>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken) =>
            (await ProjectAttachments.ChangeAsync(db, time, command.ProjectId, command.Caller, command.IfMatch, async (c, t, project) =>
            {
                var current = await PartnerTable.FindAsync(c, project.Id, command.PartnerId, t);
                return await c.ExecuteAsync(PartnerTable.DeleteSql, new { ProjectId = project.Id, current.Id }, t);
            }, cancellationToken)).Version;
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapDelete("/{id:guid}/partners/{partnerId:guid}", async (Guid id, Guid partnerId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                http.Response.Headers.ETag = ETags.For(await mediator.Send(new Command(id, partnerId, ifMatch, http.Caller()), ct));
                return TypedResults.NoContent();
            })
            .RequireProjectEditor()
            .WithName("RemoveProjectPartner")
            .WithSummary("Remove a partner from a project")
            .WithDescription("Requires If-Match with the project's ETag; the project moves one version up and the 204 carries its new ETag. An archived project is read-only (409 `project_locked`).")
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
