using System.Net;
using System.Text;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Http;

/// <summary>
/// The document declares the rate limit fields and <c>Access-Control-Allow-Origin</c> on every answer of every operation (ADR 0030):
/// error answers carry them too, those a handler throws (the exception handler clears the headers first) and a refused body.
/// </summary>
public sealed class ResponseHeadersTests(Engine engine) : ApiTest(engine)
{
    private const string Origin = "https://front.example";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Http:CorsOrigins:0"] = Origin,
        ["Http:MaxRequestBodyBytes"] = "100",
    };

    [Test]
    public async Task A_problem_answer_carries_the_rate_limit_fields_and_the_allowed_origin()
    {
        var notFound = await Admin.SendAsync(From(Origin, HttpMethod.Get, "/api/v1/schools/0000000A"));
        var tooLarge = await Admin.SendAsync(From(Origin, HttpMethod.Post, "/api/v1/schools", new string('x', 200)));
        var unauthenticated = await Anonymous().SendAsync(From(Origin, HttpMethod.Get, "/api/v1/schools"));

        notFound.StatusCode.Should().Be(HttpStatusCode.NotFound);
        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        unauthenticated.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        foreach (var response in new[] { notFound, tooLarge, unauthenticated })
        {
            var status = (int)response.StatusCode;
            response.Headers.GetValues("RateLimit").Single().Should().MatchRegex("^\"[a-z-]+\";r=[0-9]+;t=[0-9]+$", $"a {status}");
            response.Headers.GetValues("RateLimit-Policy").Single().Should().MatchRegex("^\"[a-z-]+\";q=[0-9]+;w=[0-9]+$", $"a {status}");
            response.Headers.GetValues("Access-Control-Allow-Origin").Single().Should().Be(Origin, $"a {status}");
        }
    }

    private static HttpRequestMessage From(string origin, HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }
}
