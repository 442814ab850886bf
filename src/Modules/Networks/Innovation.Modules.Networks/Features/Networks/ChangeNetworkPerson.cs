using Innovation.BuildingBlocks.Audit;

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
            NetworkMembers.WriteAsync<PersonMember>(db, time, command.NetworkId, command.Caller, "person", async (c, t, network) =>
            {
                var row = await NetworkMembers.FindToChangeAsync<NetworkTable.PersonMemberRow>(
                    c, t, NetworkMembers.FindPersonSql, network, command.MembershipId, command.IfMatch);
                var before = AuditChanges.Snapshot(row);
                var body = command.Body;
                var (role, domain, from, to) =
                    (StableCode.Of(body.Role!.Value), NetworkMembers.DomainCode(body.Domain), Periods.Text(body.From), Periods.Text(body.To));
                if ((role, domain, from, to) == (row.Role, row.Domain, row.FromDate, row.ToDate))
                {
                    return (row.ToMember, NetworkMembers.Membership.Unchanged(row.Id, row));
                }

                if (await NetworkMembers.PersonOverlapAsync(c, t, network.Id, row.Id, row.PersonId, from, to) is { } overlap)
                {
                    throw ProblemException.Conflict("already_member", overlap);
                }

                (row.Role, row.Domain, row.FromDate, row.ToDate) = (role, domain, from, to);
                await c.ExecuteAsync(NetworkMembers.UpdatePersonSql, row, t);
                return (row.ToMember, new NetworkMembers.Membership(row.Id, before, row, true));
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPut("/{id:guid}/people/{membershipId:guid}", async (
                Guid id, Guid membershipId, PersonMembershipDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (member, version) = await mediator.Send(new Command(id, membershipId, body, ifMatch, http.Caller()), ct);
                return http.OkWithETag(version, member);
            })
            .WithName("ChangeNetworkPerson")
            .WithSummary("Change a member person's role or period")
            .WithDescription("Replaces role, domain and period of a person's membership (set `to` to end it; `personId` is ignored). "
                + "Requires If-Match with the network's ETag. Publishes `NetworkMembershipChanged`.")
            .ReplacesInNetwork<PersonMembershipDraft, PersonMember>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
