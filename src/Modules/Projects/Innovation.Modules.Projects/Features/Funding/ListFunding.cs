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

internal static class ListFunding
{
    internal sealed record Query(Guid ProjectId, Caller Caller) : IRequest<(FundingList List, int Version)>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, (FundingList List, int Version)>
    {
        public Task<(FundingList List, int Version)> Handle(Query query, CancellationToken cancellationToken) =>
            ProjectAttachments.ReadAsync(db, query.ProjectId, query.Caller, async (c, project) =>
                FundingTable.ListOf(await c.QueryAsync<FundingTable.Row>(FundingTable.ListSql, new { ProjectId = project.Id })),
                cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/funding", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (list, version) = await mediator.Send(new Query(id, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return ETags.IsNotModified(http.Request, version) ? Results.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(list);
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("ListProjectFunding")
            .WithSummary("List a project's funding lines, with totals")
            .WithDescription("Every funding line of the project (at most 100, so the list is never paged) by year and scheme, with the total requested and the total granted. Amounts always have 2 decimals. The ETag is the project's.")
            .ReturnsETag()
            .Produces<FundingList>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
