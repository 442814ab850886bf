using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Innovation.BuildingBlocks.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Innovation.Api.OpenApi;

/// <summary>
/// The bound of every value of the document (OWASP API4, unrestricted resource consumption; ADR 0030), written after every
/// other filter and only where none is declared yet: an integer's format and range, a text's longest length, a list's most
/// items. A bound comes from what the server enforces or what is true by construction, never from a guess:
/// <list type="bullet">
/// <item>a validator's limit (ValidationRulesSchemaFilter already wrote it on request fields; a response field of the same name
/// echoes such a validated value);</item>
/// <item>else the SQL Server column of the same name (snake_case), read from the migrations: a stored text cannot be longer
/// than its column, and ColumnLengthTests keep every validator within its column;</item>
/// <item>a format's own length (a uuid, a date, a date-time as System.Text.Json writes it), a page's size (<see cref="Cursor.MaxLimit"/>),
/// an int32's range, the request line Kestrel accepts for a query or path value.</item>
/// </list>
/// </summary>
internal sealed partial class ValueLimitsDocumentFilter : IDocumentFilter
{
    /// <summary>Kestrel's request line limit (MaxRequestLineSize, 8 KiB): no query or path value can be longer.</summary>
    private const int RequestLineBytes = 8 * 1024;

    /// <summary>An opaque cursor: the base64url of a key (an id, a sequence number, a UAI, a score and an id).</summary>
    private const int CursorLength = 256;

    /// <summary>Response fields that echo a validated or stored field under another name.</summary>
    private static readonly Dictionary<string, string> Echoes = new(StringComparer.Ordinal)
    {
        ["criterion"] = "code", ["question"] = "code", ["indicator"] = "code", ["indicatorCode"] = "code", ["choice"] = "choices",
        ["phase"] = "key", ["projectTitle"] = "title", ["schoolName"] = "name", ["lastPeriod"] = "period", ["allowedAction"] = "action",
        ["guideSection"] = "section",
        // `all`, an accompaniment type or a département code: each stored in a `type` or `departement` column.
        ["group"] = "type",
    };

    /// <summary>Texts bounded by construction: a module's name (the longest is `experimentation`), a problem's request path.</summary>
    private static readonly Dictionary<string, int> Constructed = new(StringComparer.Ordinal)
    {
        ["module"] = "experimentation".Length, ["instance"] = RequestLineBytes,
    };

    /// <summary>Integers that may be negative: a progression is the last rank minus the first.</summary>
    private static readonly HashSet<string> Signed = new(StringComparer.Ordinal) { "change" };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas?.Values.OfType<OpenApiSchema>().ToList() ?? [];
        var bounds = new Bounds(
            ColumnLengths.Value, Validated(schemas, s => s.MaxLength ?? PatternLength(s.Pattern)), Validated(schemas, s => s.MaxItems));
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in schemas)
        {
            Walk(schema, null, null, bounds, seen);
        }

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.Schema is OpenApiSchema schema)
                {
                    Parameter(schema, parameter);
                    Walk(schema, parameter.Name, null, bounds, seen);
                }
            }

            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                if (media.Schema is OpenApiSchema { Type: JsonSchemaType.String } file)
                {
                    // A whole body as text (an import's CSV or NDJSON file): bounded by the import body limit (Http:MaxImportBodyBytes, 2 GiB).
                    file.MaxLength ??= int.MaxValue;
                }

                Walk(media.Schema, null, null, bounds, seen);
            }

            foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
            {
                foreach (var media in response.Content?.Values ?? [])
                {
                    Walk(media.Schema, null, null, bounds, seen);
                }
            }
        }
    }

    private sealed record Bounds(IReadOnlyDictionary<string, int?> Columns, Dictionary<string, int> Lengths, Dictionary<string, int> Counts);

    /// <summary>The validators' limits by property name, as ValidationRulesSchemaFilter wrote them (before this filter adds any).</summary>
    private static Dictionary<string, int> Validated(List<OpenApiSchema> schemas, Func<OpenApiSchema, int?> limit)
    {
        var limits = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, property) in schemas.SelectMany(s => s.Properties ?? new Dictionary<string, IOpenApiSchema>()))
        {
            // A nullable reference (allOf [$ref]) carries its enum's own length, not a validator's limit.
            var value = property is OpenApiSchema { AllOf: null or { Count: 0 } } own
                ? limit(own) ?? (own.Items is OpenApiSchema items ? limit(items) : null)
                : null;
            if (value is { } found)
            {
                limits[name] = Math.Max(found, limits.GetValueOrDefault(name));
            }
        }

        return limits;
    }

    /// <summary>A query or path value: its format's length, else the request line's (a header parameter is described where added).</summary>
    private static void Parameter(OpenApiSchema schema, OpenApiParameter parameter)
    {
        // A page size an endpoint describes itself ("1–200", the map's "1–5000"; Limit.Resolve refuses anything else).
        if (parameter is { In: ParameterLocation.Query, Name: "limit" } && schema.Minimum is null && schema.Maximum is null)
        {
            schema.Minimum = "1";
            schema.Maximum = LimitRange().Match(parameter.Description ?? "") is { Success: true } range
                ? range.Groups["max"].Value
                : Cursor.MaxLimit.ToString(CultureInfo.InvariantCulture);
        }

        if (parameter.In is ParameterLocation.Query or ParameterLocation.Path && IsText(schema) && parameter.Name is not ("cursor" or "after"))
        {
            schema.MaxLength ??= FormatLength(schema.Format) ?? RequestLineBytes;
        }
    }

    private static void Walk(IOpenApiSchema? candidate, string? name, OpenApiSchema? parent, Bounds bounds, HashSet<OpenApiSchema> seen)
    {
        if (candidate is not OpenApiSchema schema || !seen.Add(schema))
        {
            return;
        }

        if (schema.Type == JsonSchemaType.Null)
        {
            // Any JSON value (an audited field's value, a step's details): OAS 3.0 cannot write `nullable` without a type.
            schema.Type = null;
        }

        if (schema.Type?.HasFlag(JsonSchemaType.Integer) == true)
        {
            Integer(schema, name);
        }

        if (IsText(schema))
        {
            Text(schema, name, bounds);
        }

        if (schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.MaxItems is null)
        {
            // A page holds at most Cursor.MaxLimit items (Limit.Resolve refuses a larger limit).
            schema.MaxItems = name == "items" && parent?.Properties?.ContainsKey("nextCursor") == true ? Cursor.MaxLimit
                : name is not null && bounds.Counts.TryGetValue(name, out var count) ? count
                : null;
        }

        Walk(schema.Items, name, parent, bounds, seen);
        foreach (var (property, value) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            Walk(value, property, schema, bounds, seen);
        }

        foreach (var part in (schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []))
        {
            Walk(part, name, parent, bounds, seen);
        }

        Walk(schema.AdditionalProperties, name, parent, bounds, seen);
    }

    private static bool IsText(OpenApiSchema schema) => schema.Type?.HasFlag(JsonSchemaType.String) == true;

    private static void Integer(OpenApiSchema schema, string? name)
    {
        schema.Format ??= "int32";
        var wide = schema.Format == "int64";
        if (name is "status" or "statusCode")
        {
            // An HTTP status code.
            schema.Minimum ??= "100";
            schema.Maximum ??= "599";
        }

        schema.Minimum ??= name is not null && Signed.Contains(name)
            ? (wide ? long.MinValue : int.MinValue).ToString(CultureInfo.InvariantCulture)
            : "0";
        schema.Maximum ??= (wide ? long.MaxValue : int.MaxValue).ToString(CultureInfo.InvariantCulture);
    }

    private static void Text(OpenApiSchema schema, string? name, Bounds bounds)
    {
        if (schema.MaxLength is not null || schema.Enum is { Count: > 0 } || schema.Const is not null || schema.Format == "binary")
        {
            return;
        }

        if (name is "nextCursor" or "cursor" or "after")
        {
            schema.MaxLength = CursorLength;
            schema.Pattern ??= "^[A-Za-z0-9_-]+$";
            return;
        }

        schema.MaxLength = FormatLength(schema.Format) ?? PatternLength(schema.Pattern) ?? Named(name, bounds)
            ?? (name is { Length: > 1 } && name.EndsWith('s') ? Named(name[..^1], bounds) : null);
    }

    /// <summary>What the validators, then the columns, allow a field of this name (or of the field it echoes).</summary>
    private static int? Named(string? name, Bounds bounds)
    {
        if (name is null)
        {
            return null;
        }

        name = Echoes.GetValueOrDefault(name, name);
        return Constructed.TryGetValue(name, out var constructed) ? constructed
            : bounds.Lengths.TryGetValue(name, out var validated) ? validated
            : bounds.Columns.TryGetValue(Column(name), out var column) ? column
            : null;
    }

    /// <summary>
    /// The longest text an anchored pattern of fixed-size parts matches (<c>^[0-9]{7}[A-Za-z]$</c>: 8); null for any alternative,
    /// group or unbounded repetition.
    /// </summary>
    private static int? PatternLength(string? pattern)
    {
        if (pattern is null || !pattern.StartsWith('^') || !pattern.EndsWith('$'))
        {
            return null;
        }

        var length = 0;
        foreach (Match part in PatternPart().Matches(pattern[1..^1]))
        {
            if (!part.Success)
            {
                return null;
            }

            length += part.Groups["max"].Success ? int.Parse(part.Groups["max"].Value, CultureInfo.InvariantCulture)
                : part.Groups["exact"].Success ? int.Parse(part.Groups["exact"].Value, CultureInfo.InvariantCulture)
                : 1;
        }

        // Every character must belong to a part: anything else (|, (, *, +) leaves the length unknown.
        return PatternPart().Replace(pattern[1..^1], "").Length == 0 ? length : null;
    }

    [GeneratedRegex(@"(?:\\[^\\]|\[(?:\\.|[^\]\\])+\]|[^\\\[\](){}|*+?.^$])(?:\{(?:(?<exact>\d+)|\d+,(?<max>\d+))\}|\?)?")]
    private static partial Regex PatternPart();

    /// <summary>The longest text of a format: a uuid, a date, a date-time as System.Text.Json writes it (7 fraction digits, an offset).</summary>
    private static int? FormatLength(string? format) => format switch
    {
        "uuid" => 36,
        "date" => 10,
        "date-time" => 33,
        "email" => 254,
        _ => null,
    };

    private static string Column(string property) => SnakeCase().Replace(property, m => "_" + m.Value.ToLowerInvariant());

    [GeneratedRegex(@"\b1\s*(?:–|to)\s*(?<max>\d+)")]
    private static partial Regex LimitRange();

    [GeneratedRegex("[A-Z]")]
    private static partial Regex SnakeCase();

    /// <summary>
    /// The length of each text column of the SQL Server migrations, by column name over every table; a name with a MAX column
    /// anywhere, or with none, has no bound here. When tables differ (<c>name</c> NVARCHAR(100) and (200)), the longest holds.
    /// </summary>
    private static readonly Lazy<IReadOnlyDictionary<string, int?>> ColumnLengths = new(() =>
    {
        var lengths = new Dictionary<string, int?>(StringComparer.Ordinal);
        var assemblies = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Innovation.", StringComparison.Ordinal) == true);
        foreach (var sql in assemblies.SelectMany(Migrations))
        {
            foreach (Match match in TextColumn().Matches(sql))
            {
                var column = match.Groups["name"].Value.ToLowerInvariant();
                int? length = match.Groups["length"].Value.Equals("MAX", StringComparison.OrdinalIgnoreCase)
                    ? null
                    : int.Parse(match.Groups["length"].Value, CultureInfo.InvariantCulture);
                lengths[column] = !lengths.TryGetValue(column, out var known) ? length
                    : known is null || length is null ? null
                    : Math.Max(known.Value, length.Value);
            }
        }

        return lengths.Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value);
    });

    private static IEnumerable<string> Migrations(Assembly assembly)
    {
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith("migrations/sqlserver/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return reader.ReadToEnd();
        }
    }

    [GeneratedRegex(@"\[?(?<name>[a-z_][a-z0-9_]*)\]?\s+N?(?:VAR)?CHAR\s*\(\s*(?<length>\d+|MAX)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex TextColumn();
}
