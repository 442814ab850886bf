using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Innovation.Api.Tests.SqlServer;
using Json.Schema;

namespace Innovation.Api.Tests.Infrastructure;

/// <summary>
/// The committed OpenAPI document (api-specs/innovation-v1.json, which <c>OpenApiDocument</c> keeps equal to the served one)
/// as a contract a response is checked against: which operation a request is, which responses that operation declares, and
/// the JSON Schema (2020-12, translated from OpenAPI 3.0) of each declared JSON body, built once per operation, status and type.
/// </summary>
internal sealed class OpenApiContract
{
    private const string ComponentsUri = "https://innovation.test/openapi/components";
    private const string ComponentsRef = "#/components/schemas/";

    private static readonly Lazy<OpenApiContract> Committed = new(() =>
        new OpenApiContract(JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "api-specs", "innovation-v1.json")))!));

    private readonly List<(string Method, Regex Path, int Literals, string Template, JsonObject Operation)> _operations;
    private readonly ConcurrentDictionary<(JsonObject Operation, string Status, string MediaType), JsonSchema> _schemas = new();
    private readonly Lock _evaluation = new();

    private OpenApiContract(JsonNode document)
    {
        _operations =
        [
            .. document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
                .Where(m => m.Key is "get" or "post" or "put" or "patch" or "delete" or "head")
                .Select(m => (m.Key.ToUpperInvariant(), Pattern(path.Key), Literals(path.Key), path.Key, m.Value!.AsObject()))),
        ];

        // A path such as /projects/prizes/{year} is preferred to /projects/{id}/plan for the URL both could match.
        _operations.Sort((a, b) => b.Literals.CompareTo(a.Literals));
        var components = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = ComponentsUri,
            ["$defs"] = new JsonObject(document["components"]!["schemas"]!.AsObject()
                .Select(s => KeyValuePair.Create(s.Key, (JsonNode?)Translate(s.Value!)))),
        };
        Options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        Options.SchemaRegistry.Register(JsonSchema.FromText(components.ToJsonString()));
    }

    public static OpenApiContract Instance => Committed.Value;

    private EvaluationOptions Options { get; }

    /// <summary>The operation <paramref name="method"/> <paramref name="path"/> is, or null when the document does not describe it.</summary>
    public (string Name, JsonObject Operation)? Find(string method, string path)
    {
        foreach (var (m, pattern, _, template, operation) in _operations)
        {
            if (m == method && pattern.IsMatch(path))
            {
                return ($"{method} {template}", operation);
            }
        }

        return null;
    }

    /// <summary>The response the operation declares for <paramref name="status"/>: the status itself, its class (4XX), or default.</summary>
    public static (string Key, JsonObject Response)? Response(JsonObject operation, int status)
    {
        var responses = operation["responses"]!.AsObject();
        foreach (var key in new[] { status.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{status / 100}XX", "default" })
        {
            if (responses[key] is JsonObject response)
            {
                return (key, response);
            }
        }

        return null;
    }

    /// <summary>The first error of <paramref name="body"/> against the declared schema, or null when it conforms.</summary>
    public string? FirstError(JsonObject operation, string status, string mediaType, JsonNode? body)
    {
        var schema = _schemas.GetOrAdd((operation, status, mediaType), key =>
        {
            var declared = key.Operation["responses"]![key.Status]!["content"]![key.MediaType]?["schema"];
            var translated = declared is null ? new JsonObject() : Translate(declared).AsObject();
            translated["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            return JsonSchema.FromText(translated.ToJsonString());
        });

        EvaluationResults results;
        lock (_evaluation)
        {
            results = schema.Evaluate(body, Options);
        }

        if (results.IsValid)
        {
            return null;
        }

        var failed = results.Details.FirstOrDefault(d => d.HasErrors) ?? results;
        var errors = failed.Errors is { Count: > 0 } e ? string.Join("; ", e.Select(x => $"{x.Key}: {x.Value}")) : "invalid";
        var instance = failed.InstanceLocation.ToString();
        return $"at '{(instance.Length == 0 ? "/" : instance)}' (schema {failed.EvaluationPath}): {errors}";
    }

    /// <summary>
    /// An OpenAPI 3.0 schema as JSON Schema 2020-12: <c>nullable</c> becomes a "null" type (or a null enum value), references
    /// point into the registered components, and a discriminated <c>oneOf</c> an
    /// <c>anyOf</c> (open object schemas may match several branches, which <c>oneOf</c> would refuse).
    /// </summary>
    private static JsonNode Translate(JsonNode schema)
    {
        if (schema is not JsonObject source)
        {
            return schema.DeepClone();
        }

        var target = new JsonObject();
        foreach (var (key, value) in source)
        {
            switch (key)
            {
                case "nullable" or "example" or "discriminator" or "xml" or "externalDocs":
                    break;
                case "$ref":
                    var reference = value!.GetValue<string>();
                    target[key] = reference.StartsWith(ComponentsRef, StringComparison.Ordinal)
                        ? $"{ComponentsUri}#/$defs/{reference[ComponentsRef.Length..]}"
                        : reference;
                    break;
                case "properties":
                    target[key] = new JsonObject(value!.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Translate(p.Value!))));
                    break;
                case "items" or "additionalProperties" or "not":
                    target[key] = Translate(value!);
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    var name = key == "oneOf" && source.ContainsKey("discriminator") ? "anyOf" : key;
                    target[name] = new JsonArray([.. value!.AsArray().Select(s => Translate(s!))]);
                    break;
                default:
                    target[key] = value?.DeepClone();
                    break;
            }
        }

        if (source["nullable"]?.GetValue<bool>() == true)
        {
            Nullable(target);
        }

        return target;
    }

    private static void Nullable(JsonObject schema)
    {
        if (schema.ContainsKey("$ref") || schema.ContainsKey("allOf") || schema.ContainsKey("oneOf") || schema.ContainsKey("anyOf"))
        {
            // A nullable composition (a nullable reference is allOf [$ref] beside its type): null, or what the rest says.
            var rest = new JsonObject(schema.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            schema.Clear();
            schema["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, rest);
        }
        else if (schema["type"] is JsonValue type)
        {
            schema["type"] = new JsonArray(type.GetValue<string>(), "null");
            if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
            {
                values.Add(null);
            }
        }
    }

    private static Regex Pattern(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^/]+?}", "[^/]+") + "$", RegexOptions.CultureInvariant);

    private static int Literals(string template) => template.Split('/').Count(s => s.Length > 0 && !s.StartsWith('{'));
}
