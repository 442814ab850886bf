using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Networks;
using Innovation.Api.Tests.People;
using Innovation.BuildingBlocks.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Fuzz;

/// <summary>
/// Every operation of the served OpenAPI document, fed the mutations <see cref="FuzzVariants"/> derives from its
/// declaration, so a new operation is fuzzed without new code. Path ids name real resources (created from the
/// document's own schemas where the fixture does not create them) so the input reaches validators and handlers.
/// Never a 5xx; every 4xx is a problem document with a status the operation declares; a refused write changes
/// nothing: no event enters any outbox (the feed's source, written with the change) and the resource it targets
/// reads the same. Deterministic: a fixed seed draws the bad ids and the sample of an operation's mutations.
/// Run alone: <c>dotnet test tests/Innovation.Api.Tests --filter "FullyQualifiedName~Fuzz"</c>.
/// </summary>
public sealed class SpecFuzzTests(Engine engine) : ApiTest(engine)
{
    private const int Seed = 18;

    /// <summary>Mutations sent per operation at most (a sample drawn with the seed beyond that), to stay within the time limit.</summary>
    private const int MaxRequestsPerOperation = 150;

    private readonly Dictionary<string, string> _ids = [];
    private readonly HashSet<string> _attempted = [];
    private IReadOnlyList<SpecOperation> _operations = [];
    private Random _random = null!;
    private SpecSchemas _schemas = null!;
    private FuzzVariants _variants = null!;

    [Test]
    public async Task Every_operation_refuses_fuzzed_input_with_a_declared_problem_and_changes_nothing()
    {
        var document = JsonNode.Parse(await Admin.GetStringAsync("/swagger/v1/swagger.json"))!;
        _operations = SpecOperation.All(document);
        _random = new Random(Seed);
        _schemas = new SpecSchemas(document, _ids);
        _variants = new FuzzVariants(_schemas, _random);
        await CreateRealResources();

        var failures = new List<string>();
        var (requests, generated) = (0, 0);
        var clock = Stopwatch.StartNew();
        foreach (var operation in _operations)
        {
            var path = await Fill(operation.Template);
            var target = Target(operation, path);
            var before = await State(target);
            var etag = operation.RequiresIfMatch ? await ETag(operation, path) : null;
            var mutations = _variants.For(operation, path).ToList();
            generated += mutations.Count;
            foreach (var fuzz in Sample(mutations))
            {
                using var response = await Send(operation, fuzz, etag);
                requests++;
                var status = (int)response.StatusCode;
                var label = $"{operation} [{fuzz.Kind}] -> {status}";
                if (status >= 500)
                {
                    failures.Add($"{label}: {Shorten(await response.Content.ReadAsStringAsync())}");
                }
                else if (status >= 400)
                {
                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{label}: not a problem document");
                    }

                    if (!operation.Declares(status))
                    {
                        failures.Add($"{label}: status not declared by the operation");
                    }

                    if (operation.Writes && await State(target) != before)
                    {
                        failures.Add($"{label}: the refused write changed {target ?? "the outbox"}");
                        before = await State(target);
                    }
                }
                else if (operation.Writes)
                {
                    before = await State(target);
                    etag = operation.RequiresIfMatch ? await ETag(operation, path) : null;
                }
            }
        }

        TestContext.Out.WriteLine($"Fuzzed {_operations.Count} operations with {requests} of {generated} mutations " +
            $"in {clock.Elapsed.TotalSeconds:F0} s " +
            $"({_ids.Count} real ids: {string.Join(", ", _ids.Keys)}).");
        foreach (var failure in failures.Take(300))
        {
            TestContext.Out.WriteLine(failure);
        }

        requests.Should().BeGreaterThan(_operations.Count * 10, "every operation is fuzzed");
        failures.Should().BeEmpty("{0} requests failed (the first 300 are listed in the output)", failures.Count);
    }

    /// <summary>The school, person, network and project the path ids and bodies name; the rest is created from the document.</summary>
    private async Task CreateRealResources()
    {
        await RegisterSchool(SpecSchemas.School, "095");
        _ids["/api/v1/people"] = (await PeopleApi.Register(Admin, "25", "fuzz.person@ac-versailles.fr")).Id;
        _ids["/api/v1/networks"] = (await NetworkApi.Create(Admin, "bassin", "Bassin de Gonesse", "095")).Id;
        await Eventually(async () =>
        {
            var created = await Admin.PostAsJsonAsync("/api/v1/projects", new
            {
                title = "Cible", summary = "Un projet à fuzzer.", schools = new[] { SpecSchemas.School }, themes = new[] { "schoolForm" },
                team = new[] { new { role = "carrier", name = "Ada Lovelace", email = "ada@ac-versailles.fr" } },
            });
            if (created.StatusCode == HttpStatusCode.Created)
            {
                _ids["/api/v1/projects"] = (await Json(created)).GetProperty("id").GetString()!;
            }

            return created.StatusCode == HttpStatusCode.Created;
        }, "the school reaches Projects");
    }

    /// <summary>The template with real ids (created on first need) or, where none can be made, an unknown one.</summary>
    private async Task<string> Fill(string template)
    {
        var segments = template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{'))
            {
                segments[i] = segments[i].Trim('{', '}') switch
                {
                    "uai" => SpecSchemas.School,
                    "year" => "2026",
                    "issue" => "2026-03",
                    _ => await RealId(string.Join('/', template.Split('/')[..i])) ?? RandomGuid(),
                };
            }
        }

        return string.Join('/', segments);
    }

    private async Task<string?> RealId(string collection)
    {
        collection = collection == "/api/v1/accompaniment/accompanists" ? "/api/v1/people" : collection;
        if (_ids.TryGetValue(collection, out var known) || !_attempted.Add(collection))
        {
            return known;
        }

        var noun = "/" + collection.Split('/')[^1];
        var creator = _operations.FirstOrDefault(o => o.Method == "post" && o.Template == collection)
            ?? _operations.FirstOrDefault(o => o.Method == "post" && o.Template.EndsWith(noun, StringComparison.Ordinal));
        if (creator is null || _variants.ValidBody(creator) is not { } body)
        {
            // Another route to a collection already known, e.g. /accompaniment/projects/{id} names a project.
            return _ids.FirstOrDefault(i => i.Key.EndsWith(noun, StringComparison.Ordinal)).Value;
        }

        var path = await Fill(creator.Template);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (creator.RequiresIfMatch && await ETag(creator, path) is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        using var response = await Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode && JsonNode.Parse(text)?["id"]?.ToString() is { } id)
        {
            return _ids[collection] = id;
        }

        TestContext.Out.WriteLine($"No real id under {collection}: {creator} with {body} -> {(int)response.StatusCode} {text}");
        return _ids.FirstOrDefault(i => i.Key.EndsWith(noun, StringComparison.Ordinal)).Value;
    }

    private async Task<HttpResponseMessage> Send(SpecOperation operation, FuzzRequest fuzz, string? etag)
    {
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()),
            fuzz.Query == "" ? fuzz.Path : $"{fuzz.Path}?{fuzz.Query}");
        if (fuzz.ContentType is not null)
        {
            request.Content = new StringContent(fuzz.Body ?? "", Encoding.UTF8, fuzz.ContentType);
        }

        if (operation.RequiresIfMatch)
        {
            request.Headers.TryAddWithoutValidation("If-Match", fuzz.IfMatch ?? etag ?? "\"0\"");
        }

        return await Admin.SendAsync(request);
    }

    /// <summary>Up to <see cref="MaxRequestsPerOperation"/> mutations, drawn with the seed, in their original order.</summary>
    private List<FuzzRequest> Sample(List<FuzzRequest> all) =>
        all.Count <= MaxRequestsPerOperation
            ? all
            : [.. all.Select((fuzz, index) => (fuzz, index, draw: _random.Next())).OrderBy(d => d.draw).Take(MaxRequestsPerOperation)
                .OrderBy(d => d.index).Select(d => d.fuzz)];

    /// <summary>The nearest readable resource at or above a write's path: what a refused write must leave as it was.</summary>
    private string? Target(SpecOperation operation, string path) =>
        operation.Writes ? Readable(operation.Template, path, 0) : null;

    private string? Readable(string template, string path, int skip)
    {
        var templateSegments = template.Split('/');
        var pathSegments = path.Split('/');
        for (var length = templateSegments.Length - skip; length > 3; length--)
        {
            var ancestor = string.Join('/', templateSegments[..length]);
            if (_operations.Any(o => o.Method == "get" && o.Template == ancestor))
            {
                return string.Join('/', pathSegments[..length]);
            }
        }

        return null;
    }

    /// <summary>The ETag a conditional write needs: the resource's own, or for a POST its parent's.</summary>
    private async Task<string?> ETag(SpecOperation operation, string path)
    {
        if (Readable(operation.Template, path, operation.Method == "post" ? 1 : 0) is not { } readable)
        {
            return null;
        }

        using var response = await Admin.GetAsync(readable);
        return response.Headers.ETag?.ToString();
    }

    /// <summary>Every outbox's last event and the target's representation.</summary>
    private async Task<string> State(string? target)
    {
        var db = Factory.Services.GetRequiredService<Db>();
        var outboxes = await db.ReadAsync(async c =>
        {
            var heads = new List<long>();
            foreach (var schema in db.Schemas)
            {
                heads.Add(await c.ExecuteScalarAsync<long?>($"SELECT MAX(sequence) FROM {schema}.outbox_message") ?? 0);
            }

            return string.Join(",", heads);
        }, CancellationToken.None);
        if (target is null)
        {
            return outboxes;
        }

        // A problem's body differs at each call (its trace id): its status says enough.
        using var response = await Admin.GetAsync(target);
        return response.IsSuccessStatusCode
            ? $"{outboxes} {response.Headers.ETag} {await response.Content.ReadAsStringAsync()}"
            : $"{outboxes} {(int)response.StatusCode}";
    }

    private string RandomGuid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string Shorten(string value) => value.Length > 300 ? value[..300] + "…" : value;
}
