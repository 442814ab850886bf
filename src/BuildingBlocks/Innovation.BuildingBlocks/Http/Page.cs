using System.Buffers.Text;
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

/// <summary>Opaque cursors: the base64url of the last key seen.</summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

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
            throw RequestValidationException.For("cursor", "The cursor is not one this API issued.");
        }
    }
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
