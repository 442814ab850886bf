using FluentValidation;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Networks.Domain;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A school joining a network.</summary>
/// <param name="Uai" example="0271234V">The school's UAI (in the directory, same académie as the network).</param>
/// <param name="From" example="2025-09-01">First day of the membership (optional).</param>
/// <param name="To" example="2026-08-31">Last day of the membership (optional: open-ended).</param>
internal sealed record SchoolMembershipDraft(string? Uai, DateOnly? From, DateOnly? To);

/// <summary>A school membership's period.</summary>
/// <param name="From" example="2025-09-01">First day of the membership (optional).</param>
/// <param name="To" example="2026-08-31">Last day; set it to end the membership.</param>
internal sealed record MembershipPeriod(DateOnly? From, DateOnly? To);

/// <summary><c>POST /networks/{id}/schools</c> and <c>PUT /networks/{id}/schools/{membershipId}</c>.</summary>
internal static class SchoolMemberships
{
    internal sealed record Add(Guid NetworkId, SchoolMembershipDraft Body, Caller Caller) : IRequest<(SchoolMember Member, int Version)>;

    internal sealed record Change(Guid NetworkId, Guid MembershipId, MembershipPeriod Body, int? IfMatch, Caller Caller)
        : IRequest<(SchoolMember Member, int Version)>;

    internal sealed class AddValidator : AbstractValidator<Add>
    {
        public AddValidator()
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

    internal sealed class ChangeValidator : AbstractValidator<Change>
    {
        public ChangeValidator() =>
            RuleFor(c => c.Body.To).Must((c, to) => NetworkMembers.PeriodError(c.Body.From, to) is null)
                .WithMessage(c => NetworkMembers.PeriodError(c.Body.From, c.Body.To));
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Add, (SchoolMember, int)>, IRequestHandler<Change, (SchoolMember, int)>
    {
        public Task<(SchoolMember, int)> Handle(Add command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                var row = new NetworkTable.SchoolMemberRow
                {
                    Id = Guid.CreateVersion7(), NetworkId = network.Id, Uai = Domain.Uai.Normalize(command.Body.Uai, out _)!, Kind = network.Kind,
                    FromDate = Periods.Text(command.Body.From), ToDate = Periods.Text(command.Body.To),
                };
                if (await NetworkMembers.SchoolRuleAsync(c, t, network, row.Id, row.Uai, row.FromDate, row.ToDate) is { } broken)
                {
                    throw NetworkMembers.Problem(broken, "uai");
                }

                await Dapper.SqlMapper.ExecuteAsync(c, NetworkMembers.InsertSchoolSql, row, t);
                var now = time.GetUtcNow();
                await NetworkTable.MembershipChangedAsync(c, t, network, now);
                return (row.ToMember(Today(now)), network.Version);
            }, cancellationToken);

        public Task<(SchoolMember, int)> Handle(Change command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                var row = await Dapper.SqlMapper.QuerySingleOrDefaultAsync<NetworkTable.SchoolMemberRow>(
                    c, NetworkMembers.FindSchoolSql, new { Id = command.MembershipId, NetworkId = network.Id }, t)
                    ?? throw ProblemException.NotFound("membership", command.MembershipId.ToString());
                if (command.IfMatch is { } expected && expected != network.Version)
                {
                    throw ETags.Stale(network.Version);
                }

                var now = time.GetUtcNow();
                var (from, to) = (Periods.Text(command.Body.From), Periods.Text(command.Body.To));
                if (from == row.FromDate && to == row.ToDate)
                {
                    return (row.ToMember(Today(now)), network.Version);
                }

                if (await NetworkMembers.SchoolRuleAsync(c, t, network, row.Id, row.Uai, from, to) is { } broken)
                {
                    throw NetworkMembers.Problem(broken, "from");
                }

                (row.FromDate, row.ToDate) = (from, to);
                await Dapper.SqlMapper.ExecuteAsync(c, NetworkMembers.UpdateSchoolSql, row, t);
                await NetworkTable.MembershipChangedAsync(c, t, network, now);
                return (row.ToMember(Today(now)), network.Version);
            }, cancellationToken);
    }

    internal static string Today(DateTimeOffset now) => Periods.Text(DateOnly.FromDateTime(now.UtcDateTime))!;

    public static void Map(IEndpointRouteBuilder networks)
    {
        networks.MapPost("/{id:guid}/schools", async (Guid id, SchoolMembershipDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (member, version) = await mediator.Send(new Add(id, body, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Created($"/api/v1/networks/{id}/members", member);
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("AddNetworkSchool")
            .WithSummary("Add a member school")
            .WithDescription("Adds a school of the directory (same académie) to the network for a period. A school may belong to several networks of different kinds, but to only one network of a given kind over any period (409 `school_in_network_of_same_kind`), and only once at a time to the same network (409 `already_member`). The network's version moves (the ETag answered is the network's) and `NetworkMembershipChanged` is published.")
            .WithIdempotency()
            .ReturnsETag()
            .Accepts<SchoolMembershipDraft>("application/json")
            .Produces<SchoolMember>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        networks.MapPut("/{id:guid}/schools/{membershipId:guid}", async (Guid id, Guid membershipId, MembershipPeriod body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (member, version) = await mediator.Send(new Change(id, membershipId, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Ok(member);
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("ChangeNetworkSchool")
            .WithSummary("Change a member school's period")
            .WithDescription("Replaces the period of a school membership (set `to` to end it). Requires If-Match with the network's ETag. Publishes `NetworkMembershipChanged`.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<MembershipPeriod>("application/json")
            .Produces<SchoolMember>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
