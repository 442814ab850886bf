namespace Innovation.Modules.Networks.Features.Networks;

internal static class AddNetworkObjective
{
    internal const string CountSql = "SELECT COUNT(*) FROM networks.network_objective WHERE network_id = @NetworkId";

    internal const int MaxPerNetwork = 500;

    internal sealed record Command(Guid NetworkId, ObjectiveDraft Body, Caller Caller) : IRequest<ObjectiveTable.Row>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ObjectiveDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, ObjectiveTable.Row>
    {
        public Task<ObjectiveTable.Row> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkChildren.WriteAsync(db, command.NetworkId, command.Caller, async (c, t, network) =>
            {
                if (await c.ExecuteScalarAsync<int>(CountSql, new { NetworkId = network.Id }, t) >= MaxPerNetwork)
                {
                    throw ProblemException.Conflict("too_many_objectives", $"A network project holds at most {MaxPerNetwork} objectives.");
                }

                var row = ObjectiveTable.Row.From(command.Body, SortableId.New(), network.Id);
                await c.ExecuteAsync(ObjectiveTable.InsertSql, new
                {
                    row.Id, row.NetworkId, row.SchoolYear, row.Title, row.Description, row.Status, row.Version, Now = time.GetUtcNow(),
                }, t);
                await NetworkChildren.AuditAsync(c, t, network, command.Caller, time.GetUtcNow(), "objective", row.Id, "add", null, row);
                return row;
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPost("/{id:guid}/objectives", async (Guid id, ObjectiveDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Command(id, body, http.Caller()), ct);
                return http.CreatedWithETag($"/api/v1/networks/{id}/objectives/{row.Id}", row.Version, row.ToObjective());
            })
            .WithName("AddNetworkObjective")
            .WithSummary("Add an objective to the network project")
            .WithDescription("Adds an objective for one school year of the multi-year network project (status `planned` unless given).")
            .CreatesInNetwork<ObjectiveDraft, Objective>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
