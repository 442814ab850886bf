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
            NetworkMembers.WriteAsync<PersonMember>(db, time, command.NetworkId, command.Caller, "person", async (c, t, network) =>
            {
                var body = command.Body;
                await PersonDirectory.RequireAsync(c, t, body.PersonId!.Value, network.Academie, "personId");
                var row = new NetworkTable.PersonMemberRow
                {
                    Id = SortableId.New(), NetworkId = network.Id, PersonId = body.PersonId.Value, Role = StableCode.Of(body.Role!.Value),
                    Domain = NetworkMembers.DomainCode(body.Domain), FromDate = Periods.Text(body.From), ToDate = Periods.Text(body.To),
                };
                if (await NetworkMembers.PersonOverlapAsync(c, t, network.Id, row.Id, row.PersonId, row.FromDate, row.ToDate) is { } overlap)
                {
                    throw ProblemException.Conflict("already_member", overlap);
                }

                await c.ExecuteAsync(NetworkMembers.InsertPersonSql, row, t);
                return (row.ToMember, NetworkMembers.Membership.Added(row.Id, row));
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPost("/{id:guid}/people", async (
                Guid id, PersonMembershipDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (member, version) = await mediator.Send(new Command(id, body, http.Caller()), ct);
                return http.CreatedWithETag($"/api/v1/networks/{id}/members", version, member);
            })
            .WithName("AddNetworkPerson")
            .WithSummary("Add a member person")
            .WithDescription("Adds a person of the people directory (same académie), by id, with a role (and a domain for a referent) and a period. "
                + "A person may belong to several networks, but only once at a time to the same one "
                + "(409 `already_member`: change the role with PUT). The network's version moves and `NetworkMembershipChanged` is published "
                + "(ids and roles only, never names).")
            .CreatesInNetwork<PersonMembershipDraft, PersonMember>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
