using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Innovation.BuildingBlocks.Http;

/// <summary>The endpoint of a read by id that answers a versioned resource: its body with its ETag, or 304.</summary>
public static class ReadEndpoints
{
    /// <summary>
    /// Maps a GET at <paramref name="pattern"/> (its id as <c>{id:guid}</c>): sends <paramref name="query"/> of the id for the caller
    /// and answers the result with the ETag of its <paramref name="version"/>, or 304 (<see cref="ETags.OkOrNotModified"/>).
    /// Documents the ETag, <typeparamref name="TSchema"/> (what the result is written as) and the 404; the caller adds the scope and
    /// the names.
    /// </summary>
    public static RouteHandlerBuilder MapGetById<T, TSchema>(
        this IEndpointRouteBuilder group, string pattern, Func<Guid, Caller, IRequest<T>> query, Func<T, int> version) =>
        group.MapGet(pattern, async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var found = await mediator.Send(query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, version(found), found);
            })
            .ReturnsETag()
            .Produces<TSchema>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
