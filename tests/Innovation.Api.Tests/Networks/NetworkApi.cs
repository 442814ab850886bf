using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.People;

namespace Innovation.Api.Tests.Networks;

/// <summary>Helpers shared by the network tests: known schools of académie 70 (Normandie) and short calls.</summary>
internal static class NetworkApi
{
    /// <summary>Schools of the Eure (027) and Seine-Maritime (076), académie 70.</summary>
    public const string Evreux = "0271234V";
    public const string Vernon = "0271235W";
    public const string Louviers = "0271236X";
    public const string Rouen = "0761001A";

    /// <summary>A school of the Val-d'Oise, académie 25 (Versailles).</summary>
    public const string Gonesse = "0951099D";

    public static async Task<JsonElement> Body(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Creates a network and returns its id and ETag.</summary>
    public static async Task<(string Id, string ETag)> Create(
        HttpClient client, string kind = "bassin", string name = "Bassin d'Évreux", string? departement = "027", string[]? years = null,
            string? description = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/networks",
            new { kind, name, departement, description, activeYears = years ?? ["2025-2026"] });
        var body = await Body(response, HttpStatusCode.Created);
        return (body.GetProperty("id").GetString()!, response.Headers.ETag!.ToString());
    }

    public static async Task<JsonElement> AddSchool(HttpClient client, string networkId, string uai, string? from = null, string? to = null,
        HttpStatusCode expected = HttpStatusCode.Created) =>
        await Body(await client.PostAsJsonAsync($"/api/v1/networks/{networkId}/schools", new { uai, from, to }), expected);

    public static async Task<JsonElement> AddPerson(
        HttpClient client, string networkId, string personId, string role = "member", string? domain = null, string? from = null, string? to = null,
        HttpStatusCode expected = HttpStatusCode.Created) =>
        await Body(await client.PostAsJsonAsync($"/api/v1/networks/{networkId}/people", new { personId, role, domain, from, to }), expected);

    /// <summary>Registers a teacher of académie 70 and returns their id.</summary>
    public static async Task<string> Teacher(HttpClient admin, string email) =>
        (await PeopleApi.Register(admin, "70", email)).Id;

    public static string Day(int offsetDays) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offsetDays).ToString("yyyy-MM-dd");
}
