using System.Text.Json.Nodes;

namespace Innovation.Api.Tests.Fuzz;

/// <summary>
/// The schemas of the OpenAPI document, references resolved, and a plausible valid value for each: the
/// example when there is one, else the first enum value, the minimum, a date… Properties that name things
/// the API checks against its data (a school, a person, a project) get the real ones created by the fixture.
/// </summary>
internal sealed class SpecSchemas(JsonNode document, IReadOnlyDictionary<string, string> realIds)
{
    public const string School = "0951099D";

    public JsonObject Resolve(JsonNode? schema)
    {
        var resolved = schema as JsonObject ?? [];
        while (resolved["$ref"] is JsonValue reference)
        {
            resolved = document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]!.AsObject();
        }

        return resolved;
    }

    /// <summary>string, integer, number, boolean, array or object (an enum without a type is a string).</summary>
    public static string TypeOf(JsonObject schema) =>
        schema["type"]?.GetValue<string>() ?? (schema["properties"] is not null ? "object" : "string");

    public static IEnumerable<string> Required(JsonObject schema) =>
        schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [];

    public IEnumerable<(string Name, JsonObject Schema)> Properties(JsonObject schema) =>
        schema["properties"]?.AsObject().Select(p => (p.Key, Resolve(p.Value))) ?? [];

    public JsonNode? Sample(string name, JsonNode? schemaNode, int depth = 0)
    {
        var schema = Resolve(schemaNode);
        var type = TypeOf(schema);
        if (Named(name, type) is { } known)
        {
            return known;
        }

        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[0]!.DeepClone();
        }

        var example = schema["example"];
        return type switch
        {
            "object" => depth > 4 ? new JsonObject() : SampleObject(schema, depth),
            "array" => new JsonArray(Sample(Singular(name), schema["items"], depth + 1)),
            "boolean" => true,
            "integer" or "number" => example is JsonValue v && v.TryGetValue<double>(out _) ? example.DeepClone() : Number(schema),
            _ when example is not null && example is not JsonObject && example is not JsonArray => example.ToString(),
            _ => Text(schema),
        };
    }

    private JsonObject SampleObject(JsonObject schema, int depth)
    {
        var required = Required(schema).ToHashSet();
        var sample = new JsonObject();
        foreach (var (name, property) in Properties(schema))
        {
            // Optional enums and ids too: validators often require what the schema leaves optional (a role, the person it names).
            if (required.Contains(name) || property["example"] is not null || property["enum"] is not null
                || name.EndsWith("Id", StringComparison.Ordinal))
            {
                sample[name] = Sample(name, property, depth + 1);
            }
        }

        return sample;
    }

    private JsonNode? Named(string name, string type)
    {
        var lower = name.ToLowerInvariant();
        return lower switch
        {
            "uai" or "schooluai" when type == "string" => School,
            "schools" or "uais" when type == "array" => new JsonArray(School),
            "academie" when type == "string" => "25",
            "scopes" when type == "array" => new JsonArray("projects:read"),
            "departement" when type == "string" => "095",
            "url" or "website" when type == "string" => "https://example.org/fuzz",
            _ when lower.EndsWith("email", StringComparison.Ordinal) && type == "string" => "fuzz.sample@ac-versailles.fr",
            _ when lower.EndsWith("id", StringComparison.Ordinal) && type == "string" && RealId(lower[..^2]) is { } id => id,
            _ => null,
        };
    }

    private string? RealId(string noun) => noun switch
    {
        "person" or "accompanist" or "author" => realIds.GetValueOrDefault("/api/v1/people"),
        "project" => realIds.GetValueOrDefault("/api/v1/projects"),
        "network" => realIds.GetValueOrDefault("/api/v1/networks"),
        _ => realIds.FirstOrDefault(r => r.Key.EndsWith("/" + noun + "s", StringComparison.Ordinal)).Value,
    };

    private static string Singular(string name) =>
        name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y" : name.EndsWith('s') ? name[..^1] : name;

    private static JsonNode Number(JsonObject schema)
    {
        var minimum = schema["minimum"] is { } min ? double.Parse(min.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 1;
        var maximum = schema["maximum"] is { } max ? double.Parse(max.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 1;
        var value = Math.Min(Math.Max(1, minimum), Math.Max(maximum, minimum));
        return TypeOf(schema) == "integer" ? JsonValue.Create((long)Math.Ceiling(value)) : JsonValue.Create(value);
    }

    private static string Text(JsonObject schema) => schema["format"]?.ToString() switch
    {
        "uuid" => Guid.Empty.ToString(),
        "date" => "2026-09-01",
        "date-time" => "2026-09-01T08:00:00Z",
        _ => new string('a', Math.Max(1, schema["minLength"]?.GetValue<int>() ?? 1)),
    };
}
