using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Innovation.BuildingBlocks.Http;

/// <summary>A resource as a handler read or saved it, with the version its ETag names.</summary>
public sealed record Versioned<T>(T Value, int Version);

/// <summary>
/// The endpoints of a versioned resource's create, change and read by id: each sends its use case's request for the caller and
/// answers it with the ETag of the version (201 with Location, 200, or 304), and documents what every such endpoint answers
/// (<see cref="EndpointConventions"/>). The use case adds its scope, its names and the problems of its own.
/// </summary>
public static class VersionedEndpoints
{
    /// <summary>A POST at <paramref name="pattern"/> that creates from its JSON body; 201 at the <paramref name="location"/> of the result.</summary>
    public static RouteHandlerBuilder MapCreate<TBody, T>(this IEndpointRouteBuilder group, string pattern,
        Func<TBody, Caller, IRequest<Versioned<T>>> command, Func<T, string> location, params int[] problems) where TBody : notnull =>
        group.MapPost(pattern, async (TBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                Created(http, await mediator.Send(command(body, http.Caller()), ct), location))
            .CreatesVersioned<TBody, T>(problems);

    /// <summary>The same under a parent: <paramref name="pattern"/> names the parent's id as <c>{id:guid}</c>.</summary>
    public static RouteHandlerBuilder MapCreate<TBody, T>(this IEndpointRouteBuilder group, string pattern,
        Func<Guid, TBody, Caller, IRequest<Versioned<T>>> command, Func<T, string> location, params int[] problems) where TBody : notnull =>
        group.MapPost(pattern, async (Guid id, TBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                Created(http, await mediator.Send(command(id, body, http.Caller()), ct), location))
            .CreatesVersioned<TBody, T>(problems);

    /// <summary>
    /// A change (<paramref name="method"/> PUT, or POST for an action) of the resource whose id <paramref name="pattern"/> names as
    /// <c>{id:guid}</c>, from its JSON body and the <c>If-Match</c> it requires; 200 with the result and its new ETag.
    /// </summary>
    public static RouteHandlerBuilder MapChange<TBody, T>(this IEndpointRouteBuilder group, string method, string pattern,
        Func<Guid, TBody, int?, Caller, IRequest<Versioned<T>>> command, params int[] problems) where TBody : notnull =>
        group.MapMethods(pattern, [method], async (Guid id, TBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(command(id, body, ETags.RequiredIfMatch(http.Request), http.Caller()), ct);
                return ETags.Saved(http, saved.Version, saved.Value);
            })
            .ChangesVersioned<TBody, T>(problems);

    /// <summary>A GET of the resource whose id <paramref name="pattern"/> names as <c>{id:guid}</c>: 200 with its ETag, or 304.</summary>
    public static RouteHandlerBuilder MapRead<T>(this IEndpointRouteBuilder group, string pattern,
        Func<Guid, Caller, IRequest<Versioned<T>>> query) =>
        group.MapGet(pattern, async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var found = await mediator.Send(query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, found.Version, found.Value);
            })
            .ReadsVersioned<T>();

    /// <summary>
    /// A GET at <paramref name="pattern"/> of a read that is not versioned (a list, a page, an overview): its query parameters bound
    /// as <typeparamref name="TParameters"/>, 200 with the result.
    /// </summary>
    public static RouteHandlerBuilder MapQuery<TParameters, TResult>(this IEndpointRouteBuilder group, string pattern,
        Func<TParameters, Caller, IRequest<TResult>> query) =>
        group.MapGet(pattern, async ([AsParameters] TParameters parameters, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(query(parameters, http.Caller()), ct)));

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

    private static IResult Created<T>(HttpContext http, Versioned<T> saved, Func<T, string> location) =>
        ETags.Created(http, saved.Version, location(saved.Value), saved.Value);
}
