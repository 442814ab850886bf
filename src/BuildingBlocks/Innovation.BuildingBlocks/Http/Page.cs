using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Innovation.BuildingBlocks.Http;

/// <summary>One page of a list. <c>nextCursor</c> is absent on the last page.</summary>
/// <param name="Items">The page's items, in the list's stable order.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> to get the next page; absent on the last page.</param>
public sealed record Page<T>(
    IReadOnlyList<T> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextCursor)
{
    /// <summary>Builds a page from <paramref name="limit"/> + 1 fetched rows: the extra row only proves there is more.</summary>
    public static Page<T> From(IReadOnlyList<T> rows, int limit, Func<T, string> cursorKey) =>
        rows.Count > limit
            ? new Page<T>(rows.Take(limit).ToList(), Cursor.Encode(cursorKey(rows[limit - 1])))
            : new Page<T>(rows, null);
}

/// <summary>
/// A keyset page to read: its resolved <paramref name="Limit"/> and the key of the previous page's last item
/// (<paramref name="After"/>, in the list's order; none on the first page).
/// </summary>
public readonly record struct PageRequest<TKey>(int Limit, TKey After)
{
    /// <summary>Rows to read: one more than the page holds, the extra one only proves there is more.</summary>
    public int Take => Limit + 1;

    /// <summary>The page of the rows read with <see cref="Take"/>; <paramref name="cursorKey"/> gives an item's key.</summary>
    public Page<T> PageOf<T>(IReadOnlyList<T> rows, Func<T, string> cursorKey) => Page<T>.From(rows, Limit, cursorKey);
}

/// <summary>The page requests of the lists' keys; a cursor that does not hold one is a 400.</summary>
public static class PageRequest
{
    /// <summary>A page of a list ordered by a GUID id.</summary>
    public static PageRequest<Guid?> AfterId(int limit, string? cursor) => new(limit, Cursor.DecodeId(cursor));

    /// <summary>A page of a list ordered by a sequence number.</summary>
    public static PageRequest<int?> AfterSequence(int limit, string? cursor) => new(limit, Cursor.DecodeSequence(cursor));

    /// <summary>A page of a list ordered by a text key (a UAI).</summary>
    public static PageRequest<string?> AfterKey(int limit, string? cursor) => new(limit, Cursor.Decode(cursor));
}

/// <summary>Opaque cursors: the base64url of the last key seen.</summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public const string NotIssued = "The cursor is not one this API issued.";

    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    /// <summary>The key in a cursor a client sent back, or a 400 problem.</summary>
    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw RequestValidationException.For("cursor", NotIssued);
        }
    }

    /// <summary>The GUID id in a cursor, or a 400.</summary>
    public static Guid? DecodeId(string? cursor) =>
        Decode(cursor) is not { } key ? null
        : Guid.TryParse(key, out var id) ? id
        : throw RequestValidationException.For("cursor", NotIssued);

    /// <summary>The sequence number (digits only) in a cursor, or a 400.</summary>
    public static int? DecodeSequence(string? cursor) =>
        Decode(cursor) is not { } key ? null
        : int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence
        : throw RequestValidationException.For("cursor", NotIssued);
}

/// <summary>The <c>limit</c> query parameter: 1–200, default 50; anything else is a 400.</summary>
public static class Limit
{
    public static int Resolve(int? limit) => limit switch
    {
        null => Cursor.DefaultLimit,
        >= 1 and <= Cursor.MaxLimit => limit.Value,
        _ => throw RequestValidationException.For("limit", $"limit must be between 1 and {Cursor.MaxLimit}."),
    };
}
