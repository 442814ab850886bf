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
