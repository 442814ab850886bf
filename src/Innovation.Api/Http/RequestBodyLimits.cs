using Innovation.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Innovation.Api.Http;

/// <summary>
/// <c>Http:MaxRequestBodyBytes</c> for ordinary requests, <c>Http:MaxImportBodyBytes</c> for import
/// endpoints. A declared Content-Length over the limit is refused before anything is read (413);
/// a chunked body is cut by the server's limit as it streams.
/// </summary>
internal sealed class RequestBodyLimits(RequestDelegate next, IConfiguration configuration)
{
    private readonly long _default = configuration.GetValue("Http:MaxRequestBodyBytes", 1L << 20);
    private readonly long _imports = configuration.GetValue("Http:MaxImportBodyBytes", 2L << 30);

    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<ImportBodyMetadata>() is null ? _default : _imports;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            throw new ProblemException(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "Payload too large",
                $"The body is {context.Request.ContentLength} bytes; this endpoint accepts at most {limit}.");
        }

        return next(context);
    }
}
