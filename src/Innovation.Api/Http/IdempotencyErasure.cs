using System.Text;
using System.Text.Json;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;
using MediatR;

namespace Innovation.Api.Http;

/// <summary>
/// The right to erasure reaching the stored responses of <c>Idempotency-Key</c> requests: every record whose body names the
/// erased person (their id, or an e-mail with their key) keeps its key and request hash, so a retry still does not run twice,
/// but its response becomes a 409 <c>response_erased</c> problem (the Location stays): a replay no longer answers the
/// person's name or e-mail (ADR 0008). Runs once per event (the host's inbox).
/// </summary>
internal sealed class IdempotencyErasure(Db db, TimeProvider time) : INotificationHandler<IntegrationEvent<PersonErased>>
{
    internal const string StoredBodiesSql = """
        SELECT caller_id AS CallerId, idempotency_key AS IdempotencyKey, body AS Body
        FROM host.idempotency_record
        WHERE status_code IS NOT NULL AND body IS NOT NULL
        """;

    internal const string EraseSql = """
        UPDATE host.idempotency_record
        SET status_code = 409, content_type = 'application/problem+json', etag = NULL, body = @Body
        WHERE caller_id = @CallerId AND idempotency_key = @IdempotencyKey
        """;

    internal static readonly byte[] ErasedResponse = JsonSerializer.SerializeToUtf8Bytes(new
    {
        type = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        title = "Response erased",
        status = 409,
        detail = "The first request with this Idempotency-Key succeeded, but its response named a person since erased (right to erasure): "
            + "it is no longer replayed. Read the resource again instead (see Location, when given).",
        code = "response_erased",
    });

    public async Task Handle(IntegrationEvent<PersonErased> notification, CancellationToken cancellationToken)
    {
        var erased = notification.Payload;
        // Read outside the write: the records of a day may be many, and an erasure is rare.
        var naming = await db.ReadAsync(async c =>
        {
            var found = new List<StoredBody>();
            await foreach (var record in c.QueryUnbufferedAsync<StoredBody>(StoredBodiesSql))
            {
                if (Names(record.Body!, erased))
                {
                    found.Add(record with { Body = null });
                }
            }

            return found;
        }, cancellationToken);

        await db.ProcessOnceAsync("host", nameof(IdempotencyErasure), notification.Id, time.GetUtcNow(), async (c, t) =>
        {
            foreach (var record in naming)
            {
                await c.ExecuteAsync(EraseSql, new { record.CallerId, record.IdempotencyKey, Body = ErasedResponse }, t);
            }
        }, cancellationToken);
    }

    /// <summary>Whether a stored JSON body holds the person's id or an e-mail whose key is theirs (any other body: no).</summary>
    internal static bool Names(byte[] body, PersonErased erased)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String && reader.GetString() is { } text
                    && (text.Equals(erased.PersonId.ToString(), StringComparison.OrdinalIgnoreCase)
                        || (text.Contains('@') && PersonErased.KeyOf(text) == erased.EmailKey)))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a CSV import report, say): it names the person if it holds their id.
            return body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(erased.PersonId.ToString())) >= 0;
        }

        return false;
    }

    internal sealed record StoredBody(string CallerId, string IdempotencyKey, byte[]? Body);
}
