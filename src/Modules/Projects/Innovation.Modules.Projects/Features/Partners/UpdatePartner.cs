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

internal static class UpdatePartner
{
    internal sealed record Command(Guid ProjectId, Guid PartnerId, PartnerDraft Body, int? IfMatch, Caller Caller) : IRequest<(Partner Partner, int Version)>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<PartnerDraft> partner) => RuleFor(c => c.Body).SetValidator(partner);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, (Partner Partner, int Version)>
    {
        public Task<(Partner Partner, int Version)> Handle(Command command, CancellationToken cancellationToken) =>
            ProjectAttachments.ChangeAsync(db, time, command.ProjectId, command.Caller, command.IfMatch, async (c, t, project) =>
            {
                var current = await PartnerTable.FindAsync(c, project.Id, command.PartnerId, t);
                var row = PartnerTable.Row.From(project.Id, current.Id, command.Body, time.GetUtcNow());
                row.CreatedAt = current.CreatedAt;
                await c.ExecuteAsync(PartnerTable.UpdateSql, row, t);
                return row.ToPartner();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPut("/{id:guid}/partners/{partnerId:guid}", async (Guid id, Guid partnerId, PartnerDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (partner, version) = await mediator.Send(new Command(id, partnerId, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Ok(partner);
            })
            .RequireProjectEditor()
            .WithName("UpdateProjectPartner")
            .WithSummary("Replace a partner of a project")
            .WithDescription("Replaces every field of the partner. Requires If-Match with the project's ETag; the project moves one version up. An archived project is read-only (409 `project_locked`).")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<PartnerDraft>("application/json")
            .Produces<Partner>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
