using System.Text.Json;
using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Modules.Networks.Features.Relays;

/// <summary>A teacher entering the relay progression (year 1).</summary>
/// <param name="PersonId">The teacher's id in the people directory.</param>
/// <param name="StartedOn" example="2025-09-01">First day of year 1 in the group.</param>
internal sealed record RelayStart(Guid? PersonId, DateOnly? StartedOn);

internal static class StartRelay
{
    internal const string ExistsSql = "SELECT COUNT(*) FROM networks.relay WHERE network_id = @NetworkId AND person_id = @PersonId";

    internal sealed record Command(Guid NetworkId, RelayStart Body, Caller Caller) : IRequest<RelayTable.Row>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.PersonId).NotEmpty().OverridePropertyName("personId");
            RuleFor(c => c.Body.StartedOn).NotNull().OverridePropertyName("startedOn");
        }
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, RelayTable.Row>
    {
        public Task<RelayTable.Row> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkChildren.WriteAsync(db, command.NetworkId, command.Caller, async (c, t, network) =>
            {
                if (network.Kind != StableCode.Of(NetworkKind.MutualisationGroup))
                {
                    throw ProblemException.Conflict(
                        "not_a_mutualisation_group", $"Relay progression exists only in mutualisation groups; this network is a {network.Kind}.");
                }

                var personId = command.Body.PersonId!.Value;
                await PersonDirectory.RequireAsync(c, t, personId, network.Academie, "personId");
                if (await c.ExecuteScalarAsync<int>(ExistsSql, new { NetworkId = network.Id, PersonId = personId }, t) > 0)
                {
                    throw ProblemException.Conflict("relay_exists", $"Person {personId} already has a relay progression in this group.");
                }

                var on = command.Body.StartedOn!.Value;
                var row = new RelayTable.Row
                {
                    Id = SortableId.New(), NetworkId = network.Id, PersonId = personId, Academie = network.Academie,
                    Departement = network.Departement,
                    Stage = 1, Status = StableCode.Of(RelayStatus.Active), LastDate = Periods.Text(on)!,
                    Steps = JsonSerializer.Serialize(new[] { new RelayStep(RelayDecision.Start, 1, on, null) }, RelayTable.StepsJson), Version = 1,
                };
                await c.ExecuteAsync(RelayTable.InsertSql, row, t);
                await NetworkChildren.AuditAsync(c, t, network, command.Caller, time.GetUtcNow(), "relay", row.Id, "add", null, row);
                return row;
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGroup("/networks").WithTags("Relays")
            .MapPost("/{id:guid}/relays", async (Guid id, RelayStart body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Command(id, body, http.Caller()), ct);
                return http.CreatedWithETag($"/api/v1/relays?departement={row.Departement}", row.Version, row.ToRelay());
            })
            .WithName("StartRelay")
            .WithSummary("Start a teacher's relay progression")
            .WithDescription("A teacher of the people directory enters year 1 of the relay progression of a mutualisation group "
                + "(409 `not_a_mutualisation_group` for any other kind; 409 `relay_exists` when the teacher already has one in this group).")
            .CreatesInNetwork<RelayStart, Relay>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
