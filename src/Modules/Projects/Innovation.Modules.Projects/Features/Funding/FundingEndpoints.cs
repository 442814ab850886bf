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

internal static class AddFunding
{
    internal sealed record Command(Guid ProjectId, FundingDraft Body, int? IfMatch, Caller Caller) : IRequest<(FundingLine Line, int Version)>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<FundingDraft> funding) => RuleFor(c => c.Body).SetValidator(funding);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, (FundingLine Line, int Version)>
    {
        public Task<(FundingLine Line, int Version)> Handle(Command command, CancellationToken cancellationToken) =>
            ProjectAttachments.ChangeAsync(db, time, command.ProjectId, command.Caller, command.IfMatch, async (c, t, project) =>
            {
                if (await c.ExecuteScalarAsync<int>(FundingTable.CountSql, new { ProjectId = project.Id }, t) >= FundingTable.MaxPerProject)
                {
                    throw ProblemException.Conflict("too_many_funding_lines", $"A project has at most {FundingTable.MaxPerProject} funding lines.");
                }

                var row = FundingTable.Row.From(project.Id, Guid.CreateVersion7(), command.Body, time.GetUtcNow());
                await c.ExecuteAsync(FundingTable.InsertSql, row, t);
                return row.ToLine();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPost("/{id:guid}/funding", async (Guid id, FundingDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (line, version) = await mediator.Send(new Command(id, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Created($"/api/v1/projects/{id}/funding/{line.Id}", line);
            })
            .RequireProjectEditor()
            .WithName("AddProjectFunding")
            .WithSummary("Add a funding line to a project")
            .WithDescription("Adds a funding line (up to 100 per project, 409 `too_many_funding_lines` beyond). Amounts are euros as JSON numbers with at most 2 decimals; the grant may not exceed the request unless `isTopUp` is true. Requires If-Match with the project's ETag; the project moves one version up and the response carries its new ETag. An archived project is read-only (409 `project_locked`).")
            .WithIdempotency()
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<FundingDraft>("application/json")
            .Produces<FundingLine>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}

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
                return TypedResults.Ok(line);
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectFunding")
            .WithSummary("Get one funding line of a project")
            .WithDescription("The ETag is the project's: send it in If-Match to replace or remove the line.")
            .Produces<FundingLine>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

internal static class UpdateFunding
{
    internal sealed record Command(Guid ProjectId, Guid FundingId, FundingDraft Body, int? IfMatch, Caller Caller) : IRequest<(FundingLine Line, int Version)>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<FundingDraft> funding) => RuleFor(c => c.Body).SetValidator(funding);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, (FundingLine Line, int Version)>
    {
        public Task<(FundingLine Line, int Version)> Handle(Command command, CancellationToken cancellationToken) =>
            ProjectAttachments.ChangeAsync(db, time, command.ProjectId, command.Caller, command.IfMatch, async (c, t, project) =>
            {
                var current = await FundingTable.FindAsync(c, project.Id, command.FundingId, t);
                var row = FundingTable.Row.From(project.Id, current.Id, command.Body, time.GetUtcNow());
                row.CreatedAt = current.CreatedAt;
                await c.ExecuteAsync(FundingTable.UpdateSql, row, t);
                return row.ToLine();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPut("/{id:guid}/funding/{fundingId:guid}", async (Guid id, Guid fundingId, FundingDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (line, version) = await mediator.Send(new Command(id, fundingId, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Ok(line);
            })
            .RequireProjectEditor()
            .WithName("UpdateProjectFunding")
            .WithSummary("Replace a funding line of a project")
            .WithDescription("Replaces every field of the funding line (same rules as when adding it). Requires If-Match with the project's ETag; the project moves one version up. An archived project is read-only (409 `project_locked`).")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<FundingDraft>("application/json")
            .Produces<FundingLine>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}

internal static class RemoveFunding
{
    internal sealed record Command(Guid ProjectId, Guid FundingId, int? IfMatch, Caller Caller) : IRequest<int>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken) =>
            (await ProjectAttachments.ChangeAsync(db, time, command.ProjectId, command.Caller, command.IfMatch, async (c, t, project) =>
            {
                var current = await FundingTable.FindAsync(c, project.Id, command.FundingId, t);
                return await c.ExecuteAsync(FundingTable.DeleteSql, new { ProjectId = project.Id, current.Id }, t);
            }, cancellationToken)).Version;
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapDelete("/{id:guid}/funding/{fundingId:guid}", async (Guid id, Guid fundingId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                http.Response.Headers.ETag = ETags.For(await mediator.Send(new Command(id, fundingId, ifMatch, http.Caller()), ct));
                return TypedResults.NoContent();
            })
            .RequireProjectEditor()
            .WithName("RemoveProjectFunding")
            .WithSummary("Remove a funding line from a project")
            .WithDescription("Requires If-Match with the project's ETag; the project moves one version up and the 204 carries its new ETag. An archived project is read-only (409 `project_locked`).")
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
