using System.Text.Json.Nodes;

namespace Innovation.Api.Tests.Fuzz;

/// <summary>One mutated request: what was changed (for the failure message), and what to send.</summary>
/// <param name="Kind">What the mutation is, e.g. <c>null title</c>.</param>
/// <param name="Path">The path, real ids in it unless a bad path value is the mutation.</param>
/// <param name="Query">The query string without '?', or empty.</param>
/// <param name="ContentType">The body's media type (null: no body).</param>
/// <param name="Body">The body as sent.</param>
/// <param name="IfMatch">A malformed If-Match to send instead of the current ETag (null: the current ETag).</param>
internal sealed record FuzzRequest(string Kind, string Path, string Query, string? ContentType, string? Body, string? IfMatch = null);

/// <summary>
/// The mutations of one operation, all derived from its declaration in the document: every required
/// property missing in turn, null for every property and array element, wrong JSON types, boundary and
/// out-of-range numbers, over-long strings, unknown properties, malformed JSON, wrong content types,
/// and bad path, query and header values.
/// </summary>
internal sealed class FuzzVariants(SpecSchemas schemas, Random random)
{
    private static readonly string[] MalformedJson = ["{", "{\"a\":1,}", "[]", "null", "\"text\"", "42", "", "{\"a\":\"\\uZZZZ\"}"];
    // No %00 (Kestrel refuses a NUL in the path before the application; the in-memory server cannot carry it) and no %2e%2e
    // (a dot segment names another resource, whose route may not take this method).
    private static readonly string[] BadPathValues = ["not-an-id", "00000000-0000-0000-0000-000000000000", "-1", "%20"];

    public IEnumerable<FuzzRequest> For(SpecOperation operation, string path)
    {
        foreach (var request in PathValues(operation, path))
        {
            yield return request;
        }

        foreach (var request in QueryValues(operation, path))
        {
            yield return request;
        }

        if (operation.RequiresIfMatch)
        {
            yield return new FuzzRequest("malformed If-Match", path, "", null, null, "not-an-etag");
        }

        foreach (var (mediaType, schema) in operation.RequestBodies)
        {
            foreach (var request in mediaType.Contains("json", StringComparison.Ordinal) && schema is not null
                ? JsonBodies(path, mediaType, schema)
                : TextBodies(path, mediaType))
            {
                yield return request;
            }
        }
    }

    /// <summary>A valid body for the operation, to create the resources that path ids name.</summary>
    public string? ValidBody(SpecOperation operation) =>
        operation.RequestBodies.FirstOrDefault(b => b.MediaType == "application/json").Schema is { } schema
            ? schemas.Sample("", schema)!.ToJsonString()
            : null;

    private IEnumerable<FuzzRequest> PathValues(SpecOperation operation, string path)
    {
        var template = operation.Template.Split('/');
        var real = path.Split('/');
        for (var i = 0; i < template.Length; i++)
        {
            if (!template[i].StartsWith('{'))
            {
                continue;
            }

            foreach (var value in BadPathValues.Append(new string('9', 40)).Append(RandomGuid().ToString()))
            {
                var bad = (string[])real.Clone();
                bad[i] = value;
                yield return new FuzzRequest($"path {template[i]}={Shorten(value)}", string.Join('/', bad), "", null, null);
            }
        }
    }

    private IEnumerable<FuzzRequest> QueryValues(SpecOperation operation, string path)
    {
        yield return new FuzzRequest("unknown query parameter", path, "zzUnknown=1", null, null);
        foreach (var (name, schema) in operation.QueryParameters.Select(p => (p.Name, schemas.Resolve(p.Schema))))
        {
            IEnumerable<string> values = SpecSchemas.TypeOf(schema) switch
            {
                "integer" or "number" => ["abc", "1.5", "-1", "0", "2147483648", "-99999999999999999999", "1e400", Boundary(schema, 1)],
                "boolean" => ["maybe", "2"],
                "array" => ["zz_not_a_value", "%00"],
                _ when schema["enum"] is not null => ["zz_not_a_value", ""],
                _ when schema["format"]?.ToString() is "uuid" or "date" or "date-time" => ["not-a-value", "2026-02-30", ""],
                _ => [new string('x', (schema["maxLength"]?.GetValue<int>() ?? 4000) + 1), "%25%00zz", "'\"<>;--"],
            };
            foreach (var value in values.Where(v => v is not null))
            {
                yield return new FuzzRequest($"query {name}={Shorten(value)}", path, $"{name}={Uri.EscapeDataString(value)}", null, null);
            }

            yield return new FuzzRequest($"query {name} twice", path, $"{name}=1&{name}=2", null, null);
        }
    }

    private static IEnumerable<FuzzRequest> TextBodies(string path, string mediaType)
    {
        yield return new FuzzRequest("empty body", path, "", mediaType, "");
        yield return new FuzzRequest("unterminated quote", path, "", mediaType, "\"unterminated,quote\n1,2,3\n");
        yield return new FuzzRequest("broken json lines", path, "", mediaType, "{\"x\":1}\n[\n{\"uai\":null}\n");
        yield return new FuzzRequest("binary body", path, "", mediaType, "\u0000\u0001\u00ff\ufffd");
        yield return new FuzzRequest("wrong content type", path, "", "application/xml", "<x/>");
    }

    private IEnumerable<FuzzRequest> JsonBodies(string path, string mediaType, JsonNode schemaNode)
    {
        var schema = schemas.Resolve(schemaNode);
        var valid = schemas.Sample("", schema)!;
        var text = valid.ToJsonString();
        FuzzRequest Body(string kind, string body, string type = "") => new(kind, path, "", type == "" ? mediaType : type, body);

        foreach (var malformed in MalformedJson.Append(text[..(text.Length / 2)]))
        {
            yield return Body($"malformed json {Shorten(malformed)}", malformed);
        }

        yield return Body("text/plain", text, "text/plain");
        yield return Body("application/xml", text, "application/xml");
        yield return Body("form content type", "a=1", "application/x-www-form-urlencoded");
        if (valid is not JsonObject)
        {
            yield return Body("wrong type for the body", "{}");
            yield break;
        }

        yield return Body("unknown property", With(text, "zzUnknown", "1"));
        foreach (var request in ObjectMutations(schema, json => With(text, json)))
        {
            yield return Body(request.Kind, request.Body);
        }
    }

    /// <summary>Mutations of one object's properties; <paramref name="place"/> puts the mutated object back in the whole body.</summary>
    private IEnumerable<(string Kind, string Body)> ObjectMutations(
        JsonObject schema, Func<Func<JsonObject, JsonObject>, string> place, string prefix = "")
    {
        foreach (var name in SpecSchemas.Required(schema))
        {
            yield return ($"missing {prefix}{name}", place(o => Without(o, name)));
        }

        foreach (var (name, property) in schemas.Properties(schema))
        {
            var label = prefix + name;
            yield return ($"null {label}", place(o => Set(o, name, null)));
            var type = SpecSchemas.TypeOf(property);
            foreach (var (kind, value) in WrongValues(property, type))
            {
                yield return ($"{kind} {label}", place(o => Set(o, name, value)));
            }

            if (type == "array")
            {
                var items = schemas.Resolve(property["items"]);
                yield return ($"null element in {label}", place(o => Set(o, name, new JsonArray((JsonNode?)null))));
                if (SpecSchemas.TypeOf(items) == "object" && prefix == "")
                {
                    var item = schemas.Sample(name, items, 1)!.AsObject();
                    foreach (var nested in ObjectMutations(items, change => place(o => Set(o, name, new JsonArray(change(Copy(item))))),
                        $"{label}[0]."))
                    {
                        yield return nested;
                    }
                }
            }
            else if (type == "object" && prefix == "" && property["properties"] is not null)
            {
                var inner = schemas.Sample(name, property, 1)!.AsObject();
                foreach (var nested in ObjectMutations(property, change => place(o => Set(o, name, change(Copy(inner)))), $"{label}."))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>Values of the wrong JSON type, out of range, over-long or badly formatted for one property.</summary>
    private static IEnumerable<(string Kind, JsonNode? Value)> WrongValues(JsonObject property, string type)
    {
        switch (type)
        {
            case "string":
                yield return ("number for", 12345);
                yield return ("object for", new JsonObject());
                yield return ("array for", new JsonArray("x"));
                yield return ("over-long", new string('x', (property["maxLength"]?.GetValue<int>() ?? 10_000) + 1));
                yield return ("empty", "");
                yield return ("control characters in", "a\u0000b\u001f");
                if (property["enum"] is not null || property["format"] is not null || property["pattern"] is not null)
                {
                    yield return ("unknown value for", "zz_not_a_value");
                }

                break;
            case "integer" or "number":
                yield return ("string for", "abc");
                yield return ("boolean for", true);
                yield return ("below minimum", Parse(Boundary(property, -1)));
                yield return ("above maximum", Parse(Boundary(property, 1)));
                yield return ("int overflow", Parse("2147483648"));
                yield return ("long overflow", Parse("-99999999999999999999"));
                yield return ("fraction", Parse("1.5"));
                break;
            case "boolean":
                yield return ("string for", "yes");
                yield return ("number for", 1);
                break;
            case "array":
                yield return ("string for", "x");
                yield return ("object for", new JsonObject());
                yield return ("many elements in", JsonNode.Parse("[" + string.Join(",", Enumerable.Repeat("\"x\"", 1001)) + "]"));
                break;
            default:
                yield return ("string for", "x");
                yield return ("array for", new JsonArray());
                break;
        }
    }

    private static string Boundary(JsonObject schema, int side) =>
        (side < 0 ? schema["minimum"] : schema["maximum"]) is { } bound
            ? (decimal.Parse(bound.ToString(), System.Globalization.CultureInfo.InvariantCulture) + side)
                .ToString(System.Globalization.CultureInfo.InvariantCulture)
            : side < 0 ? "-2147483649" : "1e400";

    /// <summary>A JSON number kept as written (1e400 and 20-digit integers included).</summary>
    private static JsonNode Parse(string number) => JsonNode.Parse(number)!;

    private static string With(string body, Func<JsonObject, JsonObject> change) =>
        change(JsonNode.Parse(body)!.AsObject()).ToJsonString();

    private static string With(string body, string name, string rawValue) =>
        body == "{}" ? $"{{\"{name}\":{rawValue}}}" : $"{{\"{name}\":{rawValue},{body[1..]}";

    private static JsonObject Copy(JsonObject value) => JsonNode.Parse(value.ToJsonString())!.AsObject();

    private static JsonObject Without(JsonObject value, string name)
    {
        value.Remove(name);
        return value;
    }

    private static JsonObject Set(JsonObject value, string name, JsonNode? property)
    {
        value[name] = property?.DeepClone();
        return value;
    }

    private Guid RandomGuid()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string Shorten(string value) => value.Length > 24 ? value[..24] + "…" : value;
}
