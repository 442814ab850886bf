using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Innovation.Api.Tests.Infrastructure;

/// <summary>
/// A reverse proxy in front of an API started as its own process (<see cref="ApiProcess"/>), for clients the tests do not build
/// (curl in the README's walkthroughs): it forwards each request as it came, answers what the API answered, and checks each
/// answer against the OpenAPI document with the in-process tests' checker (<see cref="ResponseConformance"/>), keeping every
/// mismatch for the test to assert on.
/// </summary>
internal sealed class ConformanceProxy : IAsyncDisposable
{
    /// <summary>Hop-by-hop headers (RFC 9110 § 7.6.1) and those the client connection sets itself.</summary>
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Expect",
    };

    private readonly ConcurrentQueue<string> _mismatches = new();
    private readonly HttpClient _api;
    private readonly Uri _target;
    private WebApplication? _app;
    private int _forwarded;

    private ConformanceProxy(int port, int apiPort)
    {
        Port = port;
        _target = new Uri($"http://127.0.0.1:{apiPort}");
        // Answers go back as they came: compressed when the client asked for it, redirects not followed, no cookies kept.
        _api = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>The port the proxy listens on.</summary>
    public int Port { get; }

    /// <summary>The requests forwarded so far.</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>What the document does not declare in the answers forwarded so far, in order.</summary>
    public IReadOnlyCollection<string> Mismatches => _mismatches;

    /// <summary>Listens on <paramref name="port"/> and forwards to the API on <paramref name="apiPort"/>.</summary>
    public static async Task<ConformanceProxy> StartAsync(int port, int apiPort)
    {
        var proxy = new ConformanceProxy(port, apiPort);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}").ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        proxy._app = builder.Build();
        proxy._app.Run(proxy.ForwardAsync);
        await proxy._app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var incoming = context.Request;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(_target, incoming.Path + incoming.QueryString));
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach (var (name, values) in incoming.Headers.Where(h => !NotForwarded.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _api.SendAsync(request, context.RequestAborted);
        Interlocked.Increment(ref _forwarded);
        if (await ResponseConformance.MismatchAsync(request, response, context.RequestAborted) is { } mismatch)
        {
            _mismatches.Enqueue(mismatch);
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !NotForwarded.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _api.Dispose();
    }
}
