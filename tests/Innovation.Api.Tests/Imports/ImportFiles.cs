using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Innovation.Api.Tests.Imports;

/// <summary>Sending a file to an import endpoint and reading its report: the same for every import's tests.</summary>
internal static class ImportFiles
{
    public static Task<HttpResponseMessage> Post(
        HttpClient client, string endpoint, string body, string contentType = "text/csv", string query = "", string? idempotencyKey = null) =>
        Post(client, endpoint, Encoding.UTF8.GetBytes(body), contentType, query, idempotencyKey);

    public static async Task<HttpResponseMessage> Post(
        HttpClient client, string endpoint, byte[] body, string contentType, string query = "", string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint + query) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The report of a 200 (the test fails with the body otherwise).</summary>
    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public static (int Created, int Updated, int Unchanged, int Rejected) Counts(JsonElement report) => (
        report.GetProperty("created").GetInt32(), report.GetProperty("updated").GetInt32(),
        report.GetProperty("unchanged").GetInt32(), report.GetProperty("rejected").GetInt32());
}

/// <summary>A CSV produced as it is read (a header line, then <paramref name="record"/>(0 … rows - 1)), so a large file costs no memory.</summary>
internal sealed class GeneratedCsv(string header, int rows, Func<int, string> record) : Stream
{
    private byte[] _pending = Encoding.UTF8.GetBytes(header + "\n");
    private int _offset;
    private int _next;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_offset == _pending.Length)
            {
                if (_next == rows)
                {
                    break;
                }

                _pending = Encoding.UTF8.GetBytes(record(_next) + "\n");
                _offset = 0;
                _next++;
            }

            var take = Math.Min(buffer.Length - written, _pending.Length - _offset);
            _pending.AsSpan(_offset, take).CopyTo(buffer[written..]);
            _offset += take;
            written += take;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
