using System.Buffers.Binary;

namespace Innovation.BuildingBlocks.Data;

/// <summary>
/// The ids the application makes for its rows: version-7 GUIDs whose last six bytes repeat the creation time, so
/// that both engines list rows by id in creation order (ADR 0003). SQLite compares the text, whose first 48 bits
/// are the Unix time in milliseconds (version 7); SQL Server compares a UNIQUEIDENTIFIER by its last six bytes
/// first, random in a plain version-7 GUID: they hold the milliseconds since 2025 (42 bits, until 2164) here.
/// Uniqueness rests on 32 more bits: a count started at random (below 2^31, so it never wraps) at each new millisecond, so one process never
/// makes the same id twice and the text order follows the creation order even inside a millisecond.
/// </summary>
public static class SortableId
{
    private static readonly long Epoch = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private const long MaxSqlServerTime = (1L << 42) - 1;
    private static readonly Lock Gate = new();
    private static long _lastMilliseconds = long.MinValue;
    private static uint _lastCount;

    public static Guid New() => New(DateTimeOffset.UtcNow);

    /// <summary>An id made at <paramref name="createdAt"/> (the time the row records, when it has one).</summary>
    public static Guid New(DateTimeOffset createdAt)
    {
        var milliseconds = Math.Max(0, createdAt.ToUnixTimeMilliseconds());
        uint count;
        lock (Gate)
        {
            count = _lastCount = milliseconds == _lastMilliseconds ? _lastCount + 1 : (uint)Random.Shared.NextInt64(0, 1L << 31);
            _lastMilliseconds = milliseconds;
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes[..8], milliseconds << 16);
        bytes[6] = (byte)(0x70 | (count >> 28)); // version 7, then the count's high bits
        bytes[7] = (byte)(count >> 20);
        bytes[8] = (byte)(0x80 | ((count >> 14) & 0x3F)); // RFC 9562 variant
        bytes[9] = (byte)(count >> 6);
        var sqlServerTime = Math.Clamp(milliseconds - Epoch, 0, MaxSqlServerTime);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], (sqlServerTime << 6) | (count & 0x3F) | ((long)bytes[8] << 56) | ((long)bytes[9] << 48));
        return new Guid(bytes, bigEndian: true);
    }
}
