using Innovation.BuildingBlocks.Aggregates;
using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Innovation.BuildingBlocks.Http;

/// <summary>A resource as a handler read or saved it, with the version its ETag names.</summary>
public sealed record Versioned<T>(T Value, int Version);

/// <summary>
/// The request of a change as <see cref="UseCaseEndpoints.MapChange{TCommand, TBody, T}"/> sends it: the id its route names, the
/// JSON body, the If-Match the endpoint read and the caller. A change's command is then one line,
/// <c>internal sealed record Command : VersionedChange&lt;TBody, T&gt;;</c>, built by the endpoint.
/// </summary>
public abstract record VersionedChange<TBody, T> : IRequest<Versioned<T>>
{
    public Guid Id { get; init; }

    public TBody Body { get; init; } = default!;

    public int? IfMatch { get; init; }

    public Caller Caller { get; init; } = null!;
}

/// <summary>
/// The <c>{id:guid}</c> of a route as the parameters of a <see cref="UseCaseEndpoints.MapQuery{TParameters, TResult}"/> that has no
/// other: the GET of an unversioned read about one resource (its checklist, its results).
/// </summary>
public sealed record RouteId([property: FromRoute(Name = "id")] Guid Id);

/// <summary>
/// The endpoints of a use case, one call each: a create, a change or a read by id of a versioned resource (answered with the ETag of
/// the version: 201 with Location, 200, or 304) and an unversioned query. Each sends its use case's request for the caller and
/// documents what every such endpoint answers (<see cref="EndpointConventions"/>); the use case adds its scope, its names and the
/// problems of its own.
/// </summary>
public static class UseCaseEndpoints
{
    /// <summary>A POST at <paramref name="pattern"/> that creates from its JSON body; 201 at the <paramref name="location"/> of the result.</summary>
    public static RouteHandlerBuilder MapCreate<TBody, T>(this IEndpointRouteBuilder group, string pattern,
        Func<TBody, Caller, IRequest<Versioned<T>>> command, Func<T, string> location, params int[] problems) where TBody : notnull =>
        group.MapPost(pattern, async (TBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                Created(http, await mediator.Send(command(body, http.Caller()), ct), location))
            .CreatesVersioned<TBody, T>(problems);

    /// <summary>
    /// The same under a parent whose id <paramref name="pattern"/> names <paramref name="parentId"/> (<c>{id:guid}</c>, or
    /// <c>{projectId:guid}</c>: a path parameter's name is part of the contract). The id is read from the route and documented as a
    /// required GUID in the path, with the 404 of a parent the caller does not see.
    /// </summary>
    public static RouteHandlerBuilder MapCreate<TBody, T>(this IEndpointRouteBuilder group, string pattern, string parentId,
        Func<Guid, TBody, Caller, IRequest<Versioned<T>>> command, Func<T, string> location, params int[] problems) where TBody : notnull =>
        group.MapPost(pattern, async (TBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                Created(http, await mediator.Send(command(Guid.Parse((string)http.GetRouteValue(parentId)!), body, http.Caller()), ct), location))
            .WithMetadata(new ChildIdParameter(parentId))
            .CreatesVersioned<TBody, T>(WithNotFound(problems));

    /// <summary>
    /// A change (<paramref name="method"/> PUT, or POST for an action) of the resource whose id <paramref name="pattern"/> names as
    /// <c>{id:guid}</c>, from its JSON body and the <c>If-Match</c> it requires; 200 with the result and its new ETag. Documents the
    /// 404 of a resource the caller does not see.
    /// </summary>
    public static RouteHandlerBuilder MapChange<TBody, T>(this IEndpointRouteBuilder group, string method, string pattern,
        Func<Guid, TBody, int?, Caller, IRequest<Versioned<T>>> command, params int[] problems) where TBody : notnull =>
        group.MapMethods(pattern, [method], async (Guid id, TBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(command(id, body, ETags.RequiredIfMatch(http.Request), http.Caller()), ct);
                return ETags.Saved(http, saved.Version, saved.Value);
            })
            .ChangesVersioned<TBody, T>(WithNotFound(problems));

    /// <summary>The same for a change whose command is a <see cref="VersionedChange{TBody, T}"/> and nothing more.</summary>
    public static RouteHandlerBuilder MapChange<TCommand, TBody, T>(this IEndpointRouteBuilder group, string method, string pattern,
        params int[] problems) where TCommand : VersionedChange<TBody, T>, new() where TBody : notnull =>
        group.MapChange<TBody, T>(method, pattern,
            (id, body, ifMatch, caller) => new TCommand { Id = id, Body = body, IfMatch = ifMatch, Caller = caller }, problems);

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
    /// <see cref="MapRead{T}"/> of a resource whose read is one <paramref name="find"/> (its table's row the caller sees, as the
    /// resource and its version): the use case needs no request and handler of its own (<see cref="ReadById{T}"/>).
    /// </summary>
    public static RouteHandlerBuilder MapReadById<T>(this IEndpointRouteBuilder group, string pattern,
        Func<ReadScope, Guid, Caller, Task<Versioned<T>>> find) =>
        group.MapRead(pattern, (id, caller) => new ReadById<T>(id, caller, find));

    /// <summary>
    /// A GET at <paramref name="pattern"/> of a read that is not versioned (a list, a page, an overview, what one resource holds): its
    /// parameters, the route's id included (<c>[FromRoute(Name = "id")]</c>, or <see cref="RouteId"/> alone), bound as
    /// <typeparamref name="TParameters"/>; 200 with the result. Documents the 400 of query parameters that do not hold (unless the
    /// parameters are only the <see cref="RouteId"/>) and, when the route names a resource's GUID id, the 404 of one the caller does not see.
    /// </summary>
    public static RouteHandlerBuilder MapQuery<TParameters, TResult>(this IEndpointRouteBuilder group, string pattern,
        Func<TParameters, Caller, IRequest<TResult>> query)
    {
        var endpoint = group.MapGet(pattern,
                async ([AsParameters] TParameters parameters, HttpContext http, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(query(parameters, http.Caller()), ct)))
            .Produces<TResult>();
        if (typeof(TParameters) != typeof(RouteId))
        {
            endpoint.ProducesValidationProblem();
        }

        return pattern.Contains(":guid}", StringComparison.Ordinal) ? endpoint.ProducesProblem(StatusCodes.Status404NotFound) : endpoint;
    }

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

    // The OpenAPI document lists the statuses in the order they are declared: ascending, the 404 among the others.
    private static int[] WithNotFound(int[] problems) => [.. problems.Append(StatusCodes.Status404NotFound).Order()];

    private static IResult Created<T>(HttpContext http, Versioned<T> saved, Func<T, string> location) =>
        ETags.Created(http, saved.Version, location(saved.Value), saved.Value);
}
