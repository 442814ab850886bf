using System.Globalization;
using System.Threading.RateLimiting;
using Innovation.Api.Auth;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Microsoft.AspNetCore.Mvc;

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

        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                // A caller id ("key:…", "jwt:…") is its own partition key: no string built per request.
                if (context.User.Identity?.IsAuthenticated == true)
                {
                    return Bucket(Caller(context), perSecond, burst);
                }

                // Runs after authentication: a credential sent but not authenticated is a failed attempt.
                return context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) || context.Request.Headers.Authorization.Count > 0
                    ? PerMinute("failed:" + context.Connection.RemoteIpAddress, failedPerMinute, failedBurst)
                    : Bucket("ip:" + context.Connection.RemoteIpAddress, anonymousPerSecond, anonymousBurst);
            });
            // The public portal (no credentials): per client address, stricter than any credential.
            options.AddPolicy(PublicPortalPolicy, context => PerMinute("pub:" + context.Connection.RemoteIpAddress, publicPerMinute, publicBurst));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
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

    // An API key's principal carries its caller already (CallerPrincipal); a token's is read from its claims.
    private static string Caller(HttpContext context) =>
        context.User is CallerPrincipal principal
            ? principal.Caller.Id
            : context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "?";

    private static RateLimitPartition<string> PerMinute(string key, int perMinute, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / Math.Max(1, perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static RateLimitPartition<string> Bucket(string key, int perSecond, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
