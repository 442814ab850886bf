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

internal static class ListPartners
{
    internal sealed record Query(Guid ProjectId, Caller Caller) : IRequest<(PartnerList List, int Version)>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, (PartnerList List, int Version)>
    {
        public Task<(PartnerList List, int Version)> Handle(Query query, CancellationToken cancellationToken) =>
            ProjectAttachments.ReadAsync(db, query.ProjectId, query.Caller, async (c, project) =>
                new PartnerList([.. (await c.QueryAsync<PartnerTable.Row>(PartnerTable.ListSql, new { ProjectId = project.Id })).Select(r => r.ToPartner())]),
                cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/partners", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (list, version) = await mediator.Send(new Query(id, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return ETags.IsNotModified(http.Request, version) ? Results.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(list);
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("ListProjectPartners")
            .WithSummary("List a project's partners")
            .WithDescription("Every partner of the project (at most 100, so the list is never paged), in the order they were added. The ETag is the project's.")
            .ReturnsETag()
            .Produces<PartnerList>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
