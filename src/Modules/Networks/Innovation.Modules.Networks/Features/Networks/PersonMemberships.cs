using FluentValidation;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Networks.Domain;
using Innovation.Modules.Networks.Features.Schools;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A person's membership of a network (create or replace).</summary>
/// <param name="PersonId" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5e72">The person's id in the people directory (same académie). Ignored on replace.</param>
/// <param name="Role">The person's role in the network.</param>
/// <param name="Domain" example="culture">The referent's domain (culture, digital, e3d…): required for a referent, refused otherwise.</param>
/// <param name="From" example="2025-09-01">First day of the membership (optional).</param>
/// <param name="To" example="2026-08-31">Last day; set it to end the membership.</param>
internal sealed record PersonMembershipDraft(Guid? PersonId, MemberRole? Role, string? Domain, DateOnly? From, DateOnly? To);

/// <summary><c>POST /networks/{id}/people</c> and <c>PUT /networks/{id}/people/{membershipId}</c>.</summary>
internal static class PersonMemberships
{
    internal sealed record Add(Guid NetworkId, PersonMembershipDraft Body, Caller Caller) : IRequest<(PersonMember Member, int Version)>;

    internal sealed record Change(Guid NetworkId, Guid MembershipId, PersonMembershipDraft Body, int? IfMatch, Caller Caller)
        : IRequest<(PersonMember Member, int Version)>;

    private static void Rules<T>(AbstractValidator<T> validator, Func<T, PersonMembershipDraft> body)
    {
        validator.RuleFor(c => body(c).Role).NotNull().OverridePropertyName("role");
        validator.RuleFor(c => body(c).Domain).Must((c, domain) => body(c).Role is not { } role || NetworkMembers.DomainError(role, domain) is null)
            .WithMessage(c => NetworkMembers.DomainError(body(c).Role!.Value, body(c).Domain)).OverridePropertyName("domain");
        validator.RuleFor(c => body(c).To).Must((c, to) => NetworkMembers.PeriodError(body(c).From, to) is null)
            .WithMessage(c => NetworkMembers.PeriodError(body(c).From, body(c).To)).OverridePropertyName("to");
    }

    internal sealed class AddValidator : AbstractValidator<Add>
    {
        public AddValidator()
        {
            RuleFor(c => c.Body.PersonId).NotEmpty().OverridePropertyName("personId");
            Rules(this, c => c.Body);
        }
    }

    internal sealed class ChangeValidator : AbstractValidator<Change>
    {
        public ChangeValidator() => Rules(this, c => c.Body);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Add, (PersonMember, int)>, IRequestHandler<Change, (PersonMember, int)>
    {
        public Task<(PersonMember, int)> Handle(Add command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                var body = command.Body;
                await PersonDirectory.RequireAsync(c, t, body.PersonId!.Value, network.Academie, "personId");
                var row = new NetworkTable.PersonMemberRow
                {
                    Id = Guid.CreateVersion7(), NetworkId = network.Id, PersonId = body.PersonId.Value, Role = SchoolCodes.Code(body.Role!.Value),
                    Domain = NetworkMembers.DomainCode(body.Domain), FromDate = Periods.Text(body.From), ToDate = Periods.Text(body.To),
                };
                if (await NetworkMembers.PersonOverlapAsync(c, t, network.Id, row.Id, row.PersonId, row.FromDate, row.ToDate) is { } overlap)
                {
                    throw ProblemException.Conflict("already_member", overlap);
                }

                await Dapper.SqlMapper.ExecuteAsync(c, NetworkMembers.InsertPersonSql, row, t);
                var now = time.GetUtcNow();
                await NetworkTable.MembershipChangedAsync(c, t, network, now);
                return (row.ToMember(SchoolMemberships.Today(now)), network.Version);
            }, cancellationToken);

        public Task<(PersonMember, int)> Handle(Change command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                var row = await Dapper.SqlMapper.QuerySingleOrDefaultAsync<NetworkTable.PersonMemberRow>(
                    c, NetworkMembers.FindPersonSql, new { Id = command.MembershipId, NetworkId = network.Id }, t)
                    ?? throw ProblemException.NotFound("membership", command.MembershipId.ToString());
                if (command.IfMatch is { } expected && expected != network.Version)
                {
                    throw ETags.Stale(network.Version);
                }

                var body = command.Body;
                var now = time.GetUtcNow();
                var (role, domain, from, to) = (SchoolCodes.Code(body.Role!.Value), NetworkMembers.DomainCode(body.Domain), Periods.Text(body.From), Periods.Text(body.To));
                if ((role, domain, from, to) == (row.Role, row.Domain, row.FromDate, row.ToDate))
                {
                    return (row.ToMember(SchoolMemberships.Today(now)), network.Version);
                }

                if (await NetworkMembers.PersonOverlapAsync(c, t, network.Id, row.Id, row.PersonId, from, to) is { } overlap)
                {
                    throw ProblemException.Conflict("already_member", overlap);
                }

                (row.Role, row.Domain, row.FromDate, row.ToDate) = (role, domain, from, to);
                await Dapper.SqlMapper.ExecuteAsync(c, NetworkMembers.UpdatePersonSql, row, t);
                await NetworkTable.MembershipChangedAsync(c, t, network, now);
                return (row.ToMember(SchoolMemberships.Today(now)), network.Version);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks)
    {
        networks.MapPost("/{id:guid}/people", async (Guid id, PersonMembershipDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (member, version) = await mediator.Send(new Add(id, body, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Created($"/api/v1/networks/{id}/members", member);
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("AddNetworkPerson")
            .WithSummary("Add a member person")
            .WithDescription("Adds a person of the people directory (same académie), by id, with a role (and a domain for a referent) and a period. A person may belong to several networks, but only once at a time to the same one (409 `already_member`: change the role with PUT). The network's version moves and `NetworkMembershipChanged` is published (ids and roles only, never names).")
            .WithIdempotency()
            .ReturnsETag()
            .Accepts<PersonMembershipDraft>("application/json")
            .Produces<PersonMember>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        networks.MapPut("/{id:guid}/people/{membershipId:guid}", async (Guid id, Guid membershipId, PersonMembershipDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (member, version) = await mediator.Send(new Change(id, membershipId, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(version);
                return TypedResults.Ok(member);
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("ChangeNetworkPerson")
            .WithSummary("Change a member person's role or period")
            .WithDescription("Replaces role, domain and period of a person's membership (set `to` to end it; `personId` is ignored). Requires If-Match with the network's ETag. Publishes `NetworkMembershipChanged`.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<PersonMembershipDraft>("application/json")
            .Produces<PersonMember>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
