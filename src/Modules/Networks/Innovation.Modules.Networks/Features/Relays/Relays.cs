using System.ComponentModel;
using System.Text.Json;
using Dapper;
using FluentValidation;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Networks.Domain;
using Innovation.Modules.Networks.Features.Networks;
using Innovation.Modules.Networks.Features.Schools;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Innovation.Modules.Networks.Features.Relays;

/// <summary>One dated step of a relay's progression.</summary>
/// <param name="Decision">start, promote, hold or stop.</param>
/// <param name="Year" example="2">The year the teacher is in after this step.</param>
/// <param name="On" example="2026-09-01">The date of the decision.</param>
/// <param name="CpcId">The CPC the teacher continues with (year 2), when named.</param>
internal sealed record RelayStep(RelayDecision Decision, int Year, DateOnly On, Guid? CpcId);

/// <summary>A teacher's relay progression in a mutualisation group.</summary>
/// <param name="Id" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5ea0">The relay's id.</param>
/// <param name="NetworkId">The mutualisation group.</param>
/// <param name="PersonId">The teacher, by id.</param>
/// <param name="Departement" example="027">The group's département.</param>
/// <param name="Year" example="2">1 (group), 2 (continued with a CPC) or 3 (relay in the territory).</param>
/// <param name="Status">active, or stopped.</param>
/// <param name="CpcId">The CPC of year 2, when named.</param>
/// <param name="Steps">Every decision, in order.</param>
internal sealed record Relay(Guid Id, Guid NetworkId, Guid PersonId, string? Departement, int Year, RelayStatus Status, Guid? CpcId, IReadOnlyList<RelayStep> Steps);

/// <summary>A teacher entering the relay progression (year 1).</summary>
/// <param name="PersonId">The teacher's id in the people directory.</param>
/// <param name="StartedOn" example="2025-09-01">First day of year 1 in the group.</param>
internal sealed record RelayStart(Guid? PersonId, DateOnly? StartedOn);

/// <summary>A decision on a relay's progression.</summary>
/// <param name="Decision">promote (next year), hold (same year again) or stop.</param>
/// <param name="On" example="2026-09-01">Date of the decision: not before the previous one.</param>
/// <param name="ToYear" example="2">Optional check on a promotion: the year it leads to (must be the next one).</param>
/// <param name="CpcId">The CPC the teacher continues with: required to enter year 2.</param>
internal sealed record RelayDecisionDraft(RelayDecision? Decision, DateOnly? On, int? ToYear, Guid? CpcId);

/// <summary>Relay progression of teachers in mutualisation groups (seed 002).</summary>
internal static class Relays
{
    internal const string SelectSql = """
        SELECT id AS Id, network_id AS NetworkId, person_id AS PersonId, academie AS Academie, departement AS Departement, stage AS Stage,
               status AS Status, cpc_id AS CpcId, last_date AS LastDate, steps AS Steps, version AS Version
        FROM networks.relay

        """;

    internal const string FindSql = SelectSql + "WHERE id = @Id AND network_id = @NetworkId";

    internal const string ExistsSql = "SELECT COUNT(*) FROM networks.relay WHERE network_id = @NetworkId AND person_id = @PersonId";

    internal const string ListSql = SelectSql + """
        WHERE (@CallerAcademie IS NULL OR academie = @CallerAcademie)
          AND departement = @Departement
          AND (@Stage IS NULL OR stage = @Stage)
          AND (@Status IS NULL OR status = @Status)
          AND id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY id
        {{limit @Take}}
        """;

    internal const string InsertSql = """
        INSERT INTO networks.relay (id, network_id, person_id, academie, departement, stage, status, cpc_id, last_date, steps, version)
        VALUES (@Id, @NetworkId, @PersonId, @Academie, @Departement, @Stage, @Status, @CpcId, @LastDate, @Steps, @Version)
        """;

    internal const string UpdateSql = """
        UPDATE networks.relay SET stage = @Stage, status = @Status, cpc_id = @CpcId, last_date = @LastDate, steps = @Steps, version = @Version
        WHERE id = @Id AND version = @Version - 1
        """;

    private static readonly JsonSerializerOptions StepsJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid NetworkId { get; set; }
        public Guid PersonId { get; set; }
        public string Academie { get; set; } = "";
        public string? Departement { get; set; }
        public int Stage { get; set; }
        public string Status { get; set; } = "";
        public Guid? CpcId { get; set; }
        public string LastDate { get; set; } = "";
        public string Steps { get; set; } = "[]";
        public int Version { get; set; }

        public List<RelayStep> StepList => JsonSerializer.Deserialize<List<RelayStep>>(Steps, StepsJson)!;

        public Relay ToRelay() => new(Id, NetworkId, PersonId, Departement, Stage, SchoolCodes.Parse<RelayStatus>(Status), CpcId, StepList);
    }

    internal sealed record Start(Guid NetworkId, RelayStart Body, Caller Caller) : IRequest<Row>;

    internal sealed record Decide(Guid NetworkId, Guid RelayId, RelayDecisionDraft Body, int? IfMatch, Caller Caller) : IRequest<Row>;

    internal sealed record List(string? Departement, int? Year, string? Status, int? Limit, string? Cursor, Caller Caller) : IRequest<Page<Relay>>;

    internal sealed class StartValidator : AbstractValidator<Start>
    {
        public StartValidator()
        {
            RuleFor(c => c.Body.PersonId).NotEmpty().OverridePropertyName("personId");
            RuleFor(c => c.Body.StartedOn).NotNull().OverridePropertyName("startedOn");
        }
    }

    internal sealed class DecideValidator : AbstractValidator<Decide>
    {
        public DecideValidator()
        {
            RuleFor(c => c.Body.Decision).NotNull().OverridePropertyName("decision");
            RuleFor(c => c.Body.On).NotNull().OverridePropertyName("on");
            RuleFor(c => c.Body.ToYear).InclusiveBetween(1, RelayProgression.LastYear).OverridePropertyName("toYear");
        }
    }

    internal sealed class Handler(Db db, Territory territory)
        : IRequestHandler<Start, Row>, IRequestHandler<Decide, Row>, IRequestHandler<List, Page<Relay>>
    {
        public Task<Row> Handle(Start command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                if (network.Kind != SchoolCodes.Code(NetworkKind.MutualisationGroup))
                {
                    throw ProblemException.Conflict("not_a_mutualisation_group", $"Relay progression exists only in mutualisation groups; this network is a {network.Kind}.");
                }

                var personId = command.Body.PersonId!.Value;
                await PersonDirectory.RequireAsync(c, t, personId, network.Academie, "personId");
                if (await c.ExecuteScalarAsync<int>(ExistsSql, new { NetworkId = network.Id, PersonId = personId }, t) > 0)
                {
                    throw ProblemException.Conflict("relay_exists", $"Person {personId} already has a relay progression in this group.");
                }

                var on = command.Body.StartedOn!.Value;
                var row = new Row
                {
                    Id = Guid.CreateVersion7(), NetworkId = network.Id, PersonId = personId, Academie = network.Academie, Departement = network.Departement,
                    Stage = 1, Status = SchoolCodes.Code(RelayStatus.Active), LastDate = Periods.Text(on)!,
                    Steps = JsonSerializer.Serialize(new[] { new RelayStep(RelayDecision.Start, 1, on, null) }, StepsJson), Version = 1,
                };
                await c.ExecuteAsync(InsertSql, row, t);
                return row;
            }, cancellationToken);

        public Task<Row> Handle(Decide command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                var row = await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = command.RelayId, command.NetworkId }, t)
                    ?? throw ProblemException.NotFound("relay", command.RelayId.ToString());
                if (command.IfMatch is { } expected && expected != row.Version)
                {
                    throw ETags.Stale(row.Version);
                }

                var body = command.Body;
                var (year, refusal) = RelayProgression.Decide(row.Stage, row.Status == SchoolCodes.Code(RelayStatus.Stopped), Periods.Date(row.LastDate)!.Value,
                    body.Decision!.Value, body.On!.Value, body.ToYear, body.CpcId);
                if (refusal is not null)
                {
                    throw refusal.Status == 400
                        ? RequestValidationException.For(refusal.Field, refusal.Message)
                        : ProblemException.Conflict(refusal.Code, refusal.Message);
                }

                if (body.CpcId is { } cpc)
                {
                    await PersonDirectory.RequireAsync(c, t, cpc, network.Academie, "cpcId");
                }

                var steps = row.StepList;
                steps.Add(new RelayStep(body.Decision.Value, year, body.On.Value, body.CpcId));
                row.Stage = year;
                row.CpcId = body.CpcId ?? row.CpcId;
                row.Status = SchoolCodes.Code(body.Decision == RelayDecision.Stop ? RelayStatus.Stopped : RelayStatus.Active);
                row.LastDate = Periods.Text(body.On)!;
                row.Steps = JsonSerializer.Serialize(steps, StepsJson);
                row.Version++;
                return await c.ExecuteAsync(UpdateSql, row, t) == 1 ? row : throw ETags.Stale(row.Version - 1);
            }, cancellationToken);

        public async Task<Page<Relay>> Handle(List query, CancellationToken cancellationToken)
        {
            var limit = Limit.Resolve(query.Limit);
            var status = EnumCodesAttribute.Parse<RelayStatus>(query.Status, "status");
            var departement = (await territory.GetAsync(cancellationToken)).FindDepartement(query.Departement)?.Code;
            var errors = new Dictionary<string, string[]>();
            if (departement is null)
            {
                errors["departement"] = [string.IsNullOrWhiteSpace(query.Departement) ? "The département is required (e.g. 027)." : $"Unknown département '{query.Departement}'."];
            }

            if (query.Year is < 1 or > RelayProgression.LastYear)
            {
                errors["year"] = ["year is 1, 2 or 3."];
            }

            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors);
            }

            var after = Cursor.Decode(query.Cursor);
            Guid? afterId = after is null ? null : Guid.TryParse(after, out var g) ? g : throw RequestValidationException.For("cursor", "The cursor is not one this API issued.");
            var rows = await db.ReadAsync(c => c.QueryAsync<Row>(db.Sql(ListSql), new
            {
                CallerAcademie = query.Caller.Academie, Departement = departement, Stage = query.Year,
                Status = status is { } s ? SchoolCodes.Code(s) : null, After = afterId, Take = limit + 1,
            }), cancellationToken);
            return Page<Relay>.From(rows.Select(r => r.ToRelay()).ToList(), limit, r => r.Id.ToString());
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        var networks = api.MapGroup("/networks").WithTags("Relays");
        networks.MapPost("/{id:guid}/relays", async (Guid id, RelayStart body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Start(id, body, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Created($"/api/v1/relays?departement={row.Departement}", row.ToRelay());
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("StartRelay")
            .WithSummary("Start a teacher's relay progression")
            .WithDescription("A teacher of the people directory enters year 1 of the relay progression of a mutualisation group (409 `not_a_mutualisation_group` for any other kind; 409 `relay_exists` when the teacher already has one in this group).")
            .WithIdempotency()
            .ReturnsETag()
            .Accepts<RelayStart>("application/json")
            .Produces<Relay>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        networks.MapPost("/{id:guid}/relays/{relayId:guid}/decisions", async (Guid id, Guid relayId, RelayDecisionDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                int? ifMatch = string.IsNullOrWhiteSpace(http.Request.Headers.IfMatch) ? null : ETags.RequiredIfMatch(http.Request);
                var row = await mediator.Send(new Decide(id, relayId, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Ok(row.ToRelay());
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("DecideRelay")
            .WithSummary("Promote, hold or stop a relay")
            .WithDescription("Records a dated decision: `promote` to the next year (year 2 needs `cpcId`, the CPC the teacher continues with; 409 `relay_year_skipped` if `toYear` is not the next year: no year 3 without year 2; 409 `relay_at_last_year` beyond year 3), `hold` (the same year again) or `stop`. Decisions are dated in order (409 `relay_dates_out_of_order`) and nothing follows a stop (409 `relay_stopped`). An If-Match with the relay's ETag is honoured when sent.")
            .ReturnsETag()
            .Accepts<RelayDecisionDraft>("application/json")
            .Produces<Relay>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/relays", async (
                HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "departement"), Description("Département code (required), e.g. 027.")] string? departement = null,
                [FromQuery(Name = "year"), Description("Only relays in this year (1, 2 or 3).")] int? year = null,
                [FromQuery(Name = "status"), EnumCodes(typeof(RelayStatus)), Description("active or stopped.")] string? status = null,
                [FromQuery(Name = "limit")] int? limit = null,
                [FromQuery(Name = "cursor")] string? cursor = null) =>
                TypedResults.Ok(await mediator.Send(new List(departement, year, status, limit, cursor, http.Caller()), ct)))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithTags("Relays")
            .WithName("ListRelays")
            .WithSummary("List the relays of a département")
            .WithDescription("The relay progressions of the mutualisation groups of a département, in a stable order, with cursor pagination; filters `year` and `status`.")
            .Produces<Page<Relay>>()
            .ProducesValidationProblem();
    }
}
