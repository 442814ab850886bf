using System.Text.Json;
using System.Text.Json.Nodes;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Http;

/// <summary>
/// The committed <c>api-specs/innovation-v1.json</c> is what the API serves, and it states the
/// contract clients are generated from. <c>make spec</c> (UPDATE_API_SPEC=1) rewrites the file.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private ApiFactory _factory = null!;
    private JsonNode _served = null!;

    [OneTimeSetUp]
    public async Task Fetch()
    {
        _factory = new ApiFactory(Engine.Sqlite);
        var json = await _factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json");
        _served = JsonNode.Parse(json)!;
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static string SpecPath
    {
        get
        {
            var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Innovation.Api.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("Innovation.Api.sln not found"), "api-specs",
                "innovation-v1.json");
        }
    }

    [Test]
    public void The_committed_document_matches_the_served_one()
    {
        var served = _served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_API_SPEC") == "1")
        {
            File.WriteAllText(SpecPath, served);
            Assert.Pass($"Wrote {SpecPath}.");
        }

        File.Exists(SpecPath).Should().BeTrue("api-specs/innovation-v1.json is committed (run make spec)");
        var committed = JsonNode.Parse(File.ReadAllText(SpecPath))!;
        JsonNode.DeepEquals(committed, _served).Should().BeTrue(
            "api-specs/innovation-v1.json differs from what the API serves: run `make spec` and commit the result");
    }

    [Test]
    public void Every_operation_has_an_id_a_summary_and_its_error_responses()
    {
        var operations = Operations().ToList();
        operations.Should().NotBeEmpty();
        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            operation["operationId"]?.GetValue<string>().Should().NotBeNullOrEmpty(where);
            operation["summary"]?.GetValue<string>().Should().NotBeNullOrEmpty(where);
            var responses = operation["responses"]!.AsObject();
            responses.Should().Contain(r => r.Key.StartsWith('2'), where);
            if (path.StartsWith("/api/v1/public/", StringComparison.Ordinal) || path.StartsWith("/api/v1/reference", StringComparison.Ordinal))
            {
                // The public portal (issue 3) and the code lists are the API surfaces without credentials.
                responses.Select(r => r.Key).Should().Contain(["429", "500"], where).And.NotContain(["401", "403"], where);
                operation["security"]!.ToJsonString().Should().Be("[{}]", $"{where} needs no credential (one empty requirement)");
            }
            else
            {
                responses.Select(r => r.Key).Should().Contain(["401", "403", "429", "500"], where);
                operation["security"]!.AsArray().Count.Should().Be(2, $"{where} accepts an API key or a bearer token");
            }
            foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4') || r.Key.StartsWith('5')))
            {
                response!["content"]?["application/problem+json"].Should().NotBeNull($"{where} {status} is a problem document");
            }
        }
    }

    [Test]
    public void Conditional_and_idempotent_operations_document_their_headers()
    {
        var put = _served["paths"]!["/api/v1/schools/{uai}"]!["put"]!;
        var ifMatch = put["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "If-Match")!;
        ifMatch["required"]!.GetValue<bool>().Should().BeTrue();
        put["responses"]!.AsObject().Select(r => r.Key).Should().Contain(["412", "428"]);

        var post = _served["paths"]!["/api/v1/schools"]!["post"]!;
        post["parameters"]!.AsArray().Should().Contain(p => p!["name"]!.GetValue<string>() == "Idempotency-Key");
        post["responses"]!["201"]!["headers"]!["ETag"].Should().NotBeNull();

        var get = _served["paths"]!["/api/v1/schools/{uai}"]!["get"]!;
        get["responses"]!.AsObject().Select(r => r.Key).Should().Contain("304");
    }

    [Test]
    public void Validation_rules_appear_as_schema_constraints_and_enums_as_codes()
    {
        var draft = _served["components"]!["schemas"]!["SchoolDraft"]!;
        draft["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Contain(["uai", "name", "type", "sector", "departement"]);
        var properties = draft["properties"]!;
        properties["uai"]!["pattern"]!.GetValue<string>().Should().Be("^[0-9]{7}[A-Za-z]$");
        properties["name"]!["maxLength"]!.GetValue<int>().Should().Be(200);
        properties["latitude"]!["minimum"]!.ToString().Should().Be("-90");
        properties["latitude"]!["maximum"]!.ToString().Should().Be("90");

        var type = _served["components"]!["schemas"]!["SchoolType"]!;
        type["enum"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal("ecole", "college", "lycee", "erea", "other");

        var listParameters = _served["paths"]!["/api/v1/schools"]!["get"]!["parameters"]!.AsArray();
        listParameters.Single(p => p!["name"]!.GetValue<string>() == "priorityEducation")!["schema"]!["enum"]!.AsArray()
            .Select(e => e!.GetValue<string>()).Should().Equal("none", "rep", "repPlus");
    }

    [Test]
    public void Request_and_response_schemas_carry_examples()
    {
        var schemas = _served["components"]!["schemas"]!;
        schemas["SchoolDraft"]!["properties"]!["uai"]!["example"]!.GetValue<string>().Should().Be("0951099D");
        schemas["School"]!["properties"]!["departement"]!["example"]!.GetValue<string>().Should().Be("095");
        schemas["CreateApiKeyRequest"]!["properties"]!["academie"]!["example"].Should().NotBeNull();
        schemas["ImportError"]!["properties"]!["column"]!["example"].Should().NotBeNull();
        schemas["SchoolRegisteredFeedEvent"]!["properties"]!["type"]!["enum"]![0]!.GetValue<string>().Should().Be("SchoolRegistered");
    }

    [Test]
    public void Both_security_schemes_are_declared()
    {
        var schemes = _served["components"]!["securitySchemes"]!;
        schemes["ApiKey"]!["name"]!.GetValue<string>().Should().Be("X-Api-Key");
        schemes["Bearer"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
    }

    private IEnumerable<(string Path, string Method, JsonNode Operation)> Operations() =>
        _served["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(m => m.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(m => (path.Key, m.Key, m.Value!)));
}
