using System.Text.Json.Nodes;
using Innovation.Api.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Innovation.Api.OpenApi;

/// <summary>
/// The headers every answer carries, declared on every response (ADR 0030): the rate limit fields (RateLimitHeaders writes them
/// on every answer of a limited operation, errors included; the health probes, the only unlimited endpoints, are not in the
/// document) and <c>Access-Control-Allow-Origin</c> (the CORS policy answers an origin of <c>Http:CorsOrigins</c> on any
/// answer). Also the exact shape of each header's value, the server's audience, how tokens are validated, and the operations
/// that need no credential. Each response header is declared once in <c>components/headers</c> and referred to from every response
/// that carries it: written inline, the three headers of every answer were most of the document.
/// </summary>
internal sealed class ResponseHeadersDocumentFilter : IDocumentFilter
{
    /// <summary>The longest origin: a scheme, <c>://</c>, a host name (253) and a port.</summary>
    private const int OriginLength = 270;

    /// <summary>A rate limit field: the longest bucket name (<c>failed-authentication</c>), quoted, and two int32 parameters.</summary>
    private const int RateLimitFieldLength = 2 + 21 + 2 * (3 + 10);

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var server in document.Servers ?? [])
        {
            // OWASP API9: who the server is for and which environment it is.
            server.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            server.Extensions["x-internal"] = new JsonNodeExtension(JsonValue.Create(false));
        }

        if (document.Components?.SecuritySchemes?.TryGetValue(OpenApiSetup.BearerScheme, out var scheme) == true
            && scheme is OpenApiSecurityScheme bearer)
        {
            bearer.Description += " Validated as RFC8725 recommends: HS256 only (`none` and every other algorithm refused), a signature, "
                + "an expiry and, when configured, the issuer and audience.";
        }

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Header) ?? [])
            {
                RequestHeader(parameter);
            }

            foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? [])
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                Add(response, "RateLimit", "What is left of the caller's rate limit: the bucket, the requests left (`r`) and the seconds "
                    + "until it is full again (`t`), e.g. `\"credential\";r=199;t=1`.", RateLimitField("r", "t"));
                Add(response, "RateLimit-Policy", "The caller's bucket: its size (`q`) and refill window in seconds (`w`), e.g. "
                    + "`\"credential\";q=200;w=2` (on a 429, the bucket that refused).", RateLimitField("q", "w"));
                Add(response, "Access-Control-Allow-Origin", "The request's `Origin` when it is one the deployment allows "
                    + "(`Http:CorsOrigins`); absent otherwise.",
                    new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", MaxLength = OriginLength });
                foreach (var (name, header) in response.Headers.ToList())
                {
                    ResponseHeader(name, header);
                    response.Headers[name] = Shared(document, name, header);
                }
            }
        }
    }

    /// <summary>A reference to the document's header of this name, declared from the first response that carries it.</summary>
    private static IOpenApiHeader Shared(OpenApiDocument document, string name, IOpenApiHeader header)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        if (header is not OpenApiHeader inline || !document.Components.Headers.TryAdd(name, inline)
            && document.Components.Headers[name].Description != inline.Description)
        {
            // Already a reference, or a header of the same name that means something else here: left as it is.
            return header;
        }

        return new OpenApiHeaderReference(name, document);
    }

    private static OpenApiSchema RateLimitField(string left, string time) => new()
    {
        Type = JsonSchemaType.String,
        MaxLength = RateLimitFieldLength,
        Pattern = $"^\"[a-z-]+\";{left}=[0-9]+;{time}=[0-9]+$",
    };

    private static void Add(OpenApiResponse response, string name, string description, OpenApiSchema schema) =>
        response.Headers!.TryAdd(name, new OpenApiHeader { Description = description, Schema = schema });

    private static void ResponseHeader(string name, IOpenApiHeader header)
    {
        if (header is not OpenApiHeader { Schema: OpenApiSchema schema })
        {
            return;
        }

        switch (name)
        {
            case "RateLimit" or "RateLimit-Policy":
                schema.MaxLength ??= RateLimitFieldLength;
                schema.Pattern ??= RateLimitField(name == "RateLimit" ? "r" : "q", name == "RateLimit" ? "t" : "w").Pattern;
                break;
            case "ETag":
                // ETags.For: the quoted int32 version.
                schema.MaxLength ??= 12;
                schema.Pattern ??= "^\"[0-9]{1,10}\"$";
                break;
            case "Location":
                // A path of this API (ids are uuids), after the origin at most.
                schema.Format ??= "uri-reference";
                schema.MaxLength ??= OriginLength + 512;
                break;
            case IdempotencyMiddleware.ReplayedHeader:
                schema.Enum ??= [JsonValue.Create("true")];
                break;
            case "Retry-After":
                // Whole seconds, at least 1 (RateLimiting's OnRejected).
                schema.Format ??= "int32";
                schema.Minimum ??= "1";
                schema.Maximum ??= int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
        }
    }

    private static void RequestHeader(OpenApiParameter parameter)
    {
        if (parameter.Schema is not OpenApiSchema schema)
        {
            return;
        }

        switch (parameter.Name)
        {
            case "If-Match":
                // ETags.RequiredIfMatch: the quoted version, the bare version, or `*`.
                schema.MaxLength ??= 12;
                schema.Pattern ??= "^(\\*|\"[0-9]{1,10}\"|[0-9]{1,10})$";
                break;
            case "If-None-Match":
                // A list of ETags (ETags.IsNotModified), as long as Kestrel's request headers allow (32 KiB).
                schema.MaxLength ??= 32 * 1024;
                schema.Pattern ??= "^(\\*|(W/)?\"[0-9]{1,10}\"(\\s*,\\s*(W/)?\"[0-9]{1,10}\")*)$";
                break;
        }
    }
}
