namespace Innovation.Modules.Networks.Features.Networks;

internal static class UpdateNetwork
{
    internal sealed record Command : VersionedChange<NetworkDraft, Network>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<NetworkDraft> network) => RuleFor(c => c.Body).SetValidator(network);
    }

    internal sealed class Handler(Db db, Territory territory, TimeProvider time) : IRequestHandler<Command, Versioned<Network>>
    {
        public async Task<Versioned<Network>> Handle(Command command, CancellationToken cancellationToken)
        {
            var map = await territory.GetAsync(cancellationToken);
            return await db.WriteAsync(async (c, t) =>
            {
                var current = await NetworkTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, current.Version);

                var row = command.Body.ToRow(current.Id, map, command.Caller);
                var errors = new Dictionary<string, string[]>();
                if (row.Kind != current.Kind)
                {
                    // Memberships are checked against the kind (one network per kind for a school), so it is fixed.
                    errors["kind"] = [$"The kind of a network cannot change (it is {current.Kind}): create a new network."];
                }

                if (row.Academie != current.Academie)
                {
                    errors["academie"] = [$"A network cannot move to another académie (it belongs to {current.Academie})."];
                }

                if (errors.Count > 0)
                {
                    throw new RequestValidationException(errors);
                }

                if (current.SameDataAs(row))
                {
                    return new Versioned<Network>(current.ToNetwork(), current.Version);
                }

                var now = time.GetUtcNow();
                if (!await NetworkTable.UpdateAsync(c, t, current, row, now))
                {
                    throw ETags.Stale(current.Version);
                }

                await NetworksAudit.RecordAsync(c, t, command.Caller, now, row.Academie, "network", row.Id.ToString(), "update", current.ToNetwork(),
                    row.ToNetwork());
                return new Versioned<Network>(row.ToNetwork(), row.Version);
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapChange<Command, NetworkDraft, Network>("PUT", "/{id:guid}", StatusCodes.Status403Forbidden)
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("UpdateNetwork")
            .WithSummary("Replace a network's data")
            .WithDescription("Replaces name, département, description and active years (kind and académie cannot change). Requires If-Match. " +
                "Publishes `NetworkUpdated`; an identical body changes nothing and keeps the ETag.");
}
