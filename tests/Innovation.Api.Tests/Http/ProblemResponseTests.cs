using System.Net;
using System.Net.Http.Json;
using System.Text;
using Innovation.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Http;

/// <summary>Every error is an RFC 9457 problem with a stable code, and none leaks internals.</summary>
public sealed class ProblemResponseTests(Engine engine) : ApiTest(engine)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Http:MaxRequestBodyBytes"] = "4096",
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, FailingRouteFilter>();

    [Test]
    public async Task An_unknown_route_is_a_404_problem() =>
        await Problem(await Admin.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound, "not_found");

    [TestCase("text/html")]
    [TestCase("application/pdf")]
    public async Task A_refusal_is_a_problem_even_for_a_client_that_accepts_only_another_type(string accept)
    {
        // The framework's writer declines such a client; the refusal must not turn into a bare 500.
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/projects/{Guid.NewGuid()}");
        request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue(accept));
        await Problem(await Admin.SendAsync(request), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task A_wrong_method_is_a_405_problem() =>
        await Problem(await Admin.DeleteAsync("/api/v1/academies"), HttpStatusCode.MethodNotAllowed, "method_not_allowed");

    [Test]
    public async Task A_wrong_media_type_is_a_415_problem()
    {
        var response = await Admin.PostAsync("/api/v1/schools",
            new StringContent("uai=0951099D", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await Problem(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Test]
    public async Task Malformed_json_and_wrong_types_are_400_problems_naming_the_field()
    {
        // A body that is not JSON at all is the body's fault, not the field's where the text breaks off.
        var malformed = await Admin.PostAsync("/api/v1/schools", new StringContent("{\"uai\": ", Encoding.UTF8, "application/json"));
        (await Problem(malformed, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("$")[0].GetString()
            .Should().Be("The body is not valid JSON.");

        var wrongType = await Admin.PostAsync("/api/v1/schools", new StringContent(
            "{\"uai\":\"0951099D\",\"name\":\"X\",\"type\":\"castle\",\"sector\":\"public\",\"departement\":\"095\"}", Encoding.UTF8,
                "application/json"));
        (await Problem(wrongType, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").TryGetProperty("type", out _).Should()
            .BeTrue();

        (await Admin.GetAsync("/api/v1/schools/0951099D")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was written");
    }

    [Test]
    public async Task Unbindable_parameters_and_a_missing_body_name_the_field_not_the_code()
    {
        var limit = await Problem(await Admin.GetAsync("/api/v1/schools?limit=abc"), HttpStatusCode.BadRequest, "validation_failed");
        limit.GetProperty("errors").GetProperty("limit")[0].GetString().Should().Be("'abc' is not a whole number.");
        limit.GetRawText().Should().NotContain("Nullable");

        var noBody = await Admin.PostAsync("/api/v1/schools", new StringContent("", Encoding.UTF8, "application/json"));
        (await Problem(noBody, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("$")[0].GetString()
            .Should().Be("A JSON body is required.");
    }

    [Test]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        var huge = new { uai = "0951099D", name = new string('x', 10_000), type = "ecole", sector = "public", departement = "095" };
        await Problem(await Admin.PostAsJsonAsync("/api/v1/schools", huge), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await Problem(await Admin.GetAsync("/api/v1/schools/0951099D"), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task An_unexpected_failure_is_a_500_problem_without_details()
    {
        var response = await Admin.GetAsync("/api/v1/test-failure");
        var problem = await Problem(response, HttpStatusCode.InternalServerError, "internal_error");
        var body = problem.GetRawText();
        body.Should().NotContain(FailingRouteFilter.Secret).And.NotContain("InvalidOperationException");
        problem.TryGetProperty("traceId", out _).Should().BeTrue();
    }

    [Test]
    public async Task Responses_carry_the_security_headers_and_no_server_header()
    {
        var response = await Admin.GetAsync("/api/v1/academies");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.Contains("Server").Should().BeFalse();
    }

    /// <summary>A route that fails the way a bug would, behind the real error handling.</summary>
    private sealed class FailingRouteFilter : IStartupFilter
    {
        public const string Secret = "connection string with password=hunter2";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // Added after the host's pipeline, so it runs inside the exception handler like an endpoint.
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
                context.Request.Path == "/api/v1/test-failure"
                    ? throw new InvalidOperationException(Secret)
                    : nextMiddleware(context));
        };
    }
}
