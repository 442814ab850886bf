namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A school membership's period.</summary>
/// <param name="From" example="2025-09-01">First day of the membership (optional).</param>
/// <param name="To" example="2026-08-31">Last day; set it to end the membership.</param>
internal sealed record MembershipPeriod(DateOnly? From, DateOnly? To);

internal static class ChangeNetworkSchool
{
    internal sealed record Command(Guid NetworkId, Guid MembershipId, MembershipPeriod Body, int? IfMatch, Caller Caller)
        : IRequest<(SchoolMember Member, int Version)>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body.To).Must((c, to) => NetworkMembers.PeriodError(c.Body.From, to) is null)
                .WithMessage(c => NetworkMembers.PeriodError(c.Body.From, c.Body.To));
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, (SchoolMember Member, int Version)>
    {
        public Task<(SchoolMember Member, int Version)> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkMembers.ChangeAsync<NetworkTable.SchoolMemberRow, SchoolMember>(
                db, time, command.NetworkId, command.MembershipId, command.IfMatch, command.Caller, "school",
                (NetworkMembers.FindSchoolSql, NetworkMembers.UpdateSchoolSql),
                row =>
                {
                    var period = (Periods.Text(command.Body.From), Periods.Text(command.Body.To));
                    var changes = period != (row.FromDate, row.ToDate);
                    (row.FromDate, row.ToDate) = period;
                    return changes;
                },
                async (c, t, network, row) =>
                {
                    if (await NetworkMembers.SchoolRuleAsync(c, t, network, row.Id, row.Uai, row.FromDate, row.ToDate) is { } broken)
                    {
                        throw NetworkMembers.Problem(broken, "from");
                    }
                },
                row => row.ToMember, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapChangeMember<MembershipPeriod, SchoolMember>(
                "schools", (id, membershipId, body, ifMatch, caller) => new Command(id, membershipId, body, ifMatch, caller))
            .WithName("ChangeNetworkSchool")
            .WithSummary("Change a member school's period")
            .WithDescription("Replaces the period of a school membership (set `to` to end it). Requires If-Match with the network's ETag. "
                + "Publishes `NetworkMembershipChanged`.");
}
