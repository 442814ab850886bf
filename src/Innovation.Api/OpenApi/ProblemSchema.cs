using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Innovation.Api.Http;
using Innovation.BuildingBlocks.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Innovation.Api.OpenApi;

/// <summary>
/// One typed <c>Problem</c> schema for every error response: <c>code</c> is the <c>ProblemCode</c> enum (from
/// <see cref="ProblemCatalogue"/>), and the extension members handlers add are declared with the codes that carry them. Each
/// error response lists in <c>x-problem-codes</c> the codes it can carry: its status's generic code, and the codes of that
/// status the operation's or response's description names (written as <c>`code`</c>); the enum is the complete list.
/// </summary>
internal sealed partial class ProblemSchema : IDocumentFilter
{
    public const string SchemaName = "Problem";
    public const string CodeSchemaName = "ProblemCode";
    private const string CodesExtension = "x-problem-codes";

    // A status is a stable code (the longest today: enteredInSchoolProject).
    private const int StatusLength = 40;
    private static readonly string[] Replaced = ["ProblemDetails", "HttpValidationProblemDetails"];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components!.Schemas!;
        schemas[CodeSchemaName] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Every stable error code of the API (French labels: `GET /api/v1/reference/ProblemCode`). A client should treat an "
                + "unknown code by its HTTP status: a later version may add codes.",
            Enum = [.. ProblemCatalogue.All.Select(e => (JsonNode)JsonValue.Create(e.Code))],
        };
        schemas[SchemaName] = Problem(document, schemas.ContainsKey("ImportError"), schemas.ContainsKey("ImportMode"));

        foreach (var (_, item) in document.Paths)
        {
            foreach (var (_, operation) in item.Operations ?? [])
            {
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (response is OpenApiResponse concrete && status.Length == 3 && status[0] is '4' or '5' && IsProblem(concrete))
                    {
                        Type(concrete, status, operation, document);
                    }
                }
            }
        }

        foreach (var name in Replaced)
        {
            schemas.Remove(name);
        }
    }

    /// <summary>
    /// Codes a cross-cutting convention adds to a response whatever its description says (If-Match, Idempotency-Key): kept in
    /// <c>x-problem-codes</c> until <see cref="Apply"/> completes the list.
    /// </summary>
    public static void AddCodes(OpenApiOperation operation, string status, params string[] codes)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse concrete)
        {
            concrete.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            var known = concrete.Extensions.TryGetValue(CodesExtension, out var e) && e is JsonNodeExtension { Node: JsonArray list }
                ? list
                : [];
            concrete.Extensions[CodesExtension] = new JsonNodeExtension(new JsonArray([
                .. known.Select(n => n!.GetValue<string>()).Concat(codes).Distinct(StringComparer.Ordinal)
                    .Select(c => (JsonNode)JsonValue.Create(c))]));
        }
    }

    /// <summary>Every error response is a problem; one declared with another body would be left as it is.</summary>
    private static bool IsProblem(OpenApiResponse response) =>
        response.Content is null
        || response.Content.Values.All(m => m.Schema is OpenApiSchemaReference { Reference.Id: { } id } && Replaced.Contains(id));

    /// <summary>An error response's content becomes the Problem, with its codes and an example of each.</summary>
    private static void Type(OpenApiResponse response, string status, OpenApiOperation operation, OpenApiDocument document)
    {
        var code = int.Parse(status, CultureInfo.InvariantCulture);
        response.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        var added = response.Extensions.TryGetValue(CodesExtension, out var e) && e is JsonNodeExtension { Node: JsonArray list }
            ? list.Select(n => n!.GetValue<string>()).ToList()
            : [];
        var codes = CodesOf(code, $"{operation.Description}\n{response.Description}", added);
        response.Extensions[CodesExtension] = new JsonNodeExtension(new JsonArray([.. codes.Select(c => (JsonNode)JsonValue.Create(c))]));
        var media = new OpenApiMediaType
        {
            Schema = new OpenApiSchemaReference(SchemaName, document),
            Examples = codes.ToDictionary(c => c, c => (IOpenApiExample)new OpenApiExampleReference(ExampleOf(c, document), document)),
        };
        response.Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = media };
    }

    /// <summary>The shared example of a problem with <paramref name="code"/> (its id in the document's examples).</summary>
    private static string ExampleOf(string code, OpenApiDocument document)
    {
        var id = $"problem_{code}";
        document.Components!.Examples ??= new Dictionary<string, IOpenApiExample>();
        if (!document.Components.Examples.ContainsKey(id))
        {
            var entry = ProblemCatalogue.All.Single(e => e.Code == code);
            var status = entry.Status != 0 ? entry.Status : code == "server_error" ? 502 : 400;
            document.Components.Examples[id] = new OpenApiExample
            {
                Summary = $"{code}: {entry.Label}",
                Value = new JsonObject
                {
                    ["title"] = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
                    ["status"] = status,
                    ["code"] = code,
                    ["traceId"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00",
                },
            };
        }

        return id;
    }

    /// <summary>The codes a response of <paramref name="status"/> can carry, the most specific named first.</summary>
    internal static IReadOnlyList<string> CodesOf(int status, string descriptions, IEnumerable<string> added)
    {
        var named = CodeInBackticks().Matches(descriptions).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var codes = ProblemCatalogue.All.Where(e => e.Status == status && named.Contains(e.Code)).Select(e => e.Code).Concat(added).ToList();
        if (status == StatusCodes.Status400BadRequest)
        {
            codes.Insert(0, ProblemCodes.ValidationFailed);
        }

        codes.Add(ProblemCodes.ForStatus(status));
        return [.. codes.Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex("`([a-z]+(?:_[a-z]+)*)`")]
    private static partial Regex CodeInBackticks();

    private static OpenApiSchema Problem(OpenApiDocument document, bool importError, bool importMode)
    {
        static OpenApiSchema Text(string description, string? format = null, int? maxLength = null) =>
            new() { Type = JsonSchemaType.String, Format = format, Description = description, MaxLength = maxLength };
        static OpenApiSchema Count(string description) => new() { Type = JsonSchemaType.Integer, Format = "int32", Description = description };
        var fieldErrors = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Each invalid field (a JSON path such as `team[0].email`, or `$` for the body) with its messages.",
            AdditionalProperties = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = ProblemExceptionHandler.MessageLength },
            },
        };
        IOpenApiSchema importErrors = importError
            ? new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "`import_rejected`: the rejected rows.",
                Items = new OpenApiSchemaReference("ImportError", document),
            }
            : new OpenApiSchema { Type = JsonSchemaType.Array, Description = "`import_rejected`: the rejected rows." };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem (`application/problem+json`). `code` says what happened; the other members below are present "
                + "only with the codes their descriptions name. More members may be added: a client ignores those it does not know.",
            Required = new HashSet<string> { "code", "status" },
            AdditionalPropertiesAllowed = true,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("A URI reference naming the problem type (the HTTP status's RFC section).", "uri-reference"),
                ["title"] = Text("A short summary of the problem type."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
                ["detail"] = Text("What went wrong for this request, in English."),
                ["instance"] = Text("The request path."),
                ["code"] = new OpenApiSchemaReference(CodeSchemaName, document),
                ["traceId"] = Text("The request's W3C trace id: quote it when reporting an error.", maxLength: 55),
                ["errors"] = new OpenApiSchema
                {
                    Description = "`validation_failed`, `canvas_incomplete`, `duration_too_long`, `school_outside_project`, "
                        + "`person_not_in_directory`: each invalid field with its messages; `import_rejected`: the rejected rows.",
                    OneOf = [fieldErrors, importErrors],
                },
                ["currentStatus"] = Text("`invalid_transition`, `project_locked`, `not_valorisable`, `families_not_informed`, "
                    + "`final_report_missing`, `renewal_exhausted`: the resource's current status.", maxLength: StatusLength),
                ["allowedActions"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String },
                    Description = "`invalid_transition`, `project_locked` (projects and experimentations): the actions its status allows.",
                },
                ["missing"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "`canvas_incomplete`: the canvas items to fill (names); `dossier_incomplete`: each missing or invalid part of "
                        + "the dossier (code and French label, as `GET …/checklist`).",
                    Items = new OpenApiSchema
                    {
                        OneOf =
                        [
                            new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 },
                            new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object, Required = new HashSet<string> { "code", "label" },
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["code"] = Text("The part's code."), ["label"] = Text("Its French label."),
                                },
                            },
                        ],
                    },
                },
                ["label"] = Text("`duration_too_long`, `school_outside_project`, `person_not_in_directory`: the rule broken, in French."),
                ["maxYears"] = Count("`duration_too_long`: the most school years allowed (5)."),
                ["currentETag"] = Text("`etag_mismatch` (412): the current version's ETag, when known.", maxLength: 12),
                ["projectId"] = Text("`external_reference_exists`: the project that has this reference.", "uuid"),
                ["resourceId"] = Text("`resource_exists`: the resource already in the bank.", "uuid"),
                ["measurementId"] = Text("`measurement_exists`: the measurement already recorded.", "uuid"),
                ["indicatorId"] = Text("`indicator_exists`: the indicator that has this code.", "uuid"),
                ["projectStatus"] = Text("`project_locked`, `project_not_eligible`: the project's status.", maxLength: StatusLength),
                ["planStatus"] = Text("`plan_closed`, `invalid_transition` (accompaniment plans): the plan's status.", maxLength: StatusLength),
                ["campaignStatus"] = Text("`campaign_not_open`, `campaign_closed`, `invalid_transition` (campaigns): the campaign's status.",
                    maxLength: StatusLength),
                ["measurementStatus"] = Text("`invalid_transition` (measurements): the measurement's status.", maxLength: StatusLength),
                ["opensOn"] = Text("`outside_campaign_dates`: the campaign's first day.", "date"),
                ["closesOn"] = Text("`outside_campaign_dates`: the campaign's last day.", "date"),
                ["submittedAt"] = Text("`review_already_submitted`: when the review was submitted.", "date-time"),
                ["newEdition"] = Text("`questionnaire_answered`: where to create a new edition instead.", "uri-reference", 200),
                ["issue"] = Text("`already_featured`: the gazette issue (YYYY-MM)."),
                ["dryRun"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "`import_rejected`: whether nothing was written." },
                ["mode"] = importMode ? new OpenApiSchemaReference("ImportMode", document) : Text("`import_rejected`: atomic or partial."),
                ["created"] = Count("`import_rejected`: rows that are (or would be) new."),
                ["updated"] = Count("`import_rejected`: rows that change an existing entry."),
                ["unchanged"] = Count("`import_rejected`: rows identical to the existing entry."),
                ["rejected"] = Count("`import_rejected`: rows rejected."),
                ["errorsTruncated"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Boolean, Description = "`import_rejected`: present and true when `errors` was cut short.",
                },
                ["ignoredColumns"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String },
                    Description = "`import_rejected`: the file's columns the import does not read.",
                },
            },
        };
    }
}
