using System.Security.Cryptography;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;

namespace Innovation.Api.Http;

/// <summary>
/// <c>Idempotency-Key</c> on creates and imports: the first response (status, body, Location,
/// ETag) is stored per caller and key; a retry with the same body replays it, the same key with
/// another body is a 422, and a retry while the first is still running is a 409. The body is
/// hashed as it streams, so an import keeps constant memory. Server errors are not stored, so a
/// retry after a 5xx runs again. Records expire after <c>Idempotency:Retention</c> (24 h).
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, Db db, TimeProvider time, IConfiguration configuration)
{
    public const string HeaderName = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotent-Replayed";

    internal const string FindSql = """
        SELECT request_hash AS RequestHash, status_code AS StatusCode, content_type AS ContentType,
               location AS Location, etag AS ETag, body AS Body
        FROM host.idempotency_record
        WHERE caller_id = @CallerId AND idempotency_key = @Key AND expires_at > @Now
        """;

    internal const string ClaimSql = """
        DELETE FROM host.idempotency_record WHERE caller_id = @CallerId AND idempotency_key = @Key AND expires_at <= @Now;
        INSERT INTO host.idempotency_record (caller_id, idempotency_key, request_hash, created_at, expires_at)
        SELECT @CallerId, @Key, @RequestHash, @Now, @ExpiresAt
        WHERE NOT EXISTS (SELECT 1 FROM host.idempotency_record WHERE caller_id = @CallerId AND idempotency_key = @Key);
        """;

    internal const string CompleteSql = """
        UPDATE host.idempotency_record
        SET request_hash = @RequestHash, status_code = @StatusCode, content_type = @ContentType, location = @Location,
            etag = @ETag, body = @Body
        WHERE caller_id = @CallerId AND idempotency_key = @Key
        """;

    internal const string ReleaseSql = "DELETE FROM host.idempotency_record WHERE caller_id = @CallerId AND idempotency_key = @Key";

    internal const string PurgeSql = "DELETE FROM host.idempotency_record WHERE expires_at <= @Now";

    private readonly TimeSpan _retention = configuration.GetValue("Idempotency:Retention", TimeSpan.FromHours(24));

    // Not async itself: every other request (each GET) passes through without a state machine.
    public Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[HeaderName].ToString();
        return string.IsNullOrEmpty(key) || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentMetadata>() is null
            || context.User.Identity?.IsAuthenticated != true
            ? next(context)
            : RunOnceAsync(context, key);
    }

    private async Task RunOnceAsync(HttpContext context, string key)
    {
        if (key.Length > 255 || key.Any(c => c < 0x21 || c > 0x7E))
        {
            throw RequestValidationException.For(HeaderName, "Use 1 to 255 visible ASCII characters (a UUID is a good key).");
        }

        var callerId = context.Caller().Id;
        var now = time.GetUtcNow();
        var hashing = new HashingStream(context.Request.Body, context.Request.Method, context.Request.Path + context.Request.QueryString);
        context.Request.Body = hashing;

        var stored = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<StoredResponse>(FindSql, new { CallerId = callerId, Key = key,
            Now = now }), context.RequestAborted);
        if (stored is not null)
        {
            await hashing.DrainAsync(context.RequestAborted);
            await ReplayOrRefuseAsync(context, stored, hashing.Hash());
            return;
        }

        // Claim the key before running, so a concurrent retry cannot run the same create twice.
        int claimed;
        try
        {
            claimed = await db.WriteAsync(
                (c, t) => c.ExecuteAsync(ClaimSql, new { CallerId = callerId, Key = key, RequestHash = "", Now = now, ExpiresAt = now
                    + _retention }, t),
                context.RequestAborted);
        }
        catch (Exception exception) when (TransientFailures.IsUniqueViolation(exception))
        {
            claimed = 0; // a concurrent request with the same key claimed it first
        }

        if (claimed == 0)
        {
            throw InProgress();
        }

        var originalBody = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (Exception exception)
        {
            // A refusal (409, 404…) is part of the first response and is replayed like a success;
            // anything else leaves the key free for a retry.
            if (!await WriteProblemAsync(context, exception))
            {
                context.Response.Body = originalBody;
                await ReleaseAsync(callerId, key);
                throw;
            }
        }
        finally
        {
            context.Response.Body = originalBody;
        }

        if (context.Response.StatusCode >= 500)
        {
            await ReleaseAsync(callerId, key);
        }
        else
        {
            await hashing.DrainAsync(context.RequestAborted);
            var headers = context.Response.Headers;
            await db.WriteAsync((c, t) => c.ExecuteAsync(CompleteSql, new
            {
                CallerId = callerId,
                Key = key,
                RequestHash = hashing.Hash(),
                context.Response.StatusCode,
                context.Response.ContentType,
                Location = headers.Location.ToString() is { Length: > 0 } location ? location : null,
                ETag = headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                Body = buffer.ToArray(),
            }, t), CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, context.RequestAborted);
    }

    /// <summary>Writes a handler's refusal into the buffered response through the host's exception handler.</summary>
    private static async Task<bool> WriteProblemAsync(HttpContext context, Exception exception)
    {
        if (exception is not (ProblemException or RequestValidationException or BadHttpRequestException))
        {
            return false;
        }

        foreach (var handler in context.RequestServices.GetServices<Microsoft.AspNetCore.Diagnostics.IExceptionHandler>())
        {
            if (await handler.TryHandleAsync(context, exception, context.RequestAborted))
            {
                return true;
            }
        }

        return false;
    }

    private Task ReleaseAsync(string callerId, string key) =>
        db.WriteAsync((c, t) => c.ExecuteAsync(ReleaseSql, new { CallerId = callerId, Key = key }, t), CancellationToken.None);

    private static async Task ReplayOrRefuseAsync(HttpContext context, StoredResponse stored, string requestHash)
    {
        if (stored.StatusCode is null)
        {
            throw InProgress();
        }

        if (!string.Equals(stored.RequestHash, requestHash, StringComparison.Ordinal))
        {
            throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused", "Idempotency key reused",
                "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
        }

        var response = context.Response;
        response.StatusCode = stored.StatusCode.Value;
        response.ContentType = stored.ContentType;
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        if (stored.ETag is not null)
        {
            response.Headers.ETag = stored.ETag;
        }

        response.Headers[ReplayedHeader] = "true";
        if (stored.Body is { Length: > 0 })
        {
            await response.Body.WriteAsync(stored.Body, context.RequestAborted);
        }
    }

    private static ProblemException InProgress() =>
        ProblemException.Conflict("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed; retry later.");

    internal sealed class StoredResponse
    {
        public string RequestHash { get; init; } = "";
        public int? StatusCode { get; init; }
        public string? ContentType { get; init; }
        public string? Location { get; init; }
        public string? ETag { get; init; }
        public byte[]? Body { get; init; }
    }

    /// <summary>Hashes the method, the target and the body as the endpoint reads it.</summary>
    private sealed class HashingStream : Stream
    {
        private readonly Stream _inner;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private string? _result;

        public HashingStream(Stream inner, string method, string target)
        {
            _inner = inner;
            _hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{method} {target}\n"));
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public string Hash() => _result ??= Convert.ToHexStringLower(_hash.GetHashAndReset());

        public async Task DrainAsync(CancellationToken cancellationToken)
        {
            var scratch = new byte[81920];
            while (await ReadAsync(scratch, cancellationToken) > 0)
            {
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = _inner.Read(buffer);
            _hash.AppendData(buffer[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await _inner.ReadAsync(buffer, cancellationToken);
            _hash.AppendData(buffer.Span[..read]);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
