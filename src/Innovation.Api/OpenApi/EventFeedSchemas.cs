using System.Text.Json.Nodes;
using Innovation.BuildingBlocks.Messaging;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Innovation.Api.OpenApi;

/// <summary>
/// The event feed's item as a discriminated union: one variant per integration event of the Contracts assemblies
/// (<see cref="IntegrationEventTypes"/>, what the outbox can publish), each with <c>type</c> fixed to the event's name and
/// <c>payload</c> the event's schema, generated from its record. A new event is in the document without an edit here.
/// </summary>
internal sealed class EventFeedSchemas(IntegrationEventTypes events) : IDocumentFilter
{
    public const string FeedEventSchema = "FeedEvent";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components!.Schemas!;
        if (!schemas.TryGetValue(FeedEventSchema, out var found) || found is not OpenApiSchema envelope)
        {
            return;
        }

        var mapping = new Dictionary<string, OpenApiSchemaReference>(StringComparer.Ordinal);
        foreach (var name in events.Names.Order(StringComparer.Ordinal))
        {
            var payload = context.SchemaGenerator.GenerateSchema(events.Find(name)!, context.SchemaRepository);
            var variant = $"{name}{FeedEventSchema}";
            var properties = envelope.Properties!.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            properties["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The event's name.",
                Enum = [JsonValue.Create(name)],
            };
            properties["payload"] = payload;
            schemas[variant] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"A `{name}` event of the feed.",
                Required = new HashSet<string>(envelope.Required ?? new HashSet<string>(), StringComparer.Ordinal),
                Properties = properties,
                AdditionalPropertiesAllowed = false,
            };
            mapping[name] = new OpenApiSchemaReference(variant, document);
        }

        schemas[FeedEventSchema] = new OpenApiSchema
        {
            Description = $"{envelope.Description} `type` says which event it is, and so the schema of `payload`.",
            OneOf = [.. mapping.Values],
            Discriminator = new OpenApiDiscriminator { PropertyName = "type", Mapping = mapping },
        };
    }
}
