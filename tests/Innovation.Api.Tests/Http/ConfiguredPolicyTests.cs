using System.Net;
using System.Net.Http.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Http;

/// <summary>Behaviour that follows configuration: idempotency retention and CORS origins.</summary>
public sealed class ConfiguredPolicyTests(Engine engine) : ApiTest(engine)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Idempotency:Retention"] = "00:00:01",
        ["Http:CorsOrigins:0"] = "https://front.example",
    };

    [Test]
    public async Task An_expired_idempotency_key_can_be_used_again()
    {
        (await Send("reused-later", "0951099D", "095")).StatusCode.Should().Be(HttpStatusCode.Created);
        await Problem(await Send("reused-later", "0301674G", "030"), HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");

        await Task.Delay(1500);
        (await Send("reused-later", "0301674G", "030")).StatusCode.Should().Be(HttpStatusCode.Created, "the key expired after the retention");
    }

    [Test]
    public async Task Cors_allows_only_the_configured_origins_and_exposes_the_etag()
    {
        var allowed = await Preflight("https://front.example");
        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://front.example");

        var refused = await Preflight("https://evil.example");
        refused.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/academies");
        request.Headers.Add("Origin", "https://front.example");
        var response = await Admin.SendAsync(request);
        response.Headers.GetValues("Access-Control-Expose-Headers").Single().Should().Contain("ETag");
    }

    private Task<HttpResponseMessage> Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/schools");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");
        return Anonymous().SendAsync(request);
    }

    private Task<HttpResponseMessage> Send(string key, string uai, string departement)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/schools")
        {
            Content = JsonContent.Create(new { uai, name = "École", type = "ecole", sector = "public", departement }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return Admin.SendAsync(request);
    }
}
