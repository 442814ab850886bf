using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Networks;
using Innovation.Api.Tests.People;

namespace Innovation.Api.Tests.Http;

/// <summary>
/// Every operation of the OpenAPI document, fed hollow, truncated and mistyped input: whatever the
/// request, the answer is never a 500, and every refusal is a problem document. Path ids name real
/// resources so the input reaches the validators and handlers, not only routing.
/// </summary>
public sealed class MalformedInputTests(Engine engine) : ApiTest(engine)
{
    private static readonly string[] JsonBodies =
    [
        "{}", "[]", "null", "\"text\"", "42", "{\"title\":", "{\"a\":{\"b\":[1,{\"c\":null}]}}",
    ];

    [Test]
    public async Task No_operation_answers_500_to_hollow_truncated_or_mistyped_input()
    {
        var ids = await RealResources();
        var document = JsonDocument.Parse(await Admin.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var failures = new List<string>();
        var requests = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var uri = Fill(path.Name, ids);
                var parameters = operation.Value.TryGetProperty("parameters", out var declared) ? declared.EnumerateArray().ToList() : [];
                var query = parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()).ToList();
                foreach (var (contentType, body, queryValue) in Variants(operation.Value, document, query.Count > 0))
                {
                    var target = queryValue is null ? uri : uri + "?" + string.Join("&", query.Select(q => $"{q}={queryValue}"));
                    using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), target);
                    if (body is not null)
                    {
                        request.Content = new StringContent(body, Encoding.UTF8, contentType);
                    }

                    request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                    var response = await Admin.SendAsync(request);
                    requests++;
                    var label = $"{operation.Name.ToUpperInvariant()} {target} [{contentType}] {Shorten(body)} -> {(int)response.StatusCode}";
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add(label);
                    }
                    else if ((int)response.StatusCode >= 400 && response.StatusCode != HttpStatusCode.MethodNotAllowed
                        && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add(label + " (not a problem document)");
                    }
                }
            }
        }

        requests.Should().BeGreaterThan(500, "every operation is exercised");
        failures.Should().BeEmpty();
    }

    /// <summary>A school, a project, a person and a network of académie 25 to point path ids at.</summary>
    private async Task<Dictionary<string, string>> RealResources()
    {
        await RegisterSchool("0951099D", "095");
        var (person, _) = await PeopleApi.Register(Admin, "25", "malformed.input@ac-versailles.fr");
        var (network, _) = await NetworkApi.Create(Admin, "bassin", "Bassin de Gonesse", "095");
        string? project = null;
        await Eventually(async () =>
        {
            var created = await Admin.PostAsJsonAsync("/api/v1/projects", new
            {
                title = "Cible", summary = "Un projet à bousculer.", schools = new[] { "0951099D" }, themes = new[] { "schoolForm" },
                team = new[] { new { role = "carrier", name = "Ada Lovelace", email = "ada@ac-versailles.fr" } },
            });
            project = created.StatusCode == HttpStatusCode.Created ? (await Json(created)).GetProperty("id").GetString() : null;
            return project is not null;
        }, "the school reaches Projects");
        return new() { ["projects"] = project!, ["networks"] = network, ["people"] = person };
    }

    private static string Fill(string path, Dictionary<string, string> ids)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{'))
            {
                continue;
            }

            var name = segments[i].Trim('{', '}').Split(':')[0];
            segments[i] = name switch
            {
                "id" when ids.TryGetValue(segments[i - 1], out var real) => real,
                "uai" => "0951099D",
                "year" => "2026",
                "issue" => "2026-03",
                _ => Guid.NewGuid().ToString(),
            };
        }

        return string.Join('/', segments);
    }

    /// <summary>(content type, body, value for every query parameter) to send to one operation.</summary>
    private static IEnumerable<(string ContentType, string? Body, string? Query)> Variants(JsonElement operation, JsonElement document, bool hasQuery)
    {
        yield return ("application/json", null, null);
        if (hasQuery)
        {
            yield return ("application/json", null, "%25%00zz");
            yield return ("application/json", null, "-1");
            yield return ("application/json", null, new string('9', 40));
        }

        if (!operation.TryGetProperty("requestBody", out var requestBody))
        {
            yield break;
        }

        foreach (var content in requestBody.GetProperty("content").EnumerateObject())
        {
            if (!content.Name.Contains("json", StringComparison.Ordinal))
            {
                yield return (content.Name, "\"unterminated,quote\n1,2,3\n", null);
                yield return (content.Name, "{\"x\":1}\n[\n", null);
                yield return (content.Name, "", null);
                continue;
            }

            foreach (var body in JsonBodies)
            {
                yield return (content.Name, body, null);
            }

            var properties = Properties(content.Value.GetProperty("schema"), document);
            foreach (var value in new[] { "{}", "null", "[1,\"x\",null]", "\"x\"", "-1", "1e400", "\"" + new string('x', 5000) + "\"" })
            {
                yield return (content.Name, "{" + string.Join(",", properties.Select(p => $"\"{p}\":{value}")) + "}", null);
            }
        }
    }

    private static IReadOnlyList<string> Properties(JsonElement schema, JsonElement document)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema.TryGetProperty("properties", out var properties) ? [.. properties.EnumerateObject().Select(p => p.Name)] : [];
    }

    private static string Shorten(string? body) => body is null ? "" : body.Length > 60 ? body[..60] + "…" : body;
}
