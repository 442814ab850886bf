using Innovation.Api.Auth;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Innovation.Api.OpenApi;

/// <summary>
/// The scopes of an API key (asked and granted) as an enum of every scope the platform and its modules declare
/// (<see cref="KnownScopes"/>), so a generated client offers them and refuses a typo before the server's 400.
/// </summary>
internal sealed class ScopeCodesDocumentFilter(KnownScopes scopes) : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (schema.Properties is { } properties && properties.TryGetValue("scopes", out var scopesSchema)
                && scopesSchema is OpenApiSchema { Items: OpenApiSchema items })
            {
                items.Enum = [.. scopes.All.Select(s => (System.Text.Json.Nodes.JsonNode)s)];
            }
        }
    }
}
