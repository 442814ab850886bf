namespace Innovation.Api.Http;

/// <summary>
/// Builds every mapped endpoint once, at start-up. A minimal API's data source builds its endpoints anew each time they are
/// asked for (a request delegate, its JSON contracts and compiled binders per endpoint), and two readers ask: the
/// authorization middleware's policy cache and the routing matcher, each through its own composite of the data sources. The
/// endpoints are then built twice, the second time on the first request. One data source holding the endpoints built
/// here serves both (ADR 0031). The routes are fixed once the API is mapped, so nothing needs the change token.
/// </summary>
internal static class EndpointsBuiltOnce
{
    public static void Apply(IEndpointRouteBuilder app)
    {
        var endpoints = app.DataSources.SelectMany(source => source.Endpoints).ToList();
        app.DataSources.Clear();
        app.DataSources.Add(new DefaultEndpointDataSource(endpoints));
    }
}
