using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Telemetry;
using MediatR;

namespace Innovation.BuildingBlocks.Mediation;

/// <summary>
/// A span around each request sent through MediatR (its validation and its handler), named after the request type
/// (<c>ImportSchools.Command</c>). An answer the client gets wrong (a 4xx problem) is not the span's failure.
/// </summary>
internal sealed class TracingBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string SpanName = typeof(TRequest).DeclaringType is { } use
        ? $"{use.Name}.{typeof(TRequest).Name}"
        : typeof(TRequest).Name;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        ApiTelemetry.Source.HasListeners() ? TraceAsync(next) : next();

    private static async Task<TResponse> TraceAsync(RequestHandlerDelegate<TResponse> next)
    {
        using var span = ApiTelemetry.Source.StartActivity(SpanName);
        try
        {
            return await next();
        }
        catch (Exception exception) when (exception is not (RequestValidationException or ProblemException { Status: < 500 })
            && ApiTelemetry.Failed(span, exception))
        {
            throw; // never reached: the filter only marks the span
        }
    }
}
