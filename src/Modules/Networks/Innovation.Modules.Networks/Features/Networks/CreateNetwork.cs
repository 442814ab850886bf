namespace Innovation.Modules.Networks.Features.Networks;

internal static class CreateNetwork
{
    internal sealed record Command(NetworkDraft Body, Caller Caller) : IRequest<Versioned<Network>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<NetworkDraft> network) => RuleFor(c => c.Body).SetValidator(network);
    }

    internal sealed class Handler(Db db, Territory territory, TimeProvider time) : IRequestHandler<Command, Versioned<Network>>
    {
        public async Task<Versioned<Network>> Handle(Command command, CancellationToken cancellationToken)
        {
            var row = command.Body.ToRow(SortableId.New(), await territory.GetAsync(cancellationToken), command.Caller);
            await db.WriteAsync(async (c, t) =>
            {
                var now = time.GetUtcNow();
                await NetworkTable.InsertAsync(c, t, row, now);
                await NetworksAudit.RecordAsync(
                    c, t, command.Caller, now, row.Academie, "network", row.Id.ToString(), "create", null, row.ToNetwork());
            }, cancellationToken);
            return new(row.ToNetwork(), row.Version);
        }
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapCreate<NetworkDraft, Network>(
                "/", (body, caller) => new Command(body, caller), n => $"/api/v1/networks/{n.Id}", StatusCodes.Status403Forbidden)
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("CreateNetwork")
            .WithSummary("Create a network")
            .WithDescription("Creates a network or professional collective of the caller's académie (the académie follows from the département " +
                "when one is given). Publishes `NetworkCreated`.");
}
