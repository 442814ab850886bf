using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Innovation.Api.OpenApi;

/// <summary>
/// Swashbuckle writes a property whose type has a schema of its own (a nested object, an enum) as a bare <c>$ref</c>, which
/// OpenAPI 3.0 reads as never null, although the C# property is nullable and the API sends <c>null</c> (a plan's
/// <c>pendingRevision</c>, an indicator's <c>comparisonGroup</c>). Such a property becomes <c>allOf: [$ref]</c> with its type and
/// <c>nullable: true</c> (null, or the referenced schema, as generators read it), unless a validator requires it (it is then in
/// <c>required</c>, and null is refused).
/// </summary>
internal sealed class NullableReferenceSchemaFilter : ISchemaFilter
{
    private readonly NullabilityInfoContext _nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties } concrete)
        {
            return;
        }

        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (properties.TryGetValue(name, out var declared) && declared is OpenApiSchemaReference reference
                && concrete.Required?.Contains(name) != true && IsNullable(property))
            {
                // OAS 3.0 applies `nullable` only beside a `type`: the referenced schema's own (an enum is a string, a record an object).
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                properties[name] = new OpenApiSchema
                {
                    AllOf = [reference],
                    Type = (type.IsEnum ? JsonSchemaType.String : JsonSchemaType.Object) | JsonSchemaType.Null,
                    MaxLength = type.IsEnum ? LongestCode(type) : null,
                };
            }
        }
    }

    /// <summary>The longest code of an enum: its member's name in camelCase, or the name <c>JsonStringEnumMemberName</c> gives.</summary>
    private static int LongestCode(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Max(f => (f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name).Length);

    private bool IsNullable(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
            || (!property.PropertyType.IsValueType && _nullability.Create(property).ReadState == NullabilityState.Nullable);
}
