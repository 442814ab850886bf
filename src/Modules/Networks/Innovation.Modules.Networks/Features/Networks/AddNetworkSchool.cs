namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A school joining a network.</summary>
/// <param name="Uai" example="0271234V">The school's UAI (in the directory, same académie as the network).</param>
/// <param name="From" example="2025-09-01">First day of the membership (optional).</param>
/// <param name="To" example="2026-08-31">Last day of the membership (optional: open-ended).</param>
internal sealed record SchoolMembershipDraft(string? Uai, DateOnly? From, DateOnly? To);

internal static class AddNetworkSchool
{
    internal sealed record Command(Guid NetworkId, SchoolMembershipDraft Body, Caller Caller) : IRequest<(SchoolMember Member, int Version)>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Uai).NotEmpty().Custom((uai, context) =>
            {
                if (!string.IsNullOrWhiteSpace(uai) && Domain.Uai.Normalize(uai, out var error) is null)
                {
                    context.AddFailure(error);
                }
            });
            RuleFor(c => c.Body.To).Must((c, to) => NetworkMembers.PeriodError(c.Body.From, to) is null)
                .WithMessage(c => NetworkMembers.PeriodError(c.Body.From, c.Body.To));
        }
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, (SchoolMember Member, int Version)>
    {
        public Task<(SchoolMember Member, int Version)> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkMembers.AddAsync<NetworkTable.SchoolMemberRow, SchoolMember>(
                db, time, command.NetworkId, command.Caller, "school", NetworkMembers.InsertSchoolSql, network => new()
                {
                    Id = SortableId.New(), NetworkId = network.Id, Uai = Domain.Uai.Normalize(command.Body.Uai, out _)!, Kind = network.Kind,
                    FromDate = Periods.Text(command.Body.From), ToDate = Periods.Text(command.Body.To),
                },
                async (c, t, network, row) =>
                {
                    if (await NetworkMembers.SchoolRuleAsync(c, t, network, row.Id, row.Uai, row.FromDate, row.ToDate) is { } broken)
                    {
                        throw NetworkMembers.Problem(broken, "uai");
                    }
                },
                row => row.ToMember, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapAddMember<SchoolMembershipDraft, SchoolMember>("schools", (id, body, caller) => new Command(id, body, caller))
            .WithName("AddNetworkSchool")
            .WithSummary("Add a member school")
            .WithDescription("Adds a school of the directory (same académie) to the network for a period. "
                + "A school may belong to several networks of different kinds, but to only one network of a given kind over any period "
                + "(409 `school_in_network_of_same_kind`), and only once at a time to the same network (409 `already_member`). "
                + "The network's version moves (the ETag answered is the network's) and `NetworkMembershipChanged` is published.");
}
