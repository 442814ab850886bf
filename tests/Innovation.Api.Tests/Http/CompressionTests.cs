using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Http;

/// <summary>Answers are compressed with brotli or gzip when the client asks, and only then.</summary>
public sealed class CompressionTests(Engine engine) : ApiTest(engine)
{
    [TestCase("br")]
    [TestCase("gzip")]
    public async Task The_openapi_document_and_the_api_answers_are_compressed_when_asked(string encoding)
    {
        foreach (var path in new[] { "/swagger/v1/swagger.json", "/api/v1/academies", "/api/v1/projects/not-an-id" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var response = await Admin.SendAsync(request);

            response.Content.Headers.ContentEncoding.Should().Equal([encoding], path);
            var compressed = await response.Content.ReadAsStreamAsync();
            Stream plain = encoding == "br"
                ? new BrotliStream(compressed, CompressionMode.Decompress)
                : new GZipStream(compressed, CompressionMode.Decompress);
            using var document = await JsonDocument.ParseAsync(plain);
            document.RootElement.ValueKind.Should().Be(JsonValueKind.Object, path);
        }
    }

    [Test]
    public async Task Without_accept_encoding_the_answer_is_plain()
    {
        var response = await Admin.GetAsync("/swagger/v1/swagger.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().BeEmpty();
    }
}
