using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Innovation.BuildingBlocks.Http;

/// <summary>
/// Writes a JSON object kept in the database (a read model's view of a resource) with the members
/// that change too often to be kept in it (status, version…) added at its end, as one raw value:
/// the view is sent without being read into objects and serialized again.
/// </summary>
public static class StoredJson
{
    private static readonly JsonWriterOptions MemberOptions = new() { SkipValidation = true, Encoder = ApiJson.Options.Encoder };

    // One buffer and one writer per thread, reused: a list page writes fifty views, and the value
    // is copied into the response before this returns (nothing here awaits).
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? members;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? transcoded;

    /// <param name="writer">The response's writer.</param>
    /// <param name="stored">The stored object, written with <see cref="ApiJson.Options"/>.</param>
    /// <param name="state">What <paramref name="addMembers"/> writes from.</param>
    /// <param name="addMembers">Writes the added members (property name and value each) with a JSON writer, so a value is spelt as everywhere
    /// else.</param>
    public static void WriteObject<TState>(Utf8JsonWriter writer, ReadOnlySpan<char> stored, TState state, Action<Utf8JsonWriter, TState> addMembers)
    {
        var utf8 = transcoded ??= new ArrayBufferWriter<byte>(4096);
        utf8.ResetWrittenCount();
        Encoding.UTF8.GetBytes(stored, utf8);
        WriteObject(writer, utf8.WrittenSpan, state, addMembers);
    }

    /// <param name="writer">The response's writer.</param>
    /// <param name="stored">The stored object in UTF-8, as the database returned it.</param>
    /// <param name="state">What <paramref name="addMembers"/> writes from.</param>
    /// <param name="addMembers">Writes the added members (property name and value each).</param>
    public static void WriteObject<TState>(Utf8JsonWriter writer, ReadOnlySpan<byte> stored, TState state, Action<Utf8JsonWriter, TState> addMembers)
    {
        var body = stored.TrimEnd(" \t\r\n"u8);
        if (body.Length < 2 || body[^1] != (byte)'}')
        {
            throw new InvalidOperationException("The stored JSON is not an object.");
        }

        var output = buffer ??= new ArrayBufferWriter<byte>(4096);
        output.ResetWrittenCount();
        output.Write(body[..^1]);
        if (body[..^1].TrimEnd(" \t\r\n"u8)[^1] != (byte)'{')
        {
            output.Write(","u8);
        }

        var added = members ??= new Utf8JsonWriter(output, MemberOptions);
        added.Reset(output);
        addMembers(added, state);
        added.Flush();
        output.Write("}"u8);
        writer.WriteRawValue(output.WrittenSpan, skipInputValidation: true);
    }
}

/// <summary>
/// The converter of a view kept as JSON (<see cref="StoredJson"/>): such a view is only written,
/// from its stored object and the members read from their own columns.
/// </summary>
public abstract class StoredJsonConverter<T> : JsonConverter<T>
{
    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{typeof(T).Name} is only written.");

    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        StoredJson.WriteObject(writer, Stored(value), value, AddMembers);

    /// <summary>The stored object.</summary>
    protected abstract string Stored(T value);

    /// <summary>Writes the members that are not stored (name and value each).</summary>
    protected abstract void AddMembers(Utf8JsonWriter members, T value);
}
