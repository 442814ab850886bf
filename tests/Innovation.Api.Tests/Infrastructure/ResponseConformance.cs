using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Innovation.Api.Tests.Infrastructure;

/// <summary>
/// On every test client: checks each response of an operation the OpenAPI document describes against it, and fails the
/// test on the first mismatch (operation, status, where in the body, the error). The status must be declared, the
/// content type one the response declares, and a JSON body valid against its schema; other bodies (CSV, PDF) are only
/// typed. Requests the document does not describe (an unknown path or method, /health, /swagger) are not checked.
/// </summary>
internal sealed class ResponseConformance : DelegatingHandler
{
    private static long _checked;
    private static long _validated;

    /// <summary>Responses checked (status and content type) and JSON bodies validated since the test run started.</summary>
    public static (long Checked, long Validated) Counts => (Interlocked.Read(ref _checked), Interlocked.Read(ref _validated));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (await MismatchAsync(request, response, cancellationToken) is { } mismatch)
        {
            Assert.Fail($"Response conformance (api-specs/innovation-v1.json): {mismatch}");
        }

        return response;
    }

    /// <summary>What in <paramref name="response"/> the document does not declare, or null when it conforms or is not described.</summary>
    internal static async Task<string?> MismatchAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var contract = OpenApiContract.Instance;
        if (contract.Find(request.Method.Method, request.RequestUri!.AbsolutePath) is not { } found)
        {
            return null;
        }

        var (operation, node) = found;

        var status = (int)response.StatusCode;
        Interlocked.Increment(ref _checked);
        if (OpenApiContract.Response(node, status) is not { } match)
        {
            return $"{operation} answered {status}, a status the operation does not declare";
        }

        var (key, declared) = match;

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await Decoded(response, cancellationToken);
        var content = declared["content"]?.AsObject();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (body.Length == 0 && mediaType is null)
        {
            var bodiless = content is null || content.Count == 0 || request.Method == HttpMethod.Head || status == 304;
            return bodiless ? null : $"{operation} {status}: no body, though the document declares {string.Join(", ", content!.Select(c => c.Key))}";
        }

        if (content is null || mediaType is null || !content.ContainsKey(mediaType))
        {
            var declaredTypes = content is null ? "no body" : string.Join(", ", content.Select(c => c.Key));
            return $"{operation} {status}: content type {mediaType ?? "(none)"} with {body.Length} bytes; the document declares {declaredTypes}";
        }

        if (mediaType != "application/json" && !mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return $"{operation} {status} {mediaType}: the body is not JSON ({e.Message})";
        }

        Interlocked.Increment(ref _validated);
        // The body's start goes with the error: the mismatch is read there.
        return contract.FirstError(node, key, mediaType, json) is { } error
            ? $"{operation} {status} {mediaType}: {error}\n{System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 2000)))}"
            : null;
    }

    /// <summary>The body as the client will read it: compressed responses (the client asked for gzip or br) are decompressed.</summary>
    private static async Task<byte[]> Decoded(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        Stream? decoder = response.Content.Headers.ContentEncoding.LastOrDefault() switch
        {
            "gzip" => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "deflate" => new ZLibStream(new MemoryStream(bytes), CompressionMode.Decompress),
            _ => null,
        };
        if (decoder is null)
        {
            return bytes;
        }

        await using (decoder)
        {
            using var plain = new MemoryStream();
            await decoder.CopyToAsync(plain, cancellationToken);
            return plain.ToArray();
        }
    }
}
