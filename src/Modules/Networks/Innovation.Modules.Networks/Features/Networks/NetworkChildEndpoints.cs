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
