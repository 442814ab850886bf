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
