using System.Buffers;
using System.Text.Json;
using Innovation.BuildingBlocks.Http;

namespace Innovation.BuildingBlocks.Audit;

/// <summary>
/// One write to record: who (<paramref name="Actor"/>, the credential's id, or <see cref="SystemActor"/>), when, in which
/// académie (null for a national resource: a national API key or webhook subscription), on which resource, the action, and the
/// resource as it was (<paramref name="Before"/>, null on a create) and as it is (<paramref name="After"/>, null on a delete).
/// Before and after are the resource as the API shows it (any object JSON can write); the changed fields are computed from them
/// by <see cref="AuditTrail"/>.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset OccurredAt, string Actor, string? Academie, string ResourceType, string ResourceId, string Action, object? Before,
    object? After)
{
    /// <summary>The actor of a change no caller made, the API's own (a webhook subscription disabled after repeated failures).</summary>
    public const string SystemActor = "system";

    /// <summary>The aggregate a part belongs to (a funding line's project), so the aggregate's id finds the part's entries too.</summary>
    public string? ParentId { get; init; }

    /// <summary>Top-level fields holding personal data: shown only to callers with people:read, anonymised on erasure.</summary>
    public IReadOnlyCollection<string> PersonalFields { get; init; } = [];

    /// <summary>Who the personal values belong to (a person id, an e-mail key): what an erasure looks entries up by.</summary>
    public IEnumerable<string> Subjects { get; init; } = [];

    /// <summary>
    /// The changed fields already written (<see cref="AuditChanges.Created"/>: a bulk import's new row, from its columns);
    /// when set, <see cref="Before"/> and <see cref="After"/> are not compared.
    /// </summary>
    public string? Changes { get; init; }

    /// <summary>The <c>subjects</c> column: <c>|a|b|</c>, or null.</summary>
    internal string? SubjectsText()
    {
        var subjects = Subjects.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).ToList();
        return subjects.Count == 0 ? null : $"|{string.Join('|', subjects)}|";
    }
}

/// <summary>
/// The changed fields between two JSON views of a resource, as the <c>changes</c> column stores them: an array of
/// <c>{"field", "before", "after"}</c> (and <c>"personal": true</c> on personal data). Nested objects are compared field by
/// field (<c>canvas.needs</c>); arrays as a whole. Bookkeeping members (id, version, times of creation and change) are left out.
/// </summary>
public static class AuditChanges
{
    private static readonly HashSet<string> Bookkeeping =
        new(["id", "version", "createdAt", "updatedAt", "createdBy", "updatedBy"], StringComparer.Ordinal);

    /// <summary>The resource as JSON, with the API's conventions (camelCase, enums as codes).</summary>
    public static JsonElement? Snapshot(object? resource) =>
        resource switch
        {
            null => null,
            JsonElement element => element,
            _ => JsonSerializer.SerializeToElement(resource, resource.GetType(), ApiJson.Options),
        };

    /// <summary>
    /// The changes of a created resource, written from its fields as <see cref="Between"/> would store them against nothing
    /// before (each non-null value, in field order), without serializing the resource or comparing it: what a bulk import pays
    /// per new row. Values are what the API shows: strings (enums as their codes), numbers, booleans; null when all are null.
    /// </summary>
    public static string? Created(ReadOnlySpan<(string Field, object? Value)> fields, IReadOnlyCollection<string>? personal = null)
    {
        // Called once per imported row: the thread's buffer, writer and field array serve every call.
        var created = CreatedWriter ??= new CreatedBuffers();
        if (created.Fields.Length < fields.Length)
        {
            created.Fields = new (string, object?)[fields.Length];
        }

        var ordered = created.Fields.AsSpan(0, fields.Length);
        fields.CopyTo(ordered);
        ordered.Sort(static (a, b) => string.CompareOrdinal(a.Field, b.Field));
        var buffer = created.Buffer;
        buffer.ResetWrittenCount();
        var writer = created.Writer;
        writer.Reset(buffer);
        var changed = false;
        writer.WriteStartArray();
        foreach (var (field, value) in ordered)
        {
            if (value is null || Bookkeeping.Contains(field))
            {
                continue;
            }

            changed = true;
            writer.WriteStartObject();
            writer.WriteString("field", field);
            writer.WriteNull("before");
            writer.WritePropertyName("after");
            switch (value)
            {
                case string text: writer.WriteStringValue(text); break;
                case double number: writer.WriteNumberValue(number); break;
                case int number: writer.WriteNumberValue(number); break;
                case long number: writer.WriteNumberValue(number); break;
                case decimal number: writer.WriteNumberValue(number); break;
                case bool flag: writer.WriteBooleanValue(flag); break;
                default: throw new ArgumentException($"{field}: a {value.GetType().Name} is not a JSON scalar", nameof(fields));
            }

            if (personal?.Contains(field.Split('.')[0]) == true)
            {
                writer.WriteBoolean("personal", true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.Flush();
        var json = changed ? System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) : null;
        ordered.Clear();
        if (buffer.Capacity > MaxKeptBuffer)
        {
            CreatedWriter = null;
        }

        return json;
    }

    // A buffer grown by a row far larger than usual is not kept.
    private const int MaxKeptBuffer = 1 << 16;

    [ThreadStatic]
    private static CreatedBuffers? CreatedWriter;

    /// <summary>What <see cref="Created"/> reuses on one thread.</summary>
    private sealed class CreatedBuffers
    {
        public (string Field, object? Value)[] Fields { get; set; } = [];

        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Writer { get; }

        public CreatedBuffers() => Writer = new Utf8JsonWriter(Buffer);
    }

    /// <summary>The changes as stored, or null when nothing changed.</summary>
    public static string? Between(JsonElement? before, JsonElement? after, IReadOnlyCollection<string> personal)
    {
        var old = Flatten(before);
        var now = Flatten(after);
        var buffer = new ArrayBufferWriter<byte>(512);
        var changed = false;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var field in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
            {
                var (a, b) = (old.GetValueOrDefault(field), now.GetValueOrDefault(field));
                if (IsNull(a) && IsNull(b) || a.ValueKind != JsonValueKind.Undefined && b.ValueKind != JsonValueKind.Undefined
                    && JsonElement.DeepEquals(a, b))
                {
                    continue;
                }

                changed = true;
                writer.WriteStartObject();
                writer.WriteString("field", field);
                Write(writer, "before", a);
                Write(writer, "after", b);
                if (personal.Contains(field.Split('.')[0]))
                {
                    writer.WriteBoolean("personal", true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return changed ? System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) : null;
    }

    private static bool IsNull(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    private static void Write(Utf8JsonWriter writer, string name, JsonElement value)
    {
        writer.WritePropertyName(name);
        if (IsNull(value))
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }

    private static Dictionary<string, JsonElement> Flatten(JsonElement? resource)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (resource is { ValueKind: JsonValueKind.Object } root)
        {
            Add(fields, root, "");
        }

        return fields;
    }

    private static void Add(Dictionary<string, JsonElement> fields, JsonElement value, string prefix)
    {
        foreach (var member in value.EnumerateObject())
        {
            if (prefix.Length == 0 && Bookkeeping.Contains(member.Name))
            {
                continue;
            }

            var name = prefix + member.Name;
            if (member.Value.ValueKind == JsonValueKind.Object)
            {
                Add(fields, member.Value, name + ".");
            }
            else
            {
                fields[name] = member.Value;
            }
        }
    }
}
