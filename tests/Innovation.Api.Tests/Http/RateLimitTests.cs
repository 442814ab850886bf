using System.Net;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Http;

public sealed class RateLimitTests(Engine engine) : ApiTest(engine)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:PermitsPerSecond"] = "1",
        ["RateLimiting:Burst"] = "3",
    };

    [Test]
    public async Task Past_the_burst_a_credential_gets_429_with_retry_after()
    {
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await Admin.GetAsync("/api/v1/academies");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        refused.Should().NotBeNull("a burst of 3 cannot serve 10 immediate requests");
        refused!.Headers.GetValues("RateLimit-Policy").Single().Should().Be("\"credential\";q=3;w=3");
        refused.Headers.GetValues("RateLimit").Single().Should().MatchRegex("^\"credential\";r=0;t=[1-9][0-9]*$");
        await Problem(refused!, HttpStatusCode.TooManyRequests, "rate_limited");
        refused!.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeGreaterThanOrEqualTo(1);
        var health = await Anonymous().GetAsync("/health/live");
        health.StatusCode.Should().Be(HttpStatusCode.OK, "health is never rate limited");
        health.Headers.Contains("RateLimit").Should().BeFalse("health takes no permit");
    }
}

public sealed class FailedAuthenticationLimitTests(Engine engine) : ApiTest(engine)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:FailedAuthenticationsPerMinute"] = "1",
        ["RateLimiting:FailedAuthenticationBurst"] = "3",
    };

    [Test]
    public async Task Repeated_failed_authentications_from_one_address_get_429_with_retry_after()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10; i++)
        {
            var response = await ClientWithKey($"guessed-key-{i}-{Guid.NewGuid():N}").GetAsync("/api/v1/academies");
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        statuses.Take(3).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized, "the first failures are answered as such");
        statuses.Skip(3).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests, "then the address is slowed down");
        await Problem(refused!, HttpStatusCode.TooManyRequests, "rate_limited");
        refused!.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeGreaterThanOrEqualTo(1);

        (await Admin.GetAsync("/api/v1/academies")).StatusCode.Should().Be(HttpStatusCode.OK, "a valid credential keeps its own limit");
        (await Anonymous().GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "health is never rate limited");
    }
}

public sealed class RateLimitFieldTests(Engine engine) : ApiTest(engine)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:FailedAuthenticationsPerMinute"] = "1",
        ["RateLimiting:FailedAuthenticationBurst"] = "3",
    };

    // The slowest bucket (one request a minute) cannot refill between two requests a few milliseconds apart.
    [Test]
    public async Task Every_limited_answer_says_its_policy_and_what_is_left_of_it()
    {
        var first = await ClientWithKey("guessed-key-1").GetAsync("/api/v1/academies");
        first.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        first.Headers.GetValues("RateLimit-Policy").Single().Should().Be("\"failed-authentication\";q=3;w=180");
        first.Headers.GetValues("RateLimit").Single().Should().Be("\"failed-authentication\";r=2;t=60");

        var second = await ClientWithKey("guessed-key-2").GetAsync("/api/v1/academies");
        second.Headers.GetValues("RateLimit").Single().Should().Be("\"failed-authentication\";r=1;t=120");

        var valid = await Admin.GetAsync("/api/v1/academies");
        valid.Headers.GetValues("RateLimit-Policy").Single().Should().Be("\"credential\";q=100000;w=1", "the tests' own limits");
        valid.Headers.GetValues("RateLimit").Single().Should().MatchRegex("^\"credential\";r=(99999|100000);t=[01]$");
    }
}
