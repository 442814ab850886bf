using System.Net;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectFundingTests(Engine engine) : ProjectDetailsTest(engine)
{
    private const string JsonType = "application/json";

    /// <summary>A raw JSON body, so amounts are sent exactly as written (no double on the client side).</summary>
    private static HttpRequestMessage Raw(HttpMethod method, string uri, string json, string? ifMatch)
    {
        var request = Request(method, uri, null, ifMatch);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, JsonType);
        return request;
    }

    [Test]
    public async Task Funding_lines_are_added_listed_with_totals_replaced_and_removed()
    {
        var id = await NewProject();
        var carrier = Carrier();
        var added = await Created(carrier.SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding",
            """{"scheme":"nefe","year":2026,"amountRequested":4500.5,"amountGranted":3000,"note":"Commission de novembre"}""", "\"1\"")));
        added.Headers.ETag!.ToString().Should().Be("\"2\"");
        var line = await Json(added);
        line.GetProperty("amountRequested").GetRawText().Should().Be("4500.50");
        line.GetProperty("amountGranted").GetRawText().Should().Be("3000.00");
        line.GetProperty("isTopUp").GetBoolean().Should().BeFalse();
        var uri = added.Headers.Location!.ToString();
        uri.Should().Be($"/api/v1/projects/{id}/funding/{line.GetProperty("id").GetString()}");

        await Created(carrier.SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding",
            """{"scheme":"academieBudget","year":2025,"amountRequested":1000}""", "\"2\"")));
        var list = await Json(await Admin.GetAsync($"/api/v1/projects/{id}/funding"));
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("year").GetInt32()).Should().Equal(2025, 2026);
        list.GetProperty("totalRequested").GetRawText().Should().Be("5500.50");
        list.GetProperty("totalGranted").GetRawText().Should().Be("3000.00");
        var unchanged = Request(HttpMethod.Get, $"/api/v1/projects/{id}/funding");
        unchanged.Headers.TryAddWithoutValidation("If-None-Match", "\"3\"");
        (await Admin.SendAsync(unchanged)).StatusCode.Should().Be(HttpStatusCode.NotModified, "the list's ETag is the project's version");

        var replaced = await carrier.SendAsync(
            Raw(HttpMethod.Put, uri, """{"scheme":"france2030","year":2027,"amountRequested":100,"amountGranted":100}""", "\"3\""));
        replaced.StatusCode.Should().Be(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        replaced.Headers.ETag!.ToString().Should().Be("\"4\"");
        (await Json(await Admin.GetAsync(uri))).GetProperty("scheme").GetString().Should().Be("france2030");

        var removed = await carrier.SendAsync(Request(HttpMethod.Delete, uri, null, "\"4\""));
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        removed.Headers.ETag!.ToString().Should().Be("\"5\"");
        (await Json(await Admin.GetAsync($"/api/v1/projects/{id}/funding"))).GetProperty("totalRequested").GetRawText().Should().Be("1000.00");
    }

    [Test]
    public async Task Amounts_keep_their_exact_decimal_value()
    {
        var id = await NewProject();
        var etag = "\"1\"";
        foreach (var json in new[]
                 {
                     """{"scheme":"partner","year":2026,"amountRequested":0.1,"amountGranted":0.1}""",
                     """{"scheme":"partner","year":2026,"amountRequested":0.2,"amountGranted":0.2}""",
                     """{"scheme":"partner","year":2026,"amountRequested":9999999999.99,"amountGranted":1234567.89}""",
                 })
        {
            var response = await Created(Admin.SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding", json, etag)));
            etag = response.Headers.ETag!.ToString();
        }

        var list = await Json(await Admin.GetAsync($"/api/v1/projects/{id}/funding"));
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("amountRequested").GetRawText())
            .Should().BeEquivalentTo(["0.10", "0.20", "9999999999.99"]);
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("amountGranted").GetDecimal())
            .Should().BeEquivalentTo([0.1m, 0.2m, 1234567.89m]);
        list.GetProperty("totalRequested").GetRawText().Should().Be("10000000000.29", "0.1 + 0.2 is 0.3 in decimals, not 0.30000000000000004");
        list.GetProperty("totalGranted").GetRawText().Should().Be("1234568.19");
    }

    [Test]
    public async Task A_grant_above_the_request_is_refused_unless_it_is_a_top_up()
    {
        var id = await NewProject();
        var refused = await Admin.SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding",
            """{"scheme":"nefe","year":2026,"amountRequested":1000,"amountGranted":1500}""", "\"1\""));
        (await Problem(refused, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("amountGranted")[0].GetString()
            .Should().Contain("isTopUp");

        var topUp = await Created(Admin.SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding",
            """{"scheme":"nefe","year":2026,"amountRequested":1000,"amountGranted":1500,"isTopUp":true}""", "\"1\"")));
        (await Json(topUp)).GetProperty("isTopUp").GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var id = await NewProject();
        var response = await Admin.SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding",
            """{"year":1890,"amountRequested":10.005,"amountGranted":-1,"note":null}""", "\"1\""));
        (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo(["scheme", "year", "amountRequested", "amountGranted"]);

        var missing = await Admin.SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding", """{"scheme":"lottery","year":2026}""", "\"1\""));
        await Problem(missing, HttpStatusCode.BadRequest, "validation_failed");
        (await ProjectETag(id)).Should().Be("\"1\"");
    }

    [Test]
    public async Task Changes_need_the_current_etag_and_a_carrier()
    {
        var id = await NewProject();
        const string body = """{"scheme":"nefe","year":2026,"amountRequested":10}""";
        await Problem(await Admin.SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding", body, null)),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        await Problem(await Admin.SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding", body, "\"9\"")),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await Problem(await NonCarrier().SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding", body, "\"1\"")), HttpStatusCode.Forbidden,
            "not_a_carrier");
        await Created(Carrier().SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding", body, "\"1\"")));

        await Archive(id);
        await Problem(await Admin.SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding", body, "\"2\"")), HttpStatusCode.Conflict,
            "project_locked");
    }

    [Test]
    public async Task Another_academie_finds_no_funding()
    {
        var id = await NewProject();
        var line = await Json(await Created(Admin.SendAsync(
            Raw(HttpMethod.Post, $"/api/v1/projects/{id}/funding", """{"scheme":"nefe","year":2026,"amountRequested":10}""", "\"1\""))));
        var uri = $"/api/v1/projects/{id}/funding/{line.GetProperty("id").GetString()}";
        var body = JsonDocument.Parse("""{"scheme":"nefe","year":2026,"amountRequested":20}""").RootElement;
        await HiddenFromAnotherAcademie(
            (HttpMethod.Get, $"/api/v1/projects/{id}/funding", null),
            (HttpMethod.Post, $"/api/v1/projects/{id}/funding", body),
            (HttpMethod.Get, uri, null),
            (HttpMethod.Put, uri, body),
            (HttpMethod.Delete, uri, null));
    }
}
