using System.Text.Json;
using System.Text.RegularExpressions;
using Innovation.Api.Http;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Http;

/// <summary>
/// The document types what a client must branch on: every problem <c>code</c> the sources can send is in the
/// <c>ProblemCode</c> enum, every error response is the <c>Problem</c> schema, and every integration event the outbox can
/// publish has its variant (and payload schema) in the event feed's union.
/// </summary>
public sealed partial class ContractTypesTests(Engine engine) : ApiTest(engine)
{
    [Test]
    public void Every_code_a_handler_throws_is_in_the_problem_catalogue()
    {
        var thrown = SourceFiles().SelectMany(f => ThrownCode().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value))
            .ToHashSet(StringComparer.Ordinal);
        thrown.Should().Contain(["invalid_transition", "etag_mismatch", "import_rejected", "school_in_network_of_same_kind"],
            "the scan finds the codes however a problem is built");
        var generic = new[] { 400, 401, 403, 404, 405, 406, 409, 412, 413, 415, 422, 428, 429, 500, 503, 418, 599 }
            .Select(ProblemCodes.ForStatus);
        ProblemCatalogue.All.Select(e => e.Code).Should().BeEquivalentTo(thrown.Concat(generic).Distinct(),
            "a new problem code needs its entry (status and French label) in ProblemCatalogue, and a removed one leaves it");
    }

    [Test]
    public async Task Every_error_response_is_a_typed_problem_whose_codes_are_in_the_enum()
    {
        var document = await Json(await Anonymous().GetAsync("/swagger/v1/swagger.json"));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var codes = schemas.GetProperty("ProblemCode").GetProperty("enum").EnumerateArray().Select(c => c.GetString()).ToHashSet();
        codes.Should().HaveCount(ProblemCatalogue.All.Count);
        schemas.TryGetProperty("ProblemDetails", out _).Should().BeFalse("one Problem schema types every error");
        var problem = schemas.GetProperty("Problem").GetProperty("properties");
        foreach (var member in new[] { "code", "traceId", "errors", "currentStatus", "allowedActions", "missing", "currentETag", "maxYears" })
        {
            problem.TryGetProperty(member, out _).Should().BeTrue(member);
        }

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
                {
                    var where = $"{operation.Name} {path.Name} {response.Name}";
                    response.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema")
                        .GetProperty("$ref").GetString().Should().Be("#/components/schemas/Problem", where);
                    var listed = response.Value.GetProperty("x-problem-codes").EnumerateArray().Select(c => c.GetString()).ToList();
                    listed.Should().NotBeEmpty(where).And.OnlyContain(c => codes.Contains(c), where);
                }
            }
        }
    }

    [Test]
    public async Task Every_event_the_outbox_can_publish_has_a_variant_of_the_feed_union()
    {
        var document = await Json(await Anonymous().GetAsync("/swagger/v1/swagger.json"));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var feed = schemas.GetProperty("FeedEvent");
        feed.GetProperty("discriminator").GetProperty("propertyName").GetString().Should().Be("type");
        var mapping = feed.GetProperty("discriminator").GetProperty("mapping").EnumerateObject()
            .ToDictionary(m => m.Name, m => m.Value.GetString()!.Split('/')[^1]);

        var published = Factory.Services.GetRequiredService<IntegrationEventTypes>().Names;
        published.Should().NotBeEmpty();
        mapping.Keys.Should().BeEquivalentTo(published, "a new integration event gets its variant in the feed's union");
        foreach (var (type, variant) in mapping)
        {
            var properties = schemas.GetProperty(variant).GetProperty("properties");
            properties.GetProperty("type").GetProperty("enum").EnumerateArray().Single().GetString().Should().Be(type);
            var payload = properties.GetProperty("payload").GetProperty("$ref").GetString()!.Split('/')[^1];
            schemas.TryGetProperty(payload, out _).Should().BeTrue($"{type}'s payload schema {payload} is in the document");
        }
    }

    [Test]
    public async Task A_published_event_has_the_members_its_payload_schema_declares()
    {
        await RegisterSchool("0951099D", "095");
        JsonElement school = default;
        await Eventually(async () =>
        {
            var items = (await Json(await Admin.GetAsync("/api/v1/events?limit=200"))).GetProperty("items").EnumerateArray();
            school = items.FirstOrDefault(e => e.GetProperty("type").GetString() == "SchoolRegistered");
            return school.ValueKind == JsonValueKind.Object;
        }, "the school's event reaches the feed");

        var document = await Json(await Anonymous().GetAsync("/swagger/v1/swagger.json"));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var payload = schemas.GetProperty("SchoolRegistered");
        Members(school.GetProperty("payload")).Should().BeEquivalentTo(Declared(payload));
        var snapshot = schemas.GetProperty("SchoolSnapshot");
        Members(school.GetProperty("payload").GetProperty("school")).Should().BeEquivalentTo(Declared(snapshot));
    }

    private static IEnumerable<string> Members(JsonElement value) => value.EnumerateObject().Select(p => p.Name);

    private static IEnumerable<string> Declared(JsonElement schema) => Members(schema.GetProperty("properties"));

    private static IEnumerable<string> SourceFiles()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Innovation.Api.sln")))
        {
            directory = directory.Parent;
        }

        return Directory.EnumerateFiles(Path.Combine(directory!.FullName, "src"), "*.cs", SearchOption.AllDirectories);
    }

    private const string AfterStatus = @"\b(?:\d{3}|StatusCodes\.Status\d{3}\w*)\s*,\s*";
    private const string FirstArgument = @"\b(?:Conflict|Forbidden|BadRequest|Refused)\(\s*";
    private const string Assigned = @"\b\w*[Cc]ode\s*=\s*";

    /// <summary>
    /// A code as problems are built: after a status (<c>new ProblemException(409, "x"</c>, <c>new Refusal(409, "x"</c>, a
    /// <c>(409, "x", …)</c> rule), as the first argument of <c>Conflict</c>/<c>Forbidden</c>/<c>BadRequest</c>/<c>Refused</c>, or
    /// assigned to a <c>code</c>/<c>…Code</c>.
    /// </summary>
    [GeneratedRegex("(?:" + AfterStatus + "|" + FirstArgument + "|" + Assigned + ")\"(?<code>[a-z]+(?:_[a-z]+)*)\"")]
    private static partial Regex ThrownCode();
}
