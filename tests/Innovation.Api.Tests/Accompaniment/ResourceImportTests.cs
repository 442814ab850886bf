using System.Net;
using System.Text;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using static Innovation.Api.Tests.Imports.ImportFiles;

namespace Innovation.Api.Tests.Accompaniment;

public sealed class ResourceImportTests(Engine engine) : ApiTest(engine)
{
    private const string Endpoint = "/api/v1/imports/resources";
    private const string Header = "title,description,kind,format,themes,audience,guideSections,link,language,licence,published";

    private HttpClient _importer = null!;

    [SetUp]
    public async Task ImporterOfVersailles() => _importer = await ClientFor("25", "imports:write", "accompaniment:read");

    private async Task<List<JsonElement>> Bank() =>
        [.. (await Json(await _importer.GetAsync("/api/v1/accompaniment/resources"))).GetProperty("items").EnumerateArray()];

    private static string Csv(params string[] rows) => string.Join('\n', [Header, .. rows]) + "\n";

    private const string Mooc =
        "MOOC Innover,Apports théoriques et témoignages.,VIDEO,mooc,wellBeing|digitalAndAi,Porteurs de projet|CPC,\"II 3.3, I 3.1\","
        + "https://mooc.example.org/innover,fr,CC BY,true";

    private const string Sheet =
        "Fiche REX,Conduire un entretien de retour d'expérience.,document,practical-sheet,,,II 3.2,https://rex.example.org,fr,,false";

    [Test]
    public async Task A_csv_file_creates_its_resources_and_a_reimport_upserts_on_the_link()
    {
        Counts(await Ok(await Post(_importer, Endpoint, Csv(Mooc, Sheet)))).Should().Be((2, 0, 0, 0));

        var mooc = (await Bank()).Single(r => r.GetProperty("title").GetString() == "MOOC Innover");
        mooc.GetProperty("kind").GetString().Should().Be("video");
        mooc.GetProperty("academie").GetString().Should().Be("25");
        mooc.GetProperty("guideSections").EnumerateArray().Select(s => s.GetString()).Should().Equal("I 3.1", "II 3.3");
        mooc.GetProperty("audience").EnumerateArray().Select(s => s.GetString()).Should().Equal("Porteurs de projet", "CPC");
        mooc.GetProperty("published").GetBoolean().Should().BeTrue();

        var changed = Sheet.Replace("Fiche REX", "Fiche REX (nouvelle)");
        Counts(await Ok(await Post(_importer, Endpoint, Csv(Mooc, changed)))).Should().Be((0, 1, 1, 0));
        (await Bank()).Select(r => r.GetProperty("title").GetString()).Should().BeEquivalentTo("MOOC Innover", "Fiche REX (nouvelle)");
        await Eventually(async () => (await Admin.GetStringAsync("/api/v1/events?limit=200")).Contains("ResourcePublished"),
            "the published resource's event reaches the feed");
    }

    [Test]
    public async Task A_dry_run_counts_and_reports_but_writes_nothing()
    {
        var report = await Ok(await Post(_importer, Endpoint, Csv(Mooc, Sheet.Replace("https://rex.example.org", "ftp://rex.example.org")),
            query: "?dryRun=true"));

        Counts(report).Should().Be((1, 0, 0, 1));
        report.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        var error = report.GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString()).Should().Be((3, "link"));
        (await Bank()).Should().BeEmpty();
    }

    [Test]
    public async Task An_atomic_import_with_bad_rows_is_a_422_and_writes_nothing()
    {
        var csv = Csv(
            Mooc,
            Sheet.Replace("II 3.2", "II 9.9"),
            Sheet.Replace("document", "podcast"),
            Mooc.Replace("MOOC Innover", "MOOC again"));

        var problem = await Problem(await Post(_importer, Endpoint, csv), HttpStatusCode.UnprocessableEntity, "import_rejected");

        problem.GetProperty("rejected").GetInt32().Should().Be(3);
        problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString()))
            .Should().BeEquivalentTo([(3, "guideSections"), (4, "kind"), (5, "link")]);
        (await Bank()).Should().BeEmpty();
    }

    [Test]
    public async Task A_partial_import_writes_the_valid_rows_and_reports_the_others()
    {
        var report = await Ok(await Post(_importer, Endpoint, Csv(Mooc, Sheet.Replace(",fr,", ",French,")), query: "?mode=partial"));

        Counts(report).Should().Be((1, 0, 0, 1));
        report.GetProperty("errors")[0].GetProperty("column").GetString().Should().Be("language");
        (await Bank()).Select(r => r.GetProperty("title").GetString()).Should().Equal("MOOC Innover");
    }

    [Test]
    public async Task A_resource_of_another_academie_or_a_national_row_without_one_is_rejected()
    {
        var csv = "academie," + Header + "\n70," + Mooc + "\n," + Sheet + "\n";
        var report = await Ok(await Post(_importer, Endpoint, csv, query: "?mode=partial"));
        Counts(report).Should().Be((1, 0, 0, 1));
        report.GetProperty("errors")[0].GetProperty("column").GetString().Should().Be("academie");

        var national = await Ok(await Post(Admin, Endpoint, csv, query: "?dryRun=true"));
        Counts(national).Should().Be((1, 0, 0, 1), "the Normandie row is new for its académie; the row without one is refused");
    }

    [Test]
    public async Task A_malformed_file_is_a_422_in_every_mode()
    {
        foreach (var query in new[] { "", "?mode=partial", "?dryRun=true", "?mode=partial&dryRun=true" })
        {
            var missing = await Problem(await Post(_importer, Endpoint, "title,kind\nMOOC,video\n", query: query),
                HttpStatusCode.UnprocessableEntity, "import_rejected");
            missing.GetProperty("errors")[0].GetProperty("line").GetInt32().Should().Be(1);
            await Problem(await Post(_importer, Endpoint, "", query: query), HttpStatusCode.UnprocessableEntity, "import_rejected");
            var broken = Encoding.UTF8.GetBytes(Csv(Mooc)).Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();
            await Problem(await Post(_importer, Endpoint, broken, "text/csv", query), HttpStatusCode.UnprocessableEntity, "import_rejected");
            await Problem(await Post(_importer, Endpoint, Csv(Mooc).Replace("\"II 3.3, I 3.1\"", "\"II 3.3"), query: query),
                HttpStatusCode.UnprocessableEntity, "import_rejected");
        }

        (await Bank()).Should().BeEmpty();
        (await Post(_importer, Endpoint, "{}", "application/xml")).StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task An_ndjson_file_imports_with_lists_as_arrays()
    {
        var ndjson = string.Join('\n', [
            JsonSerializer.Serialize(new
            {
                title = "Webinaire", description = "Un webinaire.", kind = "siteweb", format = "webinar", themes = new[] { "wellBeing" },
                guideSections = new[] { "II 2.4" }, link = "https://w.example.org", language = "fr", published = true,
            }),
            JsonSerializer.Serialize(new
            {
                title = "Schéma", description = "Un schéma.", kind = "SCHEMA", format = "pedagogicalScenario", guideSections = "II 2.5",
                link = "https://s.example.org", language = "fr",
            })]) + "\n";

        Counts(await Ok(await Post(_importer, Endpoint, ndjson, "application/x-ndjson"))).Should().Be((2, 0, 0, 0));
        var bank = await Bank();
        bank.Select(r => r.GetProperty("kind").GetString()).Should().BeEquivalentTo("siteWeb", "schema");
    }
}
