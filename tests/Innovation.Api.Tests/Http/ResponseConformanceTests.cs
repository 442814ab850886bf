using System.Net;
using System.Text;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Http;

/// <summary>
/// The check every test client runs on every response (<see cref="ResponseConformance"/>) finds what the document does not
/// declare: a body off its schema, an undeclared status or content type. Fed made-up responses, since the API's own conform.
/// </summary>
public sealed class ResponseConformanceTests
{
    [Test]
    public async Task A_body_off_its_schema_is_named_with_the_operation_status_and_place()
    {
        var mismatch = await Mismatch("/api/v1/schools", HttpStatusCode.OK, """{"items":[{"uai":5}]}""");

        mismatch.Should().Contain("GET /api/v1/schools 200 application/json").And.Contain("/items/0");
    }

    [Test]
    public async Task A_conforming_body_passes_and_a_path_the_document_does_not_describe_is_not_checked()
    {
        (await Mismatch("/api/v1/schools", HttpStatusCode.OK, """{"items":[],"nextCursor":null}""")).Should().BeNull();
        (await Mismatch("/health/ready", HttpStatusCode.OK, "<html/>", "text/html")).Should().BeNull();
    }

    [Test]
    public async Task An_undeclared_status_or_content_type_is_a_mismatch()
    {
        (await Mismatch("/api/v1/schools/0951099D", HttpStatusCode.Conflict, "{}")).Should().Contain("409");
        (await Mismatch("/api/v1/schools/0951099D", HttpStatusCode.OK, "<html/>", "text/html")).Should().Contain("text/html");
    }

    private static Task<string?> Mismatch(string path, HttpStatusCode status, string body, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri("http://localhost"), path));
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request };
        return ResponseConformance.MismatchAsync(request, response, CancellationToken.None);
    }
}
