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

internal static class AddPartner
{
    internal sealed record Command(Guid ProjectId, PartnerDraft Body, int? IfMatch, Caller Caller) : IRequest<(Partner Partner, int Version)>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<PartnerDraft> partner) => RuleFor(c => c.Body).SetValidator(partner);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, (Partner Partner, int Version)>
    {
        public Task<(Partner Partner, int Version)> Handle(Command command, CancellationToken cancellationToken) =>
            ProjectAttachments.ChangeAsync(db, time, command.ProjectId, command.Caller, command.IfMatch, async (c, t, project) =>
            {
                if (await c.ExecuteScalarAsync<int>(PartnerTable.CountSql, new { ProjectId = project.Id }, t) >= PartnerTable.MaxPerProject)
                {
                    throw ProblemException.Conflict("too_many_partners", $"A project has at most {PartnerTable.MaxPerProject} partners.");
                }

                var row = PartnerTable.Row.From(project.Id, Guid.CreateVersion7(), command.Body, time.GetUtcNow());
                await c.ExecuteAsync(PartnerTable.InsertSql, row, t);
                return row.ToPartner();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPost("/{id:guid}/partners", async (Guid id, PartnerDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (partner, version) = await mediator.Send(new Command(id, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Created($"/api/v1/projects/{id}/partners/{partner.Id}", partner);
            })
            .RequireProjectEditor()
            .WithName("AddProjectPartner")
            .WithSummary("Add a partner to a project")
            .WithDescription("Adds a partner organisation (up to 100 per project, 409 `too_many_partners` beyond). Requires If-Match with the project's ETag; the project moves one version up and the response carries its new ETag. An archived project is read-only (409 `project_locked`).")
            .WithIdempotency()
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<PartnerDraft>("application/json")
            .Produces<Partner>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
