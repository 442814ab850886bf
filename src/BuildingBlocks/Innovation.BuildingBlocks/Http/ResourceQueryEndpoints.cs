using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Innovation.BuildingBlocks.Http;

/// <summary>
/// The GETs of what one resource holds or yields (its responses, its positionings, its results): <c>pattern</c> names the resource's
/// id as <c>{id:guid}</c>; each sends its use case's query for the caller and answers 200 with the result, and documents the 404 of a
/// resource the caller does not see. The use case adds its scope, its names and the problems of its own.
/// </summary>
public static class ResourceQueryEndpoints
{
    /// <summary>A GET with no query parameter.</summary>
    public static RouteHandlerBuilder MapResourceQuery<TResult>(this IEndpointRouteBuilder group, string pattern,
        Func<Guid, Caller, IRequest<TResult>> query) =>
        group.MapGet(pattern, async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query(id, http.Caller()), ct)))
            .Produces<TResult>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>A GET whose query parameters bind as <typeparamref name="TParameters"/>; parameters that do not hold are a 400.</summary>
    public static RouteHandlerBuilder MapResourceQuery<TParameters, TResult>(this IEndpointRouteBuilder group, string pattern,
        Func<Guid, TParameters, Caller, IRequest<TResult>> query) =>
        group.MapGet(pattern, async (Guid id, [AsParameters] TParameters parameters, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query(id, parameters, http.Caller()), ct)))
            .Produces<TResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
