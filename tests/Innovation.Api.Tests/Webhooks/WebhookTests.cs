using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Innovation.Api.Features.Webhooks;
using Innovation.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Webhooks;

/// <summary>
/// Webhook subscriptions through HTTP, delivering to a real receiver on 127.0.0.1 (allow-listed, as only configuration can
/// do): signatures checked by a computation of their own, retries, disabling, redelivery, rotation, refused addresses and
/// isolation between académies. Delays are configured small; the tests poll with a deadline, never sleep.
/// </summary>
public sealed class WebhookTests(Engine engine) : ApiTest(engine)
{
    private const string WebhookScope = "webhooks:admin";
    private static readonly IPAddress PublicAddress = IPAddress.Parse("93.184.215.14");
    private static volatile bool _rebound;
    private WebhookReceiver _receiver = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
        ["Webhooks:PollInterval"] = "00:00:00.020",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.020",
        ["Webhooks:RetryMaxDelay"] = "00:00:00.100",
        ["Webhooks:MaxConsecutiveFailures"] = "3",
        ["Webhooks:Timeout"] = "00:00:05",
    };

    /// <summary>A DNS of the test's own: <c>public.test</c> is public; <c>rebind.test</c> too, until the test rebinds it to loopback.</summary>
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<HostResolver>(_ => (host, ct) => host switch
        {
            "public.test" => Task.FromResult(new[] { PublicAddress }),
            "rebind.test" => Task.FromResult(new[] { _rebound ? IPAddress.Loopback : PublicAddress }),
            _ => Dns.GetHostAddressesAsync(host, ct),
        });

    [OneTimeSetUp]
    public async Task StartReceiver() => _receiver = await WebhookReceiver.StartAsync();

    [OneTimeTearDown]
    public async Task StopReceiver() => await _receiver.DisposeAsync();

    [SetUp]
    public void ResetReceiver()
    {
        while (_receiver.Received.TryDequeue(out _))
        {
        }

        _receiver.Answer = _ => Task.FromResult(200);
        _rebound = false;
    }

    [Test]
    public async Task An_event_of_the_academie_is_posted_as_the_feed_shows_it_with_a_signature_that_verifies()
    {
        var versailles = await ClientFor("25", WebhookScope);
        var created = await Created(await versailles.PostAsJsonAsync("/api/v1/admin/webhooks",
            new { url = _receiver.BaseUrl + "/hook", description = "directory sync" }));
        var secret = created.GetProperty("secret").GetString()!;
        secret.Should().StartWith("whsec_");
        created.GetProperty("academie").GetString().Should().Be("25");
        created.GetProperty("enabled").GetBoolean().Should().BeTrue();

        await RegisterSchool("0271234V", "027");
        await RegisterSchool("0951099D", "095", "Lycée Galois", "lycee");

        var delivered = await ReceivedFor("0951099D");
        delivered.Method.Should().Be("POST");
        delivered.ContentType.Should().StartWith("application/json");
        long.Parse(delivered.Timestamp).Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60);
        Verifies(secret, delivered).Should().BeTrue("the signature is HMAC-SHA256 over id.timestamp.body with the decoded secret");

        var feedItem = (await Json(await Admin.GetAsync("/api/v1/events"))).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("id").GetString() == delivered.Id);
        JsonNode.DeepEquals(JsonNode.Parse(delivered.Body), JsonNode.Parse(feedItem.GetRawText())).Should().BeTrue("the body is the feed's item");
        _receiver.Received.Should().NotContain(r => Uai(r) == "0271234V", "an académie's subscription receives only its académie's events");

        // The attempt is logged once the receiver's answer is in, which can be after the receiver saw the POST.
        bool Logged(JsonElement d) => d.GetProperty("eventId").GetString() == delivered.Id;
        await Eventually(async () => (await Deliveries(versailles, created)).Any(Logged), "the attempt is logged");
        var attempt = (await Deliveries(versailles, created)).Single(Logged);
        attempt.GetProperty("outcome").GetString().Should().Be("delivered");
        attempt.GetProperty("statusCode").GetInt32().Should().Be(200);
        attempt.GetProperty("attempt").GetInt32().Should().Be(1);
        attempt.GetProperty("eventType").GetString().Should().Be("SchoolRegistered");
        attempt.GetProperty("durationMs").GetInt32().Should().BeGreaterThanOrEqualTo(0);
    }

    [Test]
    public async Task Only_the_event_types_asked_for_are_delivered()
    {
        var created = await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks",
            new { url = _receiver.BaseUrl + "/hook", eventTypes = new[] { "SchoolUpdated" } }));
        created.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()).Should().Equal("SchoolUpdated");
        var etag = await RegisterSchool("0951099D", "095", "Lycée Galois", "lycee");
        (await Admin.SendAsync(Request(HttpMethod.Put, "/api/v1/schools/0951099D",
            new { name = "Lycée Évariste Galois", type = "lycee", sector = "public", departement = "095" }, etag)))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        await ReceivedFor("0951099D");
        _receiver.Received.Select(r => JsonNode.Parse(r.Body)!["type"]!.GetValue<string>()).Should().Equal("SchoolUpdated");
        await Problem(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl, eventTypes = new[] { "NoSuchEvent" } }),
            HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task A_failed_attempt_is_retried_after_a_delay_then_delivered()
    {
        var answers = new Queue<int>([500, 200]);
        _receiver.Answer = _ => Task.FromResult(answers.Count > 1 ? answers.Dequeue() : answers.Peek());
        var created = await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/hook" }));
        await RegisterSchool("0951099D", "095");
        var eventId = (await ReceivedFor("0951099D")).Id;

        await Eventually(async () => (await Deliveries(Admin, created)).Any(d => d.GetProperty("outcome").GetString() == "delivered"),
            "the second attempt is delivered");
        var log = (await Deliveries(Admin, created)).Where(d => d.GetProperty("eventId").GetString() == eventId).ToArray();
        log.Select(d => (d.GetProperty("attempt").GetInt32(), d.GetProperty("outcome").GetString(), d.GetProperty("statusCode").GetInt32()))
            .Should().Equal((2, "delivered", 200), (1, "failed", 500));
        log[1].GetProperty("error").GetString().Should().Contain("500");
        _receiver.Received.Where(r => Uai(r) == "0951099D").Should().HaveCount(2).And.OnlyContain(r => r.Id == eventId,
            "both attempts carry the same webhook-id");
        (await Json(await Admin.GetAsync($"/api/v1/admin/webhooks/{Id(created)}"))).GetProperty("consecutiveFailures").GetInt32().Should().Be(0);
    }

    [Test]
    public async Task Repeated_failures_disable_the_subscription_and_enabling_it_resumes_with_the_undelivered_event_in_order()
    {
        _receiver.Answer = _ => Task.FromResult(503);
        var created = await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/hook" }));
        await RegisterSchool("0951099D", "095");

        await Eventually(async () => !(await Json(await Admin.GetAsync($"/api/v1/admin/webhooks/{Id(created)}"))).GetProperty("enabled").GetBoolean(),
            "the subscription is disabled after 3 consecutive failures");
        var response = await Admin.GetAsync($"/api/v1/admin/webhooks/{Id(created)}");
        var disabled = await Json(response);
        disabled.GetProperty("disabledReason").GetString().Should().Contain("3 consecutive failed deliveries");
        var log = await Deliveries(Admin, created);
        log.Select(d => d.GetProperty("outcome").GetString()).Should().Equal("undelivered", "failed", "failed");
        log[0].GetProperty("attempt").GetInt32().Should().Be(3);

        await RegisterSchool("0951100E", "095");
        await Eventually(async () => (await Json(await Admin.GetAsync("/api/v1/events"))).GetProperty("items").GetArrayLength() == 2,
            "the second event is in the feed");
        _receiver.Answer = _ => Task.FromResult(204);
        while (_receiver.Received.TryDequeue(out _))
        {
        }

        var enabled = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/admin/webhooks/{Id(created)}",
            new { url = _receiver.BaseUrl + "/hook", enabled = true }, response.Headers.ETag!.ToString()));
        enabled.StatusCode.Should().Be(HttpStatusCode.OK, await enabled.Content.ReadAsStringAsync());
        await Eventually(() => Task.FromResult(_receiver.Received.Count >= 2), "both events delivered after re-enabling");
        _receiver.Received.Select(Uai).Where(uai => uai is "0951099D" or "0951100E").Should().Equal("0951099D", "0951100E");
    }

    [Test]
    public async Task A_receiver_answering_410_gone_disables_the_subscription_at_once()
    {
        _receiver.Answer = _ => Task.FromResult(410);
        var created = await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/hook" }));
        await RegisterSchool("0951099D", "095");

        await Eventually(async () => !(await Json(await Admin.GetAsync($"/api/v1/admin/webhooks/{Id(created)}"))).GetProperty("enabled").GetBoolean(),
            "the subscription is disabled");
        (await Json(await Admin.GetAsync($"/api/v1/admin/webhooks/{Id(created)}"))).GetProperty("disabledReason").GetString()
            .Should().Contain("410");
        var log = await Deliveries(Admin, created);
        log.Should().ContainSingle().Which.GetProperty("outcome").GetString().Should().Be("undelivered");
    }

    [Test]
    public async Task An_administrator_can_have_an_event_delivered_again()
    {
        var created = await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/hook" }));
        await RegisterSchool("0951099D", "095");
        var first = await ReceivedFor("0951099D");
        await Eventually(async () => (await Deliveries(Admin, created)).Length == 1, "the delivery is logged");
        var delivery = (await Deliveries(Admin, created))[0].GetProperty("id").GetString();

        var redeliver = await Admin.PostAsync($"/api/v1/admin/webhooks/{Id(created)}/deliveries/{delivery}/redeliver", null);
        redeliver.StatusCode.Should().Be(HttpStatusCode.Accepted);

        await Eventually(() => Task.FromResult(_receiver.Received.Count == 2), "the event is posted a second time");
        _receiver.Received.Select(r => r.Id).Should().Equal(first.Id, first.Id);
        await Eventually(async () => (await Deliveries(Admin, created)).Length == 2, "the redelivery is logged");
        var log = await Deliveries(Admin, created);
        log[0].GetProperty("manual").GetBoolean().Should().BeTrue();
        log[0].GetProperty("outcome").GetString().Should().Be("delivered");
        log[1].GetProperty("redeliveryPending").GetBoolean().Should().BeFalse();
        await Problem(await Admin.PostAsync($"/api/v1/admin/webhooks/{Id(created)}/deliveries/{Guid.NewGuid()}/redeliver", null),
            HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task A_rotated_secret_signs_together_with_the_previous_one_during_the_grace()
    {
        var created = await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/hook" }));
        var oldSecret = created.GetProperty("secret").GetString()!;
        var rotated = await Admin.PostAsync($"/api/v1/admin/webhooks/{Id(created)}/rotate-secret", null);
        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        var newSecret = (await Json(rotated)).GetProperty("secret").GetString()!;
        newSecret.Should().StartWith("whsec_").And.NotBe(oldSecret);
        (await Json(await Admin.GetAsync($"/api/v1/admin/webhooks/{Id(created)}"))).GetProperty("previousSecretExpiresAt").GetDateTimeOffset()
            .Should().BeAfter(DateTimeOffset.UtcNow.AddHours(23));

        await RegisterSchool("0951099D", "095");
        var delivered = await ReceivedFor("0951099D");
        delivered.Signature.Split(' ').Should().HaveCount(2).And.OnlyContain(s => s.StartsWith("v1,"));
        Verifies(newSecret, delivered).Should().BeTrue();
        Verifies(oldSecret, delivered).Should().BeTrue("the previous secret still signs during the grace period");
    }

    [TestCase("http://hooks.example.org/innovation", TestName = "Refused: http")]
    [TestCase("https://10.0.0.1/hook", TestName = "Refused: 10.0.0.0/8")]
    [TestCase("https://172.16.5.4/hook", TestName = "Refused: 172.16.0.0/12")]
    [TestCase("https://192.168.1.20/hook", TestName = "Refused: 192.168.0.0/16")]
    [TestCase("https://169.254.169.254/latest/meta-data", TestName = "Refused: link-local (cloud metadata)")]
    [TestCase("https://100.64.0.1/hook", TestName = "Refused: CGNAT")]
    [TestCase("https://0.0.0.0/hook", TestName = "Refused: 0.0.0.0/8")]
    [TestCase("https://127.0.0.2/hook", TestName = "Refused: loopback")]
    [TestCase("https://[::1]/hook", TestName = "Refused: IPv6 loopback")]
    [TestCase("https://[fd12:3456::1]/hook", TestName = "Refused: IPv6 unique local")]
    [TestCase("https://[fe80::1]/hook", TestName = "Refused: IPv6 link-local")]
    [TestCase("https://[::ffff:10.1.2.3]/hook", TestName = "Refused: IPv4-mapped private")]
    [TestCase("https://224.0.0.1/hook", TestName = "Refused: multicast")]
    [TestCase("https://localhost/hook", TestName = "Refused: a name resolving to loopback")]
    [TestCase("https://user:password@public.test/hook", TestName = "Refused: credentials in the URL")]
    [TestCase("/relative/hook", TestName = "Refused: not absolute")]
    public async Task A_url_that_is_not_https_to_a_public_address_is_refused(string url)
    {
        var problem = await Problem(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url }), HttpStatusCode.BadRequest,
            "validation_failed");
        problem.GetProperty("errors").GetProperty("url")[0].GetString().Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task A_public_https_url_is_accepted_an_allow_listed_host_only_under_its_own_name_and_a_new_url_is_checked_again()
    {
        var created = await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = "https://public.test/hook" }));
        var port = new Uri(_receiver.BaseUrl).Port;
        await Problem(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = $"http://localhost:{port}/hook" }),
            HttpStatusCode.BadRequest, "validation_failed");

        var url = $"/api/v1/admin/webhooks/{Id(created)}";
        var problem = await Problem(await Admin.SendAsync(Request(HttpMethod.Put, url, new { url = "https://192.168.0.1/hook" }, "\"1\"")),
            HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").GetProperty("url")[0].GetString().Should().Contain("192.168.0.1");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, url, new { url = "https://public.test/hook" })),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        var disabled = await Admin.SendAsync(Request(HttpMethod.Put, url, new { url = "https://public.test/hook", enabled = false }, "\"1\""));
        disabled.StatusCode.Should().Be(HttpStatusCode.OK);
        disabled.Headers.ETag!.ToString().Should().Be("\"2\"");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, url, new { url = "https://public.test/hook" }, "\"1\"")),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
    }

    [Test]
    public async Task A_name_rebound_to_loopback_after_registration_is_never_connected_to()
    {
        var created = await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = "https://rebind.test/hook" }));
        _rebound = true;
        await RegisterSchool("0951099D", "095");

        await Eventually(async () => (await Deliveries(Admin, created)).Length > 0, "the attempt is logged");
        // Newest first, and this fixture retries within 20 to 100 ms: by this read the third attempt may already have given up
        // ("undelivered"). The first attempt failed; none of them connected.
        var attempts = await Deliveries(Admin, created);
        attempts.Last().GetProperty("outcome").GetString().Should().Be("failed");
        attempts.Should().AllSatisfy(attempt =>
        {
            attempt.GetProperty("statusCode").ValueKind.Should().Be(JsonValueKind.Null);
            attempt.GetProperty("error").GetString().Should().Contain("127.0.0.1");
        });
    }

    [Test]
    public async Task A_redirect_is_a_failure_and_is_not_followed()
    {
        _receiver.Answer = path => Task.FromResult(path == "/hook" ? 302 : 200);
        var created = await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/hook" }));
        await RegisterSchool("0951099D", "095");

        await Eventually(async () => (await Deliveries(Admin, created)).Length > 0, "the attempt is logged");
        var attempt = (await Deliveries(Admin, created)).Last();
        attempt.GetProperty("outcome").GetString().Should().Be("failed");
        attempt.GetProperty("statusCode").GetInt32().Should().Be(302);
        attempt.GetProperty("error").GetString().Should().Contain("redirect");
        _receiver.Received.Should().OnlyContain(r => r.Path == "/hook", "the redirect's target is never requested");
    }

    [Test]
    public async Task A_slow_receiver_holds_back_only_its_own_subscription()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Answer = path => path == "/slow" ? release.Task : Task.FromResult(200);
        await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/slow" }));
        await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/fast" }));

        await RegisterSchool("0951099D", "095");
        await Eventually(() => Task.FromResult(_receiver.Received.Any(r => r.Path == "/fast")), "the fast receiver is served");
        (await Admin.GetAsync("/api/v1/schools/0951099D")).StatusCode.Should().Be(HttpStatusCode.OK, "the API does not wait for receivers");
        release.SetResult(200);
    }

    [Test]
    public async Task An_academie_sees_and_touches_only_its_own_subscriptions()
    {
        var versailles = await ClientFor("25", WebhookScope);
        var normandie = await ClientFor("70", WebhookScope);
        var created = await Created(await versailles.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/hook" }));
        var url = $"/api/v1/admin/webhooks/{Id(created)}";

        (await Json(await normandie.GetAsync("/api/v1/admin/webhooks"))).GetProperty("items").GetArrayLength().Should().Be(0);
        (await Json(await versailles.GetAsync("/api/v1/admin/webhooks"))).GetProperty("items").GetArrayLength().Should().Be(1);
        await Problem(await normandie.GetAsync(url), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.SendAsync(Request(HttpMethod.Put, url, new { url = _receiver.BaseUrl + "/x" }, "\"1\"")),
            HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.SendAsync(Request(HttpMethod.Delete, url, ifMatch: "\"1\"")), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.PostAsync(url + "/rotate-secret", null), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.GetAsync(url + "/deliveries"), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.PostAsync($"{url}/deliveries/{Guid.NewGuid()}/redeliver", null), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/hook", academie = "25" }),
            HttpStatusCode.Forbidden, "academie_forbidden");

        var eventsOnly = await ClientFor("25", "events:read");
        (await eventsOnly.GetAsync("/api/v1/admin/webhooks")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "webhooks:admin is required");
        await Problem(await versailles.SendAsync(Request(HttpMethod.Delete, url)), HttpStatusCode.PreconditionRequired, "if_match_required");
        (await versailles.SendAsync(Request(HttpMethod.Delete, url, ifMatch: "\"1\""))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Problem(await versailles.GetAsync(url), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task The_secret_is_shown_once()
    {
        var created = await Created(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/hook" }));
        var secret = created.GetProperty("secret").GetString()!;
        var url = $"/api/v1/admin/webhooks/{Id(created)}";

        var read = await Admin.GetAsync(url);
        var etag = read.Headers.ETag!.ToString();
        var answers = new[]
        {
            await read.Content.ReadAsStringAsync(),
            await (await Admin.GetAsync("/api/v1/admin/webhooks")).Content.ReadAsStringAsync(),
            await (await Admin.SendAsync(Request(HttpMethod.Put, url, new { url = _receiver.BaseUrl + "/hook", enabled = false }, etag)))
                .Content.ReadAsStringAsync(),
            await (await Admin.GetAsync(url + "/deliveries")).Content.ReadAsStringAsync(),
        };
        answers.Should().OnlyContain(a => !a.Contains(secret) && !a.Contains("\"secret\""));
        (await Json(await Admin.GetAsync(url))).GetProperty("enabled").GetBoolean().Should().BeFalse();
    }

    private async Task<ReceivedWebhook> ReceivedFor(string uai)
    {
        await Eventually(() => Task.FromResult(_receiver.Received.Any(r => Uai(r) == uai)), $"the event of {uai} is posted");
        return _receiver.Received.First(r => Uai(r) == uai);
    }

    private static async Task<JsonElement[]> Deliveries(HttpClient client, JsonElement webhook)
    {
        var response = await client.GetAsync($"/api/v1/admin/webhooks/{Id(webhook)}/deliveries");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await Json(response)).GetProperty("items").EnumerateArray()];
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.ToString().Should().Be("\"1\"");
        return await Json(response);
    }

    private static string Id(JsonElement webhook) => webhook.GetProperty("id").GetString()!;

    private static string? Uai(ReceivedWebhook received) =>
        JsonNode.Parse(received.Body)?["payload"]?["school"]?["uai"]?.GetValue<string>();

    /// <summary>The Standard Webhooks check a receiver makes, written here from the specification.</summary>
    private static bool Verifies(string secret, ReceivedWebhook received)
    {
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        var signed = Encoding.UTF8.GetBytes($"{received.Id}.{received.Timestamp}.").Concat(received.Body).ToArray();
        var expected = "v1," + Convert.ToBase64String(hmac.ComputeHash(signed));
        return received.Signature.Split(' ')
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
    }
}
