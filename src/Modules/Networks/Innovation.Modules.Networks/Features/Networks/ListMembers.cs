using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Networks.Features.Networks;

internal static class ListMembers
{
    internal sealed record Query(Guid NetworkId, DateOnly? At, bool All, Caller Caller) : IRequest<(Members Members, int Version)>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Query, (Members, int)>
    {
        public Task<(Members, int)> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, query.NetworkId, query.Caller);
                var day = Periods.Text(query.At) ?? NetworkMembers.Today(time.GetUtcNow());
                var schools = (await c.QueryAsync<NetworkTable.SchoolMemberRow>(NetworkTable.SchoolMembersSql, new { NetworkId = network.Id }))
                    .Select(s => s.ToMember(day)).Where(m => query.All || m.Current).ToList();
                var people = (await c.QueryAsync<NetworkTable.PersonMemberRow>(NetworkTable.PersonMembersSql, new { NetworkId = network.Id }))
                    .Select(p => p.ToMember(day)).Where(m => query.All || m.Current).ToList();
                return (new Members(schools, people), network.Version);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapGet("/{id:guid}/members", async (
                Guid id, HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "at"), Description("The date members are current at (yyyy-MM-dd); today by default.")] DateOnly? at = null,
                [FromQuery(Name = "all"),
                    Description("true: every membership, past and future ones included, each with `current` computed at `at`.")] bool all = false) =>
            {
                var (members, version) = await mediator.Send(new Query(id, at, all, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Ok(members);
            })
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("ListNetworkMembers")
            .WithSummary("List a network's members")
            .WithDescription("The member schools and people whose membership covers today (a member whose period ended, or has not begun, is not " +
                "current). `at` asks for another date; `all=true` lists every membership. The whole membership of one network is returned at once " +
                "(no pagination: it is bounded by the network's size). The ETag is the network's.")
            .ReturnsETag()
            .Produces<Members>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
