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
                return TypedResults.Ok(partner);
            })
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectPartner")
            .WithSummary("Get one partner of a project")
            .WithDescription("The ETag is the project's: send it in If-Match to replace or remove the partner.")
            .Produces<Partner>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

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
