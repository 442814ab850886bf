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

internal static class GetPartner
{
    internal sealed record Query(Guid ProjectId, Guid PartnerId, Caller Caller) : IRequest<(Partner Partner, int Version)>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, (Partner Partner, int Version)>
    {
        public Task<(Partner Partner, int Version)> Handle(Query query, CancellationToken cancellationToken) =>
            ProjectAttachments.ReadAsync(db, query.ProjectId, query.Caller,
                async (c, project) => (await PartnerTable.FindAsync(c, project.Id, query.PartnerId)).ToPartner(), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/partners/{partnerId:guid}", async (Guid id, Guid partnerId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (partner, version) = await mediator.Send(new Query(id, partnerId, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return ETags.IsNotModified(http.Request, version) ? Results.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(partner);
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectPartner")
            .WithSummary("Get one partner of a project")
            .WithDescription("The ETag is the project's: send it in If-Match to replace or remove the partner.")
            .ReturnsETag()
            .Produces<Partner>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
