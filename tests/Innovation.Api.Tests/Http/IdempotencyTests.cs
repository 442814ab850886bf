using System.Net;
using System.Net.Http.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Http;

public sealed class IdempotencyTests(Engine engine) : ApiTest(engine)
{
    private static readonly object School = new { uai = "0951099D", name = "Lycée A", type = "lycee", sector = "public", departement = "095" };

    [Test]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_response()
    {
        var first = await Send(Admin, "key-1", School);
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var firstBody = await first.Content.ReadAsStringAsync();

        var retry = await Send(Admin, "key-1", School);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).Should().Be(firstBody);
        retry.Headers.Location.Should().Be(first.Headers.Location);
        retry.Headers.ETag.Should().Be(first.Headers.ETag);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");

        async Task<int> Registered() => (await Json(await Admin.GetAsync("/api/v1/events"))).GetProperty("items").EnumerateArray()
            .Count(e => e.GetProperty("type").GetString() == "SchoolRegistered");
        await Eventually(async () => await Registered() >= 1, "the first create reaches the feed");
        await Task.Delay(200);
        (await Registered()).Should().Be(1, "the retry created nothing");
    }

    [Test]
    public async Task A_refusal_is_replayed_too()
    {
        await RegisterSchool("0951099D", "095");
        var first = await Send(Admin, "key-2", School);
        await Problem(first, HttpStatusCode.Conflict, "school_exists");
        var retry = await Send(Admin, "key-2", School);
        await Problem(retry, HttpStatusCode.Conflict, "school_exists");
        retry.Headers.Contains("Idempotent-Replayed").Should().BeTrue();
    }

    [Test]
    public async Task The_same_key_with_another_body_is_a_422_and_changes_nothing()
    {
        (await Send(Admin, "key-3", School)).StatusCode.Should().Be(HttpStatusCode.Created);
        var other = new { uai = "0301674G", name = "Autre", type = "ecole", sector = "public", departement = "030" };
        await Problem(await Send(Admin, "key-3", other), HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        await Problem(await Admin.GetAsync("/api/v1/schools/0301674G"), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Keys_belong_to_their_caller()
    {
        var other = await ClientFor(null, "schools:write", "schools:read");
        (await Send(Admin, "shared", School)).StatusCode.Should().Be(HttpStatusCode.Created);
        var second = new { uai = "0301674G", name = "Autre", type = "ecole", sector = "public", departement = "030" };
        (await Send(other, "shared", second)).StatusCode.Should().Be(HttpStatusCode.Created, "another caller's key does not collide");
    }

    [Test]
    public async Task A_server_error_is_not_remembered_and_a_malformed_key_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/schools") { Content = JsonContent.Create(School) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 300));
        await Problem(await Admin.SendAsync(request), HttpStatusCode.BadRequest, "validation_failed");
        (await Send(Admin, "fresh", School)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/schools") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
