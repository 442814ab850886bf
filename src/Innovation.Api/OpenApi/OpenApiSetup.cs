using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Validators;
using Innovation.Api.Http;
using Innovation.BuildingBlocks.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Innovation.Api.OpenApi;

/// <summary>
/// The OpenAPI document third parties generate clients from. Besides what Swashbuckle infers, it
/// states every cross-cutting answer (401/403/429/500, 412/428 on conditional writes, 304 on
/// conditional reads), the headers (Idempotency-Key, If-Match, If-None-Match, ETag), the problem
/// <c>code</c>, and the field constraints of the FluentValidation rules (one source of truth).
/// </summary>
internal static partial class OpenApiSetup
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddInnovationOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Innovation API",
                Version = "v1",
                Contact = new OpenApiContact { Name = "The Innovation API team of the académie" },
                Description = "Steering pedagogical innovation in an académie: innovative projects, networks, accompaniment, "
                    + "derogatory experimentations (Code de l'éducation L.314-2) and their evaluation. Errors are RFC 9457 problems "
                    + "with a stable `code`; lists use cursor pagination; updates need `If-Match`; creates accept `Idempotency-Key`.",
            });
            options.AddServer(new OpenApiServer
            {
                Url = "http://localhost:5080",
                Description = "The local development API that `make run` starts; "
                    + "a deployment (staging, production) serves the same paths on its own host.",
            });
            options.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An API key (scoped to one académie or national, and to scopes).",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT with `sub`, `academie` (a code, or `*` for national) and `scope` claims.",
            });
            options.CustomSchemaIds(SchemaId);
            // Amounts are exact decimals (euros), not binary floating point: say so to generated clients.
            options.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            options.MapType<decimal?>(() => new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "decimal" });
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.OperationFilter<ConventionsOperationFilter>();
            options.SchemaFilter<ValidationRulesSchemaFilter>();
            options.SchemaFilter<NullableReferenceSchemaFilter>();
            options.SchemaFilter<StringExampleSchemaFilter>();
            options.ParameterFilter<EnumCodesParameterFilter>();
            options.DocumentFilter<ProblemSchema>();
            options.DocumentFilter<EventFeedSchemas>();
            options.DocumentFilter<ScopeCodesDocumentFilter>();
            options.DocumentFilter<ResponseHeadersDocumentFilter>();
            options.DocumentFilter<ValueLimitsDocumentFilter>();
            options.DocumentFilter<TagDescriptionsDocumentFilter>();
            foreach (var xml in Directory.EnumerateFiles(AppContext.BaseDirectory, "Innovation.*.xml"))
            {
                options.IncludeXmlComments(xml);
            }
        });
        return services;
    }

    /// <summary>
    /// Unique, readable schema names: a nested type with a one-word name carries its container's name without the use case's verb
    /// (<c>GetProjectHistory.Transition</c> → <c>ProjectHistoryTransition</c>); a longer name stands alone (<c>PrizeListEntry</c>).
    /// Swashbuckle refuses two types under one name, so a clash fails <c>make spec</c> and the document test.
    /// </summary>
    private static string SchemaId(Type type)
    {
        var name = type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`')] + "Of" + string.Join("And", type.GetGenericArguments().Select(SchemaId))
            : type.Name;
        return type.DeclaringType is { } outer && !type.IsGenericParameter && name.Count(char.IsUpper) < 2
            ? UseCaseVerb().Replace(outer.Name, "") + name
            : name;
    }

    [GeneratedRegex("^(Get|List|Create|Update|Add|Remove|Delete|Replace|Submit|Import)(?=[A-Z])")]
    private static partial Regex UseCaseVerb();

    private sealed class ConventionsOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            operation.Responses ??= new OpenApiResponses();
            operation.Parameters ??= new List<IOpenApiParameter>();

            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                var scope = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
                operation.Security ??= new List<OpenApiSecurityRequirement>();
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                if (scope is not null)
                {
                    operation.Description = $"{operation.Description}\n\nRequires scope `{scope}`.".Trim();
                }

                AddProblem(operation, context, "401", "No valid credential (missing, unknown or revoked API key, invalid token).");
                AddProblem(operation, context, "403", "The credential lacks the required scope.");
            }
            else
            {
                // Said explicitly, so that a client (and a linter) reads "public" rather than "forgot to say": one empty requirement,
                // which OWASP's read-restricted rule accepts (it flags `security: []`).
                operation.Security = [new OpenApiSecurityRequirement()];
            }

            // What the pipeline answers for any operation, whatever its handler declares: an undeclared query parameter (400),
            // a path value routing cannot match (404), a body over the size limit (413, RequestBodyLimits) or of a media type
            // the operation does not read (415).
            AddIfMissing(operation, context, "400", typeof(HttpValidationProblemDetails));
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path))
            {
                AddIfMissing(operation, context, "404", typeof(ProblemDetails));
            }

            if (operation.RequestBody is not null)
            {
                AddIfMissing(operation, context, "413", typeof(ProblemDetails));
                AddIfMissing(operation, context, "415", typeof(ProblemDetails));
            }
            AddProblem(operation, context, "400", "The request is invalid: an unknown or malformed query parameter, path value or header, "
                + "a malformed body, or a field breaking a rule (`errors` names each one).");
            AddProblem(operation, context, "429", "Rate limit reached; see the Retry-After header.", retryAfter: true);
            AddProblem(operation, context, "500", "Unexpected server error (no details are disclosed; quote traceId).");

            if (metadata.OfType<IdempotentMetadata>().Any())
            {
                operation.Parameters.Add(Header(IdempotencyMiddleware.HeaderName, false,
                    "Makes a retry safe: the first response is replayed for the same key and body (24 h). The same key with another body is a 422; " +
                        "while the first request runs, a 409."));
                AddProblem(operation, context, "409",
                    "Another request with this Idempotency-Key is still running, the resource conflicts with an existing one, or (a replay) "
                        + "the first response named a person since erased (`response_erased`).");
                AddProblem(operation, context, "422", "This Idempotency-Key was used with a different request.");
                ProblemSchema.AddCodes(operation, "409", "idempotency_key_in_use", "response_erased");
                ProblemSchema.AddCodes(operation, "422", "idempotency_key_reused");
            }

            if (metadata.OfType<IfMatchMetadata>().Any())
            {
                operation.Parameters.Add(Header("If-Match", true,
                    "The ETag of the version being changed (from a previous read), e.g. `\"3\"`; the bare `version` (`3`) is accepted too."));
                AddProblem(operation, context, "428", "If-Match is missing.");
                AddProblem(operation, context, "412", "If-Match does not match the current version: read again and re-apply.");
                ProblemSchema.AddCodes(operation, "428", "if_match_required");
                ProblemSchema.AddCodes(operation, "412", "etag_mismatch");
            }

            // Only reads answer 304; a write with ReturnsETag just hands back the new version's ETag.
            if (metadata.OfType<ETagMetadata>().Any() && string.Equals(context.ApiDescription.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase))
            {
                operation.Parameters.Add(Header("If-None-Match", false, "An ETag from a previous read: 304 when unchanged."));
                operation.Responses.TryAdd("304", new OpenApiResponse { Description = "Not modified since the ETag in If-None-Match." });
            }

            foreach (var document in metadata.OfType<AlsoAnswersMetadata>())
            {
                if (operation.Responses.TryGetValue("200", out var ok))
                {
                    ok.Content?.TryAdd(document.ContentType, new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    });
                }
            }

            // Swashbuckle ignores a declared response's description (ProducesResponseTypeMetadata.Description): apply it here.
            foreach (var declared in metadata.OfType<IProducesResponseTypeMetadata>().Where(m => m.Description is not null))
            {
                if (operation.Responses.TryGetValue(declared.StatusCode.ToString(CultureInfo.InvariantCulture), out var response)
                    && response is OpenApiResponse concrete)
                {
                    concrete.Description = declared.Description;
                }
            }

            foreach (var (status, response) in operation.Responses)
            {
                if (!status.StartsWith('2') || response is not OpenApiResponse concrete)
                {
                    continue;
                }

                if (metadata.OfType<ETagMetadata>().Any())
                {
                    AddHeader(concrete, "ETag", "Strong ETag of the returned version; send it in If-Match to update.");
                }

                if (status == "201")
                {
                    AddHeader(concrete, "Location", "The created resource's URL.");
                }

                if (metadata.OfType<IdempotentMetadata>().Any())
                {
                    AddHeader(concrete, IdempotencyMiddleware.ReplayedHeader,
                        "`true` when this is the stored answer to an earlier request with the same Idempotency-Key.");
                }
            }

            foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
            {
                ParameterDescriptions.Complete(parameter, context.ApiDescription.RelativePath ?? "");
            }
        }

        private static void AddHeader(OpenApiResponse response, string name, string description)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers.TryAdd(name,
                new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
        }

        private static OpenApiParameter Header(string name, bool required, string description) => new()
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = required,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = name == IdempotencyMiddleware.HeaderName ? 255 : null },
        };

        private static void AddIfMissing(OpenApiOperation operation, OperationFilterContext context, string status, Type problem) =>
            operation.Responses!.TryAdd(status, new OpenApiResponse
            {
                Description = ReasonPhrase(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = context.SchemaGenerator.GenerateSchema(problem, context.SchemaRepository) },
                },
            });

        private static void AddProblem(OpenApiOperation operation, OperationFilterContext context, string status, string description,
            bool retryAfter = false)
        {
            if (operation.Responses!.TryGetValue(status, out var existing))
            {
                if (existing is OpenApiResponse declared && (string.IsNullOrEmpty(declared.Description)
                    || declared.Description == ReasonPhrase(status)))
                {
                    declared.Description = description;
                }

                return;
            }

            var response = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new()
                    {
                        Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository),
                    },
                },
            };
            if (retryAfter)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    // RateLimit-Policy, the bucket that refused, is declared on every response (ResponseHeadersDocumentFilter).
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before retrying.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    },
                };
            }

            operation.Responses[status] = response;
        }

        private static string ReasonPhrase(string status) =>
            Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(int.Parse(status, CultureInfo.InvariantCulture));
    }

    /// <summary>Lists the allowed codes of an enum-valued query parameter.</summary>
    private sealed class EnumCodesParameterFilter : IParameterFilter
    {
        public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
        {
            var attribute = context.PropertyInfo?.GetCustomAttributes(typeof(EnumCodesAttribute), true).OfType<EnumCodesAttribute>().FirstOrDefault()
                ?? context.ParameterInfo?.GetCustomAttributes(typeof(EnumCodesAttribute), true).OfType<EnumCodesAttribute>().FirstOrDefault()
                ?? context.PropertyInfo?.DeclaringType?.GetConstructors().SelectMany(c => c.GetParameters())
                    .FirstOrDefault(p => p.Name == context.PropertyInfo.Name)?.GetCustomAttributes(typeof(EnumCodesAttribute), true)
                    .OfType<EnumCodesAttribute>().FirstOrDefault();
            if (attribute is not null && parameter.Schema is OpenApiSchema schema)
            {
                schema.Enum = attribute.Codes.Select(c => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(c)!).ToList();
            }
        }
    }

    /// <summary>
    /// An XML <c>example="25"</c> on a nullable string (an académie code, a postcode) is read as the number 25; a client sending it
    /// gets a 400. The example of a string is written as a string.
    /// </summary>
    private sealed class StringExampleSchemaFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            foreach (var property in (schema as OpenApiSchema)?.Properties?.Values.OfType<OpenApiSchema>() ?? [])
            {
                if (property.Type?.HasFlag(JsonSchemaType.String) == true && property.Example is System.Text.Json.Nodes.JsonValue value
                    && value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    property.Example = System.Text.Json.Nodes.JsonValue.Create(value.ToJsonString());
                }
            }
        }
    }

    /// <summary>Publishes each FluentValidation rule of a body type as a schema constraint.</summary>
    private sealed class ValidationRulesSchemaFilter(IServiceProvider services) : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema concrete || concrete.Properties is null)
            {
                return;
            }

            using var scope = services.CreateScope();
            if (scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(context.Type)) is IValidator validator)
            {
                Describe(concrete, validator, context.SchemaRepository);
            }

            // A use case's validator often checks its body through the command (RuleFor(c => c.Body.Title)): those rules too.
            Describe(concrete, BodyRules.Of(context.Type, services), context.SchemaRepository);
        }

        /// <summary>
        /// Writes <paramref name="validator"/>'s rules into <paramref name="concrete"/>, and the rules of its nested validators
        /// (<c>ChildRules</c>, <c>SetValidator</c>) into the schemas its properties and array items refer to.
        /// </summary>
        private static void Describe(OpenApiSchema concrete, IValidator validator, SchemaRepository repository) =>
            Describe(concrete, validator.CreateDescriptor().Rules.Where(r => r.PropertyName is not null)
                .Select(r => (JsonNamingPolicy.CamelCase.ConvertName(r.PropertyName), r)), repository);

        /// <summary>Writes <paramref name="rules"/>, each named by the schema property it checks, into <paramref name="concrete"/>.</summary>
        private static void Describe(OpenApiSchema concrete, IEnumerable<(string Name, IValidationRule Rule)> rules, SchemaRepository repository)
        {
            foreach (var rulesOfMember in rules.GroupBy(r => r.Name, r => r.Rule))
            {
                var name = rulesOfMember.Key;
                if (concrete.Properties?.TryGetValue(name, out var property) != true)
                {
                    continue;
                }

                var member = rulesOfMember.SelectMany(r => r.Components.Select(c => (Validator: c.Validator, Options: c, Rule: r))).ToList();
                // RuleForEach's components constrain each element (items), not the array: they never make the array required.
                var elementRules = rulesOfMember.Where(IsForEach).SelectMany(r => r.Components).ToHashSet();
                var ownRules = member.Where(m => !elementRules.Contains(m.Options)).ToList();
                var required = ownRules.Any(m => m.Validator is INotNullValidator or INotEmptyValidator && !m.Options.HasCondition
                    && !m.Options.HasAsyncCondition && !m.Rule.HasCondition && !m.Rule.HasAsyncCondition);
                if (required)
                {
                    concrete.Required ??= new HashSet<string>();
                    concrete.Required.Add(name);
                }

                foreach (var (rule, options, _) in member.Where(m => m.Validator is IChildValidatorAdaptor))
                {
                    var nested = elementRules.Contains(options) ? (property as OpenApiSchema)?.Items ?? property : property;
                    if (nested is OpenApiSchemaReference { Reference.Id: { } id } && repository.Schemas.TryGetValue(id, out var referred)
                        && referred is OpenApiSchema { Properties: not null } nestedSchema && NestedValidator(rule) is { } child)
                    {
                        Describe(nestedSchema, child, repository);
                    }
                }

                // A $ref (an enum, a nested object) carries no constraints of its own here.
                if (property is not OpenApiSchema target)
                {
                    continue;
                }

                if (required && target.Type is { } type)
                {
                    target.Type = type & ~JsonSchemaType.Null;
                }

                if (target.Type?.HasFlag(JsonSchemaType.Array) == true)
                {
                    ownRules.ForEach(rule => ConstrainCount(target, rule.Validator));
                    foreach (var (rule, options, _) in member.Where(m => elementRules.Contains(m.Options) && target.Items is OpenApiSchema))
                    {
                        var items = (OpenApiSchema)target.Items!;
                        if (rule is INotNullValidator or INotEmptyValidator && !options.HasCondition && items.Type is { } itemType)
                        {
                            items.Type = itemType & ~JsonSchemaType.Null;
                        }

                        Constrain(items, rule);
                    }

                    continue;
                }

                ownRules.ForEach(rule => Constrain(target, rule.Validator));
            }
        }

        // ChildRules and SetValidator(instance) keep their validator in the adaptor (a validator chosen per value keeps none).
        private static IValidator? NestedValidator(IPropertyValidator adaptor) =>
            adaptor.GetType().GetField("_validator", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
                ?.GetValue(adaptor) as IValidator;

        private static bool IsForEach(IValidationRule rule) =>
            rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

        /// <summary>An array's own rules bound its number of elements (<c>RuleFor(p => p.Schools!.Count)</c>, NotEmpty).</summary>
        private static void ConstrainCount(OpenApiSchema array, IPropertyValidator rule)
        {
            if (rule is INotEmptyValidator)
            {
                array.MinItems ??= 1;
            }

            foreach (var (lower, value) in Bounds(rule))
            {
                if (lower)
                {
                    array.MinItems = Count(value);
                }
                else
                {
                    array.MaxItems = Count(value);
                }
            }
        }

        private static void Constrain(OpenApiSchema target, IPropertyValidator rule)
        {
            switch (rule)
            {
                case INotEmptyValidator when target.Type?.HasFlag(JsonSchemaType.String) == true:
                    target.MinLength ??= 1;
                    break;
                case ILengthValidator length:
                    if (length.Min > 0)
                    {
                        target.MinLength = length.Min;
                    }

                    if (length.Max is > 0 and < int.MaxValue)
                    {
                        target.MaxLength = length.Max;
                    }

                    break;
                case IRegularExpressionValidator regex:
                    target.Pattern = regex.Expression;
                    break;
            }

            foreach (var (lower, value) in Bounds(rule))
            {
                if (lower)
                {
                    target.Minimum = Number(value);
                }
                else
                {
                    target.Maximum = Number(value);
                }
            }
        }

        /// <summary>The bounds a rule states, of a number or of a count: Between both, <c>&gt;=</c> the lower, <c>&lt;=</c> the upper.</summary>
        private static (bool Lower, object? Value)[] Bounds(IPropertyValidator rule) => rule switch
        {
            IBetweenValidator between => [(true, between.From), (false, between.To)],
            IComparisonValidator { Comparison: Comparison.GreaterThanOrEqual } min => [(true, min.ValueToCompare)],
            IComparisonValidator { Comparison: Comparison.LessThanOrEqual } max => [(false, max.ValueToCompare)],
            _ => [],
        };

        private static int? Count(object? value) => value is int count ? count : null;

        private static string? Number(object? value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
    }
}
