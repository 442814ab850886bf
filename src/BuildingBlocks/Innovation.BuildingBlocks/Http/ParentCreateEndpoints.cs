using Innovation.BuildingBlocks.Aggregates;
using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Innovation.BuildingBlocks.Http;

/// <summary>The create of a versioned resource under a parent whose route names its id otherwise than <c>{id:guid}</c>.</summary>
public static class ParentCreateEndpoints
{
    /// <summary>
    /// <c>MapCreate</c> of <see cref="VersionedEndpoints"/> under a parent whose id <paramref name="pattern"/> names
    /// <paramref name="parentId"/> (<c>{projectId:guid}</c>: a path parameter's name is part of the contract). The id is read from the
    /// route and documented as a required GUID in the path.
    /// </summary>
    public static RouteHandlerBuilder MapCreateUnder<TBody, T>(this IEndpointRouteBuilder group, string pattern, string parentId,
        Func<Guid, TBody, Caller, IRequest<Versioned<T>>> command, Func<T, string> location, params int[] problems) where TBody : notnull =>
        group.MapPost(pattern, async (TBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(command(Guid.Parse((string)http.GetRouteValue(parentId)!), body, http.Caller()), ct);
                return ETags.Created(http, saved.Version, location(saved.Value), saved.Value);
            })
            .WithMetadata(new ChildIdParameter(parentId))
            .CreatesVersioned<TBody, T>(problems);
}
