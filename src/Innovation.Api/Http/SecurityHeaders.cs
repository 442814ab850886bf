namespace Innovation.Api.Http;

/// <summary>
/// Headers every response carries; API answers are never cached by intermediaries, unless the endpoint chose its own
/// Cache-Control (the public code lists).
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set when the response starts (an error handler may have cleared earlier headers); the
            // static callback with the context as its state allocates no closure per request.
            context.Response.OnStarting(Apply, context);
            return next(context);
        });

    private static Task Apply(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.Path.StartsWithSegments("/api") && (context.Response.StatusCode >= 300 || headers.CacheControl.Count == 0))
        {
            headers.CacheControl = "no-store";
        }

        headers.Remove("Server");
        return Task.CompletedTask;
    }
}
