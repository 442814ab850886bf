namespace Innovation.Modules.Networks.Features.Networks;

internal static class ChangeNetworkPerson
{
    internal sealed record Command(Guid NetworkId, Guid MembershipId, PersonMembershipDraft Body, int? IfMatch, Caller Caller)
        : IRequest<(PersonMember Member, int Version)>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => PersonMembershipRules.Apply(this, c => c.Body);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, (PersonMember Member, int Version)>
    {
        public Task<(PersonMember Member, int Version)> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkMembers.ChangeAsync<NetworkTable.PersonMemberRow, PersonMember>(
                db, time, command.NetworkId, command.MembershipId, command.IfMatch, command.Caller, "person",
                (NetworkMembers.FindPersonSql, NetworkMembers.UpdatePersonSql),
                row =>
                {
                    var body = command.Body;
                    var values =
                        (StableCode.Of(body.Role!.Value), NetworkMembers.DomainCode(body.Domain), Periods.Text(body.From), Periods.Text(body.To));
                    var changes = values != (row.Role, row.Domain, row.FromDate, row.ToDate);
                    (row.Role, row.Domain, row.FromDate, row.ToDate) = values;
                    return changes;
                },
                async (c, t, network, row) =>
                {
                    if (await NetworkMembers.PersonOverlapAsync(c, t, network.Id, row.Id, row.PersonId, row.FromDate, row.ToDate) is { } overlap)
                    {
                        throw ProblemException.Conflict("already_member", overlap);
                    }
                },
                row => row.ToMember, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapChangeMember<PersonMembershipDraft, PersonMember>(
                "people", (id, membershipId, body, ifMatch, caller) => new Command(id, membershipId, body, ifMatch, caller))
            .WithName("ChangeNetworkPerson")
            .WithSummary("Change a member person's role or period")
            .WithDescription("Replaces role, domain and period of a person's membership (set `to` to end it; `personId` is ignored). "
                + "Requires If-Match with the network's ETag. Publishes `NetworkMembershipChanged`.");
}
