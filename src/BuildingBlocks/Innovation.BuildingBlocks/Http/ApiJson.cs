using System.Text.Json;
using System.Text.Json.Serialization;

namespace Innovation.BuildingBlocks.Http;

/// <summary>
/// The JSON conventions of every response: ASP.NET Core's defaults for HTTP JSON (the web defaults,
/// with the relaxed escaping fit for a response body) and enums as camelCase strings. The host
/// configures its serializer with them, and a read model that stores JSON to send as it is (the
/// project views, ADR 0017) writes it with them, so both spell a value alike.
/// </summary>
public static class ApiJson
{
    /// <summary>Options with these conventions, for JSON written outside a response.</summary>
    public static JsonSerializerOptions Options { get; } =
        Configure(new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions);

    /// <summary>Applies the conventions to <paramref name="options"/> (ASP.NET Core's HTTP JSON defaults are expected).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }
}
