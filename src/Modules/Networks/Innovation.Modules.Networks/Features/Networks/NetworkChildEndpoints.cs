using Microsoft.AspNetCore.Http.HttpResults;

namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>The HTTP side every sub-resource of a network shares: its answers with an ETag and what its writes document.</summary>
internal static class NetworkChildEndpoints
{
    public static Created<T> CreatedWithETag<T>(this HttpContext http, string location, int version, T body)
    {
        http.Response.Headers.ETag = ETags.For(version);
        return TypedResults.Created(location, body);
    }

    public static Ok<T> OkWithETag<T>(this HttpContext http, int version, T body)
    {
        http.Response.Headers.ETag = ETags.For(version);
        return TypedResults.Ok(body);
    }

    /// <summary>
    /// The POST that adds a member (<paramref name="segment"/> <c>schools</c> or <c>people</c>) to the network of the route: 201 at the
    /// network's members, with the member and the network's new ETag; 409 for a broken membership rule.
    /// </summary>
    public static RouteHandlerBuilder MapAddMember<TDraft, TMember>(
        this IEndpointRouteBuilder networks, string segment, Func<Guid, TDraft, Caller, IRequest<(TMember Member, int Version)>> command)
        where TDraft : notnull =>
        networks.MapPost($"/{{id:guid}}/{segment}", async (Guid id, TDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var (member, version) = await mediator.Send(command(id, body, http.Caller()), ct);
                return http.CreatedWithETag($"/api/v1/networks/{id}/members", version, member);
            })
            .CreatesInNetwork<TDraft, TMember>()
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>
    /// The PUT that changes a membership (<c>/{id}/{segment}/{membershipId}</c>) with If-Match on the network's ETag (428 without):
    /// 200 with the member and the network's new ETag; 409 for a broken membership rule.
    /// </summary>
    public static RouteHandlerBuilder MapChangeMember<TDraft, TMember>(
        this IEndpointRouteBuilder networks, string segment, Func<Guid, Guid, TDraft, int?, Caller, IRequest<(TMember Member, int Version)>> command)
        where TDraft : notnull =>
        networks.MapPut($"/{{id:guid}}/{segment}/{{membershipId:guid}}", async (
                Guid id, Guid membershipId, TDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var (member, version) = await mediator.Send(command(id, membershipId, body, ifMatch, http.Caller()), ct);
                return http.OkWithETag(version, member);
            })
            .ReplacesInNetwork<TDraft, TMember>()
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>A create under a network: networks:write, Idempotency-Key, a JSON body, 201 with an ETag, 400, 404 and 415.</summary>
    public static RouteHandlerBuilder CreatesInNetwork<TDraft, TResult>(this RouteHandlerBuilder endpoint) where TDraft : notnull =>
        endpoint.RequireAuthorization(Scopes.NetworksWrite)
            .WithIdempotency()
            .ReturnsETag()
            .Accepts<TDraft>("application/json")
            .Produces<TResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>A replace under a network: networks:write, If-Match required, a JSON body, 200 with an ETag, 400, 404 and 415.</summary>
    public static RouteHandlerBuilder ReplacesInNetwork<TDraft, TResult>(this RouteHandlerBuilder endpoint) where TDraft : notnull =>
        endpoint.RequireAuthorization(Scopes.NetworksWrite)
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<TDraft>("application/json")
            .Produces<TResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
