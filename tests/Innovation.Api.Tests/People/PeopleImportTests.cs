using System.Net;
using System.Text;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using static Innovation.Api.Tests.Imports.ImportFiles;

namespace Innovation.Api.Tests.People;

public sealed class PeopleImportTests(Engine engine) : ApiTest(engine)
{
    private const string Endpoint = "/api/v1/imports/people";
    private const string Evreux = "0271234V";
    private const string Header = "email,firstName,lastName,schoolUai,functions";

    [Test]
    public async Task A_csv_file_creates_its_people_with_pipe_or_comma_separated_functions()
    {
        await RegisterSchool(Evreux, "027");
        var normandie = await ClientFor("70", "imports:write", "people:read");
        var csv = $"""
            {Header}
            camille@ac-normandie.fr,Camille,Lefèvre,{Evreux},teacher|Trainer
            herve@ac-normandie.fr,Hervé,Dupont,,"cpc, ien"
            """;

        var report = await Ok(await Import(normandie, csv));

        Counts(report).Should().Be((2, 0, 0, 0));
        var camille = (await Json(await normandie.GetAsync("/api/v1/people?email=camille@ac-normandie.fr"))).GetProperty("items")[0];
        camille.GetProperty("lastName").GetString().Should().Be("Lefèvre");
        camille.GetProperty("academie").GetString().Should().Be("70");
        camille.GetProperty("schoolUai").GetString().Should().Be(Evreux);
        camille.GetProperty("functions").EnumerateArray().Select(f => f.GetString()).Should().Equal("teacher", "trainer");
        var herve = (await Json(await normandie.GetAsync("/api/v1/people?q=herve"))).GetProperty("items")[0];
        herve.GetProperty("functions").EnumerateArray().Select(f => f.GetString()).Should().Equal("cpc", "ien");
    }

    [Test]
    public async Task A_reimport_upserts_on_the_email_ignoring_case()
    {
        var csv = $"""
            {Header}
            camille@ac-normandie.fr,Camille,Lefèvre,,teacher
            herve@ac-normandie.fr,Hervé,Dupont,,cpc
            """;
        Counts(await Ok(await Import(Admin, csv, query: "?mode=atomic", academie: "70"))).Should().Be((2, 0, 0, 0));
        var id = (await Json(await Admin.GetAsync("/api/v1/people?email=camille@ac-normandie.fr"))).GetProperty("items")[0].GetProperty("id")
            .GetString();

        var again = csv.Replace("camille@ac-normandie.fr,Camille,Lefèvre", "CAMILLE@AC-NORMANDIE.FR,Camille,Martin");
        Counts(await Ok(await Import(Admin, again, academie: "70"))).Should().Be((0, 1, 1, 0));

        var camille = await Json(await Admin.GetAsync($"/api/v1/people/{id}"));
        camille.GetProperty("lastName").GetString().Should().Be("Martin", "the same person was updated, not a new one created");
        (await Json(await Admin.GetAsync("/api/v1/people"))).GetProperty("items").GetArrayLength().Should().Be(2);
    }

    [Test]
    public async Task A_dry_run_counts_and_reports_but_writes_nothing()
    {
        var csv = $"""
            {Header}
            camille@ac-normandie.fr,Camille,Lefèvre,,teacher
            not-an-email,Hervé,Dupont,,cpc
            """;

        var report = await Ok(await Import(Admin, csv, query: "?dryRun=true", academie: "70"));

        Counts(report).Should().Be((1, 0, 0, 1));
        report.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        var error = report.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("line").GetInt32().Should().Be(3);
        error.GetProperty("column").GetString().Should().Be("email");
        (await Json(await Admin.GetAsync("/api/v1/people"))).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task An_atomic_import_with_a_bad_row_is_a_422_and_writes_nothing()
    {
        await PeopleApi.Register(Admin, "70", "existing@ac-normandie.fr");
        var csv = $"""
            {Header}
            camille@ac-normandie.fr,Camille,Lefèvre,,teacher
            herve@ac-normandie.fr,Hervé,Dupont,{Evreux},cpc
            zoe@ac-normandie.fr,Zoé,Ézéchiel,,pupil
            camille@AC-normandie.fr,Camille,Twice,,teacher
            existing@ac-normandie.fr,Changed,Name,,teacher
            """;

        var problem = await Problem(await Import(Admin, csv, academie: "70"), HttpStatusCode.UnprocessableEntity, "import_rejected");

        problem.GetProperty("rejected").GetInt32().Should().Be(3);
        problem.GetProperty("created").GetInt32().Should().Be(1, "the counts say what the valid rows would have done");
        problem.GetProperty("updated").GetInt32().Should().Be(1);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        errors.Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString())).Should().BeEquivalentTo(
            [(3, "schoolUai"), (4, "functions"), (5, "email")]);
        errors.Single(e => e.GetProperty("line").GetInt32() == 5).GetProperty("message").GetString().Should().Contain("line 2");

        var people = (await Json(await Admin.GetAsync("/api/v1/people"))).GetProperty("items");
        people.EnumerateArray().Select(p => p.GetProperty("lastName").GetString()).Should().Equal("Lefèvre");
        people[0].GetProperty("email").GetString().Should().Be("existing@ac-normandie.fr");
    }

    [Test]
    public async Task A_partial_import_writes_the_valid_rows_and_reports_the_others()
    {
        var csv = $"""
            {Header}
            camille@ac-normandie.fr,Camille,Lefèvre,,teacher
            herve@ac-normandie.fr,,Dupont,,cpc
            zoe@ac-normandie.fr,Zoé,Ézéchiel,,ien
            """;

        var report = await Ok(await Import(Admin, csv, query: "?mode=partial", academie: "70"));

        Counts(report).Should().Be((2, 0, 0, 1));
        report.GetProperty("mode").GetString().Should().Be("partial");
        report.GetProperty("errors")[0].GetProperty("column").GetString().Should().Be("firstName");
        (await Json(await Admin.GetAsync("/api/v1/people"))).GetProperty("items").GetArrayLength().Should().Be(2);
    }

    [Test]
    public async Task A_malformed_file_is_a_422_in_every_mode()
    {
        var missingColumn = "email,firstName\ncamille@ac-normandie.fr,Camille\n";
        var problem = await Problem(await Import(Admin, missingColumn, query: "?mode=partial"), HttpStatusCode.UnprocessableEntity,
            "import_rejected");
        problem.GetProperty("errors")[0].GetProperty("line").GetInt32().Should().Be(1);

        await Problem(await Import(Admin, "", query: "?dryRun=true"), HttpStatusCode.UnprocessableEntity, "import_rejected");
        var invalidUtf8 = Encoding.UTF8.GetBytes($"{Header}\ncamille@ac-normandie.fr,Camille,L").Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes(",,teacher\n")).ToArray();
        await Problem(await Import(Admin, invalidUtf8, "text/csv"), HttpStatusCode.UnprocessableEntity, "import_rejected");
        (await Json(await Admin.GetAsync("/api/v1/people"))).GetProperty("items").GetArrayLength().Should().Be(0);
        (await Import(Admin, "{}", "application/xml")).StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task An_ndjson_file_imports_with_functions_as_an_array_or_a_text()
    {
        await RegisterSchool(Evreux, "027");
        var ndjson = $$"""
            {"email":"camille@ac-normandie.fr","firstName":"Camille","lastName":"Lefèvre","academie":"70","functions":["teacher","headOfSchool"]}

            {"email":"herve@ac-normandie.fr","firstName":"Hervé","lastName":"Dupont","schoolUai":"{{Evreux}}","functions":"cpc|ien"}
            {"email":"zoe@ac-normandie.fr","firstName":"Zoé","lastName":"Ézéchiel","functions":["teacher"]}
            """;

        var report = await Ok(await Import(Admin, ndjson, "application/x-ndjson", "?mode=partial"));

        Counts(report).Should().Be((2, 0, 0, 1));
        var error = report.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("line").GetInt32().Should().Be(4);
        error.GetProperty("message").GetString().Should().Contain("académie", "a national credential must say where a person belongs");
        var herve = (await Json(await Admin.GetAsync("/api/v1/people?email=herve@ac-normandie.fr"))).GetProperty("items")[0];
        herve.GetProperty("academie").GetString().Should().Be("70", "the académie follows from the school");
        herve.GetProperty("functions").EnumerateArray().Select(f => f.GetString()).Should().Equal("cpc", "ien");
        var camille = (await Json(await Admin.GetAsync("/api/v1/people?email=camille@ac-normandie.fr"))).GetProperty("items")[0];
        camille.GetProperty("functions").EnumerateArray().Select(f => f.GetString()).Should().Equal("teacher", "headOfSchool");
    }

    [Test]
    public async Task Rows_of_another_academie_are_rejected_and_never_written()
    {
        var normandie = await ClientFor("70", "imports:write");
        var csv = """
            email,firstName,lastName,academie,functions
            camille@ac-normandie.fr,Camille,Lefèvre,70,teacher
            dominique@ac-versailles.fr,Dominique,Versaillais,25,teacher
            """;

        var report = await Ok(await Import(normandie, csv, query: "?mode=partial"));

        Counts(report).Should().Be((1, 0, 0, 1));
        report.GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain("outside your académie");
        (await Json(await Admin.GetAsync("/api/v1/people?academie=25"))).GetProperty("items").GetArrayLength().Should().Be(0);
        (await (await ClientFor("70", "people:read")).GetAsync("/api/v1/imports/people")).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await (await ClientFor("70", "people:write")).PostAsync(Endpoint, new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "imports need imports:write");
    }

    [Test]
    public async Task Imported_people_are_published_without_names_or_emails()
    {
        var csv = $"""
            {Header}
            camille@ac-normandie.fr,Camille,Lefèvre,,teacher
            """;
        await Ok(await Import(Admin, csv, academie: "70"));

        await Eventually(async () =>
        {
            var feed = await Admin.GetAsync("/api/v1/events?limit=200");
            var text = await feed.Content.ReadAsStringAsync();
            var registered = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "PersonRegistered").ToList();
            if (registered.Count == 0)
            {
                return false;
            }

            registered.Select(e => e.GetRawText()).Should().AllSatisfy(raw => raw.Should().NotContain("Camille").And.NotContain("@"));
            return true;
        }, "PersonRegistered for the imported person appears in the feed");
    }

    /// <summary>Imports as <paramref name="client"/>; <paramref name="academie"/> adds an academie column to every CSV record.</summary>
    private static Task<HttpResponseMessage> Import(
        HttpClient client, string body, string contentType = "text/csv", string query = "", string? academie = null)
    {
        if (academie is not null)
        {
            var lines = body.Split('\n');
            body = string.Join('\n', lines.Select((l, i) => l.Length == 0 ? l : l.TrimEnd('\r') + "," + (i == 0 ? "academie" : academie)));
        }

        return Import(client, Encoding.UTF8.GetBytes(body), contentType, query);
    }

    private static Task<HttpResponseMessage> Import(HttpClient client, byte[] body, string contentType, string query = "") =>
        Post(client, Endpoint, body, contentType, query);

}
