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

namespace Innovation.Modules.Projects.Features.Funding;

internal static class GetFunding
{
    internal sealed record Query(Guid ProjectId, Guid FundingId, Caller Caller) : IRequest<(FundingLine Line, int Version)>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, (FundingLine Line, int Version)>
    {
        public Task<(FundingLine Line, int Version)> Handle(Query query, CancellationToken cancellationToken) =>
            ProjectAttachments.ReadAsync(db, query.ProjectId, query.Caller,
                async (c, project) => (await FundingTable.FindAsync(c, project.Id, query.FundingId)).ToLine(), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/funding/{fundingId:guid}", async (Guid id, Guid fundingId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (line, version) = await mediator.Send(new Query(id, fundingId, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return ETags.IsNotModified(http.Request, version) ? Results.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(line);
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectFunding")
            .WithSummary("Get one funding line of a project")
            .WithDescription("The ETag is the project's: send it in If-Match to replace or remove the line.")
            .ReturnsETag()
            .Produces<FundingLine>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
