using System.Globalization;
using System.Threading.RateLimiting;
using Innovation.Api.Auth;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Innovation.Api.Http;

/// <summary>
/// A token bucket per credential (per client address when anonymous), and a stricter one per client address for requests
/// whose credential fails authentication (a wrong key, a forged or expired token): guessing is slowed down, not only refused.
/// Limits are per API instance: behind a load balancer of N instances a caller may reach N times the figure.
/// </summary>
internal static class RateLimiting
{
    /// <summary>The policy the public portal endpoints name (Projects' projects, Accompaniment's resource bank).</summary>
    public const string PublicPortalPolicy = "public-portal";

    public static IServiceCollection AddInnovationRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimiting");
        var perSecond = section.GetValue("PermitsPerSecond", 100);
        var burst = section.GetValue("Burst", 200);
        var anonymousPerSecond = section.GetValue("AnonymousPermitsPerSecond", 10);
        var anonymousBurst = section.GetValue("AnonymousBurst", 20);
        var publicPerMinute = section.GetValue("PublicPermitsPerMinute", 60);
        var publicBurst = section.GetValue("PublicBurst", 10);
        var failedPerMinute = section.GetValue("FailedAuthenticationsPerMinute", 30);
        var failedBurst = section.GetValue("FailedAuthenticationBurst", 10);

        var quotas = new Quotas(
            new Quota("credential", burst, perSecond),
            new Quota("anonymous", anonymousBurst, anonymousPerSecond),
            new Quota("failed-authentication", failedBurst, failedPerMinute / 60.0),
            new Quota(PublicPortalPolicy, publicBurst, publicPerMinute / 60.0));
        var limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var (quota, key) = quotas.For(context);
            return RateLimitPartition.GetTokenBucketLimiter(key, _ => quota.Bucket());
        });
        services.AddSingleton(new RateLimitHeaders(limiter, quotas));

        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = limiter;
            // The public portal (no credentials): per client address, stricter than any credential.
            options.AddPolicy(PublicPortalPolicy, context =>
                RateLimitPartition.GetTokenBucketLimiter("pub:" + context.Connection.RemoteIpAddress, _ => quotas.PublicPortal.Bucket()));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<RateLimitHeaders>().Refused(http, retryAfter);
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"Rate limit reached for this credential or client address; retry after {retryAfter} s.",
                };
                problem.Extensions["code"] = ProblemCodes.ForStatus(429);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
            };
        });
        return services;
    }

}

/// <summary>A token bucket: <see cref="Burst"/> requests at once, refilled at <see cref="PerSecond"/>.</summary>
internal sealed record Quota(string Name, int Burst, double PerSecond)
{
    // A whole number a second refills each second; any other rate (30 a minute) one token every 1/PerSecond seconds.
    public TokenBucketRateLimiterOptions Bucket() => new()
    {
        TokenLimit = Burst,
        TokensPerPeriod = PerSecond >= 1 && PerSecond % 1 == 0 ? (int)PerSecond : 1,
        ReplenishmentPeriod = PerSecond >= 1 && PerSecond % 1 == 0 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1 / Math.Max(PerSecond, 1e-3)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>The <c>RateLimit-Policy</c> field, the same on every answer: written once.</summary>
    public string PolicyField => field ??= $"\"{Name}\";q={Burst};w={Window}";

    /// <summary>Seconds an empty bucket takes to refill: the policy's window.</summary>
    public int Window => SecondsFor(Burst);

    public int SecondsFor(long tokens) => (int)Math.Ceiling(Math.Round(tokens / PerSecond, 6));
}

/// <summary>Which bucket a request draws from, and its partition key.</summary>
internal sealed record Quotas(Quota Credential, Quota Anonymous, Quota FailedAuthentication, Quota PublicPortal)
{
    public (Quota Quota, string Key) For(HttpContext context)
    {
        // A caller id ("key:…", "jwt:…") is its own partition key: no string built per request.
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return (Credential, Caller(context));
        }

        // Runs after authentication: a credential sent but not authenticated is a failed attempt.
        return context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) || context.Request.Headers.Authorization.Count > 0
            ? (FailedAuthentication, "failed:" + context.Connection.RemoteIpAddress)
            : (Anonymous, "ip:" + context.Connection.RemoteIpAddress);
    }

    // An API key's principal carries its caller already (CallerPrincipal); a token's is read from its claims.
    private static string Caller(HttpContext context) =>
        context.User is CallerPrincipal principal
            ? principal.Caller.Id
            : context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "?";
}

/// <summary>
/// The <c>RateLimit-Policy</c> and <c>RateLimit</c> fields of draft-ietf-httpapi-ratelimit-headers (structured fields:
/// <c>"credential";q=200;w=2</c> and <c>"credential";r=199;t=1</c>): the bucket's size and refill window, then the requests
/// left and the seconds until the bucket is full again. They describe the limit per credential or client address; the public
/// portals' stricter per-address bucket is named (<c>"public-portal"</c>) on the 429 it answers.
/// </summary>
internal sealed class RateLimitHeaders(PartitionedRateLimiter<HttpContext> limiter, Quotas quotas)
{
    /// <summary>Called once the request holds its permit (health endpoints take none and get no fields); every answer carries them.</summary>
    public Task Write(HttpContext http, RequestDelegate next)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null)
        {
            var quota = quotas.For(http).Quota;
            var left = limiter.GetStatistics(http)?.CurrentAvailablePermits ?? quota.Burst;
            Set(http, quota, left, quota.SecondsFor(quota.Burst - left));
            // The exception handler clears the headers before writing a problem: put them back on an error answer too.
            http.Response.OnStarting(static state =>
            {
                var (context, quota, left) = ((HttpContext, Quota, long))state;
                if (!context.Response.Headers.ContainsKey("RateLimit"))
                {
                    Set(context, quota, left, quota.SecondsFor(quota.Burst - left));
                }

                return Task.CompletedTask;
            }, (http, quota, left));
        }

        return next(http);
    }

    /// <summary>A 429: the bucket that refused, empty until <paramref name="retryAfter"/>.</summary>
    public void Refused(HttpContext http, int retryAfter)
    {
        var quota = quotas.For(http).Quota;
        // The portal's own bucket refused when the caller's global bucket still had requests left.
        if (http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimiting.PublicPortalPolicy
            && limiter.GetStatistics(http)?.CurrentAvailablePermits > 0)
        {
            quota = quotas.PublicPortal;
        }

        Set(http, quota, 0, retryAfter);
    }

    private static void Set(HttpContext http, Quota quota, long left, int seconds)
    {
        http.Response.Headers["RateLimit-Policy"] = quota.PolicyField;
        http.Response.Headers["RateLimit"] = $"\"{quota.Name}\";r={left};t={seconds}";
    }
}
