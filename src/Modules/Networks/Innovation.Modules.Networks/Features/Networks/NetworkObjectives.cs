using System.ComponentModel;
using Dapper;
using FluentValidation;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Networks.Domain;
using Innovation.Modules.Networks.Features.Schools;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>An objective of the multi-year network project, for one school year.</summary>
/// <param name="Id" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5e80">The objective's id.</param>
/// <param name="SchoolYear" example="2025-2026">The school year it belongs to.</param>
/// <param name="Title" example="Généraliser les observations croisées entre écoles du réseau">What the network aims at.</param>
/// <param name="Description" example="Deux observations par enseignant volontaire et par an.">Details, indicators.</param>
/// <param name="Status">Where the objective stands.</param>
internal sealed record Objective(Guid Id, string SchoolYear, string Title, string? Description, ObjectiveStatus Status);

/// <summary>An objective as a client sends it.</summary>
/// <param name="SchoolYear" example="2025-2026">School year (two consecutive years).</param>
/// <param name="Title" example="Généraliser les observations croisées entre écoles du réseau">What the network aims at.</param>
/// <param name="Description" example="Deux observations par enseignant volontaire et par an.">Details, indicators.</param>
/// <param name="Status">planned when omitted.</param>
internal sealed record ObjectiveDraft(string? SchoolYear, string? Title, string? Description, ObjectiveStatus? Status);

/// <summary>The multi-year network project: objectives per school year, each with a status.</summary>
internal static class NetworkObjectives
{
    internal const string SelectSql = """
        SELECT id AS Id, network_id AS NetworkId, school_year AS SchoolYear, title AS Title, description AS Description, status AS Status, version AS Version
        FROM networks.network_objective

        """;

    internal const string ListSql = SelectSql + "WHERE network_id = @NetworkId AND (@SchoolYear IS NULL OR school_year = @SchoolYear) ORDER BY school_year, id";

    internal const string FindSql = SelectSql + "WHERE id = @Id AND network_id = @NetworkId";

    internal const string InsertSql = """
        INSERT INTO networks.network_objective (id, network_id, school_year, title, description, status, version, created_at)
        VALUES (@Id, @NetworkId, @SchoolYear, @Title, @Description, @Status, @Version, @Now)
        """;

    internal const string UpdateSql = """
        UPDATE networks.network_objective SET school_year = @SchoolYear, title = @Title, description = @Description, status = @Status, version = @Version
        WHERE id = @Id AND version = @Version - 1
        """;

    internal const string CountSql = "SELECT COUNT(*) FROM networks.network_objective WHERE network_id = @NetworkId";

    internal const int MaxPerNetwork = 500;

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid NetworkId { get; set; }
        public string SchoolYear { get; set; } = "";
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public string Status { get; set; } = "";
        public int Version { get; set; }

        public Objective ToObjective() => new(Id, SchoolYear, Title, Description, SchoolCodes.Parse<ObjectiveStatus>(Status));
    }

    internal sealed record Add(Guid NetworkId, ObjectiveDraft Body, Caller Caller) : IRequest<Row>;

    internal sealed record Change(Guid NetworkId, Guid ObjectiveId, ObjectiveDraft Body, int? IfMatch, Caller Caller) : IRequest<Row>;

    internal sealed record List(Guid NetworkId, string? SchoolYear, Caller Caller) : IRequest<Page<Objective>>;

    internal sealed class DraftValidator : AbstractValidator<ObjectiveDraft>
    {
        public DraftValidator()
        {
            RuleFor(o => o.SchoolYear).NotEmpty().Must(Periods.IsSchoolYear).WithMessage(Periods.SchoolYearRule);
            RuleFor(o => o.Title).NotEmpty().MaximumLength(200);
            RuleFor(o => o.Description).MaximumLength(2000);
        }
    }

    internal sealed class AddValidator : AbstractValidator<Add>
    {
        public AddValidator(IValidator<ObjectiveDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class ChangeValidator : AbstractValidator<Change>
    {
        public ChangeValidator(IValidator<ObjectiveDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Add, Row>, IRequestHandler<Change, Row>, IRequestHandler<List, Page<Objective>>
    {
        public Task<Row> Handle(Add command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                if (await c.ExecuteScalarAsync<int>(CountSql, new { NetworkId = network.Id }, t) >= MaxPerNetwork)
                {
                    throw ProblemException.Conflict("too_many_objectives", $"A network project holds at most {MaxPerNetwork} objectives.");
                }

                var row = From(command.Body, Guid.CreateVersion7(), network.Id, 1);
                await c.ExecuteAsync(InsertSql, new { row.Id, row.NetworkId, row.SchoolYear, row.Title, row.Description, row.Status, row.Version, Now = time.GetUtcNow() }, t);
                return row;
            }, cancellationToken);

        public Task<Row> Handle(Change command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                var current = await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = command.ObjectiveId, NetworkId = network.Id }, t)
                    ?? throw ProblemException.NotFound("objective", command.ObjectiveId.ToString());
                if (command.IfMatch is { } expected && expected != current.Version)
                {
                    throw ETags.Stale(current.Version);
                }

                var row = From(command.Body, current.Id, network.Id, current.Version + 1);
                if ((row.SchoolYear, row.Title, row.Description, row.Status) == (current.SchoolYear, current.Title, current.Description, current.Status))
                {
                    return current;
                }

                return await c.ExecuteAsync(UpdateSql, row, t) == 1 ? row : throw ETags.Stale(current.Version);
            }, cancellationToken);

        public Task<Page<Objective>> Handle(List query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, query.NetworkId, query.Caller);
                var rows = await c.QueryAsync<Row>(ListSql, new { NetworkId = network.Id, query.SchoolYear });
                return new Page<Objective>(rows.Select(r => r.ToObjective()).ToList(), null);
            }, cancellationToken);

        private static Row From(ObjectiveDraft draft, Guid id, Guid networkId, int version) => new()
        {
            Id = id, NetworkId = networkId, SchoolYear = draft.SchoolYear!, Title = draft.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim(),
            Status = SchoolCodes.Code(draft.Status ?? ObjectiveStatus.Planned), Version = version,
        };
    }

    public static void Map(IEndpointRouteBuilder networks)
    {
        networks.MapPost("/{id:guid}/objectives", async (Guid id, ObjectiveDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Add(id, body, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Created($"/api/v1/networks/{id}/objectives/{row.Id}", row.ToObjective());
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("AddNetworkObjective")
            .WithSummary("Add an objective to the network project")
            .WithDescription("Adds an objective for one school year of the multi-year network project (status `planned` unless given).")
            .WithIdempotency()
            .ReturnsETag()
            .Accepts<ObjectiveDraft>("application/json")
            .Produces<Objective>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        networks.MapPut("/{id:guid}/objectives/{objectiveId:guid}", async (Guid id, Guid objectiveId, ObjectiveDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var row = await mediator.Send(new Change(id, objectiveId, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Ok(row.ToObjective());
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("UpdateNetworkObjective")
            .WithSummary("Replace an objective (e.g. its status)")
            .WithDescription("Replaces an objective's year, title, description and status. Requires If-Match with the objective's ETag.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<ObjectiveDraft>("application/json")
            .Produces<Objective>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        networks.MapGet("/{id:guid}/objectives", async (
                Guid id, HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "schoolYear"), Description("Only this school year (e.g. 2025-2026).")] string? schoolYear = null) =>
            {
                if (schoolYear is not null && !Periods.IsSchoolYear(schoolYear))
                {
                    throw RequestValidationException.For("schoolYear", Periods.SchoolYearRule);
                }

                return TypedResults.Ok(await mediator.Send(new List(id, schoolYear, http.Caller()), ct));
            })
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("ListNetworkObjectives")
            .WithSummary("List the network project's objectives")
            .WithDescription("Every objective of the network project (at most 500, so in one page), by school year then creation order.")
            .Produces<Page<Objective>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
