namespace Innovation.Modules.Networks.Features.Networks;

internal static class AddNetworkPerson
{
    internal sealed record Command(Guid NetworkId, PersonMembershipDraft Body, Caller Caller) : IRequest<(PersonMember Member, int Version)>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.PersonId).NotEmpty().OverridePropertyName("personId");
            PersonMembershipRules.Apply(this, c => c.Body);
        }
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, (PersonMember Member, int Version)>
    {
        public Task<(PersonMember Member, int Version)> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkMembers.AddAsync<NetworkTable.PersonMemberRow, PersonMember>(
                db, time, command.NetworkId, command.Caller, "person", NetworkMembers.InsertPersonSql, network => new()
                {
                    Id = SortableId.New(), NetworkId = network.Id, PersonId = command.Body.PersonId!.Value,
                    Role = StableCode.Of(command.Body.Role!.Value), Domain = NetworkMembers.DomainCode(command.Body.Domain),
                    FromDate = Periods.Text(command.Body.From), ToDate = Periods.Text(command.Body.To),
                },
                async (c, t, network, row) =>
                {
                    await PersonDirectory.RequireAsync(c, t, row.PersonId, network.Academie, "personId");
                    if (await NetworkMembers.PersonOverlapAsync(c, t, network.Id, row.Id, row.PersonId, row.FromDate, row.ToDate) is { } overlap)
                    {
                        throw ProblemException.Conflict("already_member", overlap);
                    }
                },
                row => row.ToMember, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapAddMember<PersonMembershipDraft, PersonMember>("people", (id, body, caller) => new Command(id, body, caller))
            .WithName("AddNetworkPerson")
            .WithSummary("Add a member person")
            .WithDescription("Adds a person of the people directory (same académie), by id, with a role (and a domain for a referent) and a period. "
                + "A person may belong to several networks, but only once at a time to the same one "
                + "(409 `already_member`: change the role with PUT). The network's version moves and `NetworkMembershipChanged` is published "
                + "(ids and roles only, never names).");
}
