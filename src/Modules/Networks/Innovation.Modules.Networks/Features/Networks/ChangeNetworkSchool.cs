using Innovation.BuildingBlocks.Audit;

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
            NetworkMembers.WriteAsync<SchoolMember>(db, time, command.NetworkId, command.Caller, "school", async (c, t, network) =>
            {
                var row = await NetworkMembers.FindToChangeAsync<NetworkTable.SchoolMemberRow>(
                    c, t, NetworkMembers.FindSchoolSql, network, command.MembershipId, command.IfMatch);
                var before = AuditChanges.Snapshot(row);
                var (from, to) = (Periods.Text(command.Body.From), Periods.Text(command.Body.To));
                if (from == row.FromDate && to == row.ToDate)
                {
                    return (row.ToMember, NetworkMembers.Membership.Unchanged(row.Id, row));
                }

                if (await NetworkMembers.SchoolRuleAsync(c, t, network, row.Id, row.Uai, from, to) is { } broken)
                {
                    throw NetworkMembers.Problem(broken, "from");
                }

                (row.FromDate, row.ToDate) = (from, to);
                await c.ExecuteAsync(NetworkMembers.UpdateSchoolSql, row, t);
                return (row.ToMember, new NetworkMembers.Membership(row.Id, before, row, true));
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPut("/{id:guid}/schools/{membershipId:guid}", async (
                Guid id, Guid membershipId, MembershipPeriod body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (member, version) = await mediator.Send(new Command(id, membershipId, body, ifMatch, http.Caller()), ct);
                return http.OkWithETag(version, member);
            })
            .WithName("ChangeNetworkSchool")
            .WithSummary("Change a member school's period")
            .WithDescription("Replaces the period of a school membership (set `to` to end it). Requires If-Match with the network's ETag. "
                + "Publishes `NetworkMembershipChanged`.")
            .ReplacesInNetwork<MembershipPeriod, SchoolMember>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
