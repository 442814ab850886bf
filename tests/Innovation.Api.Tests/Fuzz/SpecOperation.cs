using System.Text.Json.Nodes;

namespace Innovation.Api.Tests.Fuzz;

/// <summary>One operation of the OpenAPI document, as the fuzz suite reads it.</summary>
internal sealed record SpecOperation(string Template, string Method, JsonObject Node)
{
    public static IReadOnlyList<SpecOperation> All(JsonNode document) =>
    [
        .. document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(m => m.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(m => new SpecOperation(path.Key, m.Key, m.Value!.AsObject()))),
    ];

    public bool Writes => Method != "get";

    public bool RequiresIfMatch => Parameters("header").Any(p => p.Name == "If-Match" && p.Node["required"]?.GetValue<bool>() == true);

    public IEnumerable<(string Name, JsonNode? Schema)> QueryParameters => Parameters("query").Select(p => (p.Name, p.Node["schema"]));

    public IEnumerable<(string MediaType, JsonNode? Schema)> RequestBodies =>
        Node["requestBody"]?["content"]?.AsObject().Select(c => (c.Key, c.Value?["schema"])) ?? [];

    public bool Declares(int status) => Node["responses"]!.AsObject().ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override string ToString() => $"{Method.ToUpperInvariant()} {Template}";

    private IEnumerable<(string Name, JsonNode Node)> Parameters(string location) =>
        Node["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == location).Select(p => (p!["name"]!.GetValue<string>(), p!))
            ?? [];
}
