using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Networks;
using Innovation.Api.Tests.Projects;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Innovation.Api.Tests.Http;

/// <summary>
/// What every JSON body must be, whatever its endpoint: no null where a value is required (a null array element, a missing
/// required field) and no property the endpoint does not know. Each is a 400 naming the field, never a 500 nor a silent skip.
/// </summary>
public sealed class RequestBodyTests(Engine engine) : ProjectDetailsTest(engine)
{
    [TestCase("{\"kind\":\"document\",\"title\":\"Carnet\"}")]
    [TestCase("{\"kind\":\"document\",\"title\":\"Carnet\",\"url\":null}")]
    public async Task A_project_resource_without_url_is_a_400_naming_url(string body)
    {
        var id = await NewProject();
        var response = await Admin.SendAsync(Raw(HttpMethod.Post, $"/api/v1/projects/{id}/resources", body, "\"1\""));
        (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().Equal("url");
    }

    [Test]
    public async Task A_null_convention_document_is_a_400_naming_the_element_on_create_and_replace()
    {
        var (network, _) = await NetworkApi.Create(Admin);
        const string Convention = "\"partnerKind\":\"inspe\",\"partner\":\"INSPE\",\"object\":\"Stages\",\"start\":\"2025-09-01\"";
        var uri = $"/api/v1/networks/{network}/conventions";
        await NamesOnly(await Admin.SendAsync(Raw(HttpMethod.Post, uri, "{" + Convention + ",\"documents\":[null]}")), "documents[0]");

        var created = await Admin.SendAsync(Raw(HttpMethod.Post, uri, "{" + Convention + ",\"documents\":[]}"));
        var id = (await NetworkApi.Body(created, HttpStatusCode.Created)).GetProperty("id").GetString();
        await NamesOnly(await Admin.SendAsync(Raw(HttpMethod.Put, $"{uri}/{id}",
            "{" + Convention + ",\"documents\":[{\"url\":\"https://example.org/c.pdf\"},null]}", created.Headers.ETag!.ToString())),
            "documents[1]");
    }

    [Test]
    public async Task A_null_attendee_is_a_400_naming_the_element()
    {
        var (network, _) = await NetworkApi.Create(Admin);
        var created = await Admin.PostAsJsonAsync($"/api/v1/networks/{network}/events",
            new { kind = "meeting", title = "Réunion", date = "2026-03-18" });
        var meeting = (await NetworkApi.Body(created, HttpStatusCode.Created)).GetProperty("id").GetString();
        await NamesOnly(await Admin.SendAsync(Raw(HttpMethod.Put, $"/api/v1/networks/{network}/events/{meeting}/attendance",
            "{\"attendees\":[null]}", created.Headers.ETag!.ToString())), "attendees[0]");
    }

    [Test]
    public async Task Unknown_properties_are_a_400_naming_each_of_them_at_every_depth_and_nothing_is_created()
    {
        var body = ValidProject();
        body["status"] = "validated";
        body["Owner"] = "x";
        body["team"] = new object[] { new { role = "carrier", name = "Ada Lovelace", email = "ada@ac-versailles.fr", phone = "0600000000" } };
        body["canvas"] = new { needs = "Des besoins.", budget = 12 };
        var response = await Admin.PostAsJsonAsync("/api/v1/projects", body);
        var errors = (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["status", "Owner", "team[0].phone", "canvas.budget"]);
        errors.GetProperty("status")[0].GetString().Should().Contain("Unknown property");
        (await Json(await Admin.GetAsync("/api/v1/projects"))).GetProperty("items").GetArrayLength().Should().Be(0, "a rejected body writes nothing");

        var known = await Admin.PostAsJsonAsync("/api/v1/projects", ValidProject());
        known.StatusCode.Should().Be(HttpStatusCode.Created, "property names are matched as before: {0}", await known.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Null_elements_in_arrays_of_strings_are_named_with_their_index()
    {
        var body = ValidProject();
        body["tags"] = new[] { "outdoor", null };
        body["schools"] = new[] { null, Galois };
        var errors = (await Problem(await Admin.PostAsJsonAsync("/api/v1/projects", body), HttpStatusCode.BadRequest, "validation_failed"))
            .GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["tags[1]", "schools[0]"]);
        errors.GetProperty("tags[1]")[0].GetString().Should().Be("An element cannot be null.");
    }

    /// <summary>
    /// Every JSON body of the document, in every module: an unknown property and a null element in each of its arrays are named
    /// in a 400, before anything else runs (the path ids need not exist). A new draft is covered without writing anything.
    /// </summary>
    [Test]
    public async Task Every_json_body_of_the_document_names_its_unknown_properties_and_null_array_elements()
    {
        var document = JsonDocument.Parse(await Admin.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var failures = new List<string>();
        var (bodies, arrays) = (0, 0);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("requestBody", out var requestBody)
                    || !requestBody.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    continue;
                }

                bodies++;
                var uri = string.Join('/', path.Name.Split('/').Select(s => s switch
                {
                    "{uai}" => Galois, "{year}" => "2026", "{issue}" => "2026-03", _ when s.StartsWith('{') => Guid.NewGuid().ToString(), _ => s,
                }));
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var properties = Resolve(json.GetProperty("schema"), schemas).GetProperty("properties").EnumerateObject().ToList();
                var probes = properties.Where(p => IsArray(Resolve(p.Value, schemas)))
                    .Select(p => ($"{{\"{p.Name}\":[null]}}", $"{p.Name}[0]"))
                    .Append(("{\"notInTheDocument\":1}", "notInTheDocument"));
                foreach (var (body, field) in probes)
                {
                    arrays += field.EndsWith("[0]", StringComparison.Ordinal) ? 1 : 0;
                    var response = await Admin.SendAsync(Raw(method, uri, body, "\"1\""));
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.BadRequest
                        || !JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _))
                    {
                        failures.Add($"{method} {path.Name} {body} -> {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
                    }
                }
            }
        }

        bodies.Should().BeGreaterThan(40, "every module's bodies are probed");
        arrays.Should().BeGreaterThan(30);
        failures.Should().BeEmpty();
    }

    [Test]
    public async Task Every_body_contract_waits_for_its_first_request_and_no_other_contract_does()
    {
        (await Admin.GetAsync("/api/v1/reference")).StatusCode.Should().Be(HttpStatusCode.OK, "the endpoints are built once the API answers");
        var json = Factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        // What RequestDelegateFactory reads as a JSON body: a handler's argument of the API's object types, neither a service nor
        // [AsParameters] (as RequestBodyShape finds it).
        var services = Factory.Services.GetRequiredService<IServiceProviderIsService>();
        var bodies = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.OfType<MethodInfo>().Take(1))
            .SelectMany(handler => handler.GetParameters())
            .Where(p => p.ParameterType.IsClass && p.ParameterType.Assembly.GetName().Name!.StartsWith("Innovation.", StringComparison.Ordinal)
                && !services.IsService(p.ParameterType) && p.GetCustomAttribute<AsParametersAttribute>() is null)
            .Select(p => p.ParameterType)
            .Distinct()
            .ToList();

        bodies.Should().HaveCountGreaterThan(40);
        bodies.Where(t => json.GetTypeInfo(t).Kind != JsonTypeInfoKind.None).Should()
            .BeEmpty("a body's contract is made on its first read (ADR 0031)");
        json.GetTypeInfo(typeof(NotABody)).Kind.Should().Be(JsonTypeInfoKind.Object, "a type first asked for after the build gets its contract");
        json.GetTypeInfo(typeof(NotABody)).Properties.Select(p => p.Name).Should().Contain("name");
    }

    private sealed record NotABody(string Name);

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(schemas.GetProperty(reference.GetString()!.Split('/')[^1]), schemas);
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                return options.EnumerateArray().Select(o => Resolve(o, schemas))
                    .FirstOrDefault(o => !o.TryGetProperty("type", out var t) || t.ToString() != "null", schema);
            }
        }

        return schema;
    }

    private static bool IsArray(JsonElement schema) =>
        schema.TryGetProperty("type", out var type)
        && (type.ValueKind == JsonValueKind.String ? type.GetString() == "array" : type.EnumerateArray().Any(t => t.GetString() == "array"));

    private static async Task NamesOnly(HttpResponseMessage response, params string[] fields) =>
        (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo(fields);

    private static HttpRequestMessage Raw(HttpMethod method, string uri, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
