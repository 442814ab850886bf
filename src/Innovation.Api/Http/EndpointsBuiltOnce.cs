using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Innovation.Api.Http;

/// <summary>
/// Builds every mapped endpoint once, at start-up. A minimal API's data source builds its endpoints anew each time they are
/// asked for (a request delegate and compiled binders per endpoint), and two readers ask: the
/// authorization middleware's policy cache and the routing matcher, each through its own composite of the data sources. The
/// endpoints are then built twice, the second time on the first request. This one data source, holding the endpoints built
/// here, serves both (ADR 0031). The routes are fixed once the API is mapped, so nothing needs the change token.
/// The build is most of the start's work, so the app's data sources (a route group each) are built side by side, on a thread
/// per core but one, while the start goes on; the first reader (before the server listens) helps with what is left and waits for
/// the rest, so nothing is served before every endpoint is built.
/// </summary>
internal sealed class EndpointsBuiltOnce : EndpointDataSource
{
    private readonly EndpointDataSource[] _sources;
    private readonly IReadOnlyList<Endpoint>[] _built;
    private readonly Task[] _builders;
    private readonly Lazy<IReadOnlyList<Endpoint>> _endpoints;
    private int _next;

    private EndpointsBuiltOnce(EndpointDataSource[] sources, BodyContractsOnFirstRead bodyContracts)
    {
        _sources = sources;
        _next = sources.Length;
        _built = new IReadOnlyList<Endpoint>[sources.Length];
        // A thread per core but one: the main thread goes on with the start, then helps; more threads than cores only contend.
        _builders = [.. Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount - 1, 1, sources.Length))
            .Select(_ => Task.Factory.StartNew(BuildNext, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
        _endpoints = new(() =>
        {
            BuildNext();
            Task.WaitAll(_builders);
            bodyContracts.EndpointsBuilt();
            return [.. _built.SelectMany(endpoints => endpoints)];
        });
    }

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints.Value;

    public override IChangeToken GetChangeToken() => NullChangeToken.Singleton;

    public static void Apply(IEndpointRouteBuilder app)
    {
        // The bodies' contracts wait for their first request. The serializer caches a contract only once its options are
        // read-only; made so here, before several threads ask.
        var json = app.ServiceProvider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bodyContracts = new BodyContractsOnFirstRead();
        json.Converters.Add(bodyContracts);
        json.MakeReadOnly();
        var sources = app.DataSources.ToArray();
        app.DataSources.Clear();
        app.DataSources.Add(new EndpointsBuiltOnce(sources, bodyContracts));
    }

    private void BuildNext()
    {
        // The last mapped first: the host's and the root's few endpoints, mapped first, then even out the end.
        for (var index = Interlocked.Decrement(ref _next); index >= 0; index = Interlocked.Decrement(ref _next))
        {
            _built[index] = _sources[index].Endpoints;
        }
    }
}
