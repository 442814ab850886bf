using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Innovation.Api.Tests.Imports;
using Innovation.Api.Tests.Infrastructure;
using static Innovation.Api.Tests.Imports.ImportFiles;

namespace Innovation.Api.Tests.Schools;

public sealed class SchoolImportTests(Engine engine) : ApiTest(engine)
{
    private const string Endpoint = "/api/v1/imports/schools";
    private const string Header = "uai,name,type,sector,departement,commune,latitude,longitude";

    [Test]
    public async Task A_comma_separated_file_creates_its_schools()
    {
        var csv = $"""
            {Header}
            0951099D,Lycée Évariste Galois,lycee,public,95,Sartrouville,48.94,2.16
            0301674G,École du Gard,ecole,private,030,Nîmes,,
            """;

        var report = await Ok(await Import(Admin, csv));

        Counts(report).Should().Be((2, 0, 0, 0));
        report.GetProperty("dryRun").GetBoolean().Should().BeFalse();
        report.GetProperty("mode").GetString().Should().Be("atomic");
        report.GetProperty("errors").GetArrayLength().Should().Be(0);
        report.GetProperty("ignoredColumns").GetArrayLength().Should().Be(0);
        report.TryGetProperty("errorsTruncated", out _).Should().BeFalse();

        var lycee = await Admin.GetAsync("/api/v1/schools/0951099D");
        lycee.Headers.ETag!.ToString().Should().Be("\"1\"");
        var school = await Json(lycee);
        school.GetProperty("name").GetString().Should().Be("Lycée Évariste Galois");
        school.GetProperty("departement").GetString().Should().Be("095");
        school.GetProperty("academie").GetString().Should().Be("25");
        school.GetProperty("latitude").GetDouble().Should().Be(48.94);
        var ecole = await Json(await Admin.GetAsync("/api/v1/schools/0301674G"));
        ecole.GetProperty("sector").GetString().Should().Be("private");
        ecole.GetProperty("priorityEducation").GetString().Should().Be("none");
        ecole.GetProperty("status").GetString().Should().Be("open");
        ecole.GetProperty("latitude").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Test]
    public async Task A_semicolon_file_with_bom_and_quoted_fields_counts_each_record_as_one_line()
    {
        // Record 2 spans two physical lines; the bad check letter is on record (line) 3.
        var csv = "uai;name;type;sector;departement;address\r\n"
            + "0951099D;\"Lycée \"\"Galois\"\"; annexe\";lycee;public;095;\"12 rue X\nBâtiment B\"\r\n"
            + "0301674H;Bad letter;ecole;public;030;\r\n"
            + "0301675H;\"Commas, are; fine\";ecole;public;030;\r\n";
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();

        var report = await Ok(await Import(Admin, body, "text/csv", "?mode=partial"));

        Counts(report).Should().Be((2, 0, 0, 1));
        report.GetProperty("mode").GetString().Should().Be("partial");
        var error = report.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("line").GetInt32().Should().Be(3);
        error.GetProperty("column").GetString().Should().Be("uai");
        error.GetProperty("message").GetString().Should().Contain("expected 'G'");

        var galois = await Json(await Admin.GetAsync("/api/v1/schools/0951099D"));
        galois.GetProperty("name").GetString().Should().Be("Lycée \"Galois\"; annexe");
        galois.GetProperty("address").GetString().Should().Be("12 rue X\nBâtiment B");
        (await Json(await Admin.GetAsync("/api/v1/schools/0301675H"))).GetProperty("name").GetString().Should().Be("Commas, are; fine");
    }

    [Test]
    public async Task The_annuaire_columns_and_labels_are_understood()
    {
        var row1 =
            "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Adresse_1;Code_postal;Nom_commune;" +
            "Code_departement;Code_academie;Libelle_academie;Appartenance_Education_Prioritaire;latitude;longitude;etat;Telephone";
        var csv = $$$"""
            {{{row1}}}
            0951099D;Lycée Évariste Galois;Lycée;Public;14 rue Jules Ferry;95500;Gonesse;095;25;Versailles;REP+;48,94;2,16;OUVERT;0102030405
            0141234R;Collège Saint-Joseph;Collège;Privé;;14000;Caen;014;70;Normandie;Hors EP;;;FERME;
            0271234V;Centre médico-social;Médico-social;Public;;;;027;;Normandie;REP;;;A FERMER;
            """;

        var report = await Ok(await Import(Admin, csv));

        Counts(report).Should().Be((3, 0, 0, 0), report.ToString());
        report.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()).Should().Equal("Libelle_academie", "Telephone");

        var lycee = await Json(await Admin.GetAsync("/api/v1/schools/0951099D"));
        lycee.GetProperty("type").GetString().Should().Be("lycee");
        lycee.GetProperty("sector").GetString().Should().Be("public");
        lycee.GetProperty("departement").GetString().Should().Be("095");
        lycee.GetProperty("academie").GetString().Should().Be("25");
        lycee.GetProperty("priorityEducation").GetString().Should().Be("repPlus");
        lycee.GetProperty("status").GetString().Should().Be("open");
        lycee.GetProperty("postcode").GetString().Should().Be("95500");
        lycee.GetProperty("address").GetString().Should().Be("14 rue Jules Ferry");
        lycee.GetProperty("latitude").GetDouble().Should().Be(48.94);
        lycee.GetProperty("longitude").GetDouble().Should().Be(2.16);

        var college = await Json(await Admin.GetAsync("/api/v1/schools/0141234R"));
        college.GetProperty("type").GetString().Should().Be("college");
        college.GetProperty("sector").GetString().Should().Be("private");
        college.GetProperty("priorityEducation").GetString().Should().Be("none");
        college.GetProperty("status").GetString().Should().Be("closed");

        var other = await Json(await Admin.GetAsync("/api/v1/schools/0271234V"));
        other.GetProperty("type").GetString().Should().Be("other");
        other.GetProperty("priorityEducation").GetString().Should().Be("rep");
        other.GetProperty("status").GetString().Should().Be("open");
        other.GetProperty("academie").GetString().Should().Be("70");
    }

    [Test]
    public async Task Libelle_academie_is_read_when_code_academie_is_absent()
    {
        var csv = """
            identifiant_de_l_etablissement;nom_etablissement;type_etablissement;statut_public_prive;code_departement;libelle_academie
            0951099D;Lycée;Lycée;Public;095;Normandie
            """;

        var problem = await Problem(await Import(Admin, csv), HttpStatusCode.UnprocessableEntity, "import_rejected");

        var error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("column").GetString().Should().Be("libelle_academie");
        error.GetProperty("message").GetString().Should().Contain("belongs to académie 25");
    }

    [Test]
    public async Task An_ndjson_file_is_imported_line_by_line()
    {
        var row1 =
            "{\"uai\":\"0951099D\",\"name\":\"Lycée Galois\",\"type\":\"lycee\",\"sector\":\"public\",\"departement\":\"095\",\"latitude\":48.94," +
            "\"longitude\":2.16,\"priorityEducation\":\"repPlus\",\"position\":{\"lat\":48.94,\"lon\":2.16}}";
        var ndjson = $$$"""
            {{{row1}}}

            {"UAI":"0301674G","Name":"École","type":"Ecole","sector":"Public","departement":30,"extra":true}
            {"uai":"0301675H", "name": }
            {"uai":"0301676J","name":{"fr":"Nom"},"type":"ecole","sector":"public","departement":"030"}
            """;

        var report = await Ok(await Import(Admin, ndjson, "application/x-ndjson", "?mode=partial"));

        Counts(report).Should().Be((2, 0, 0, 2), report.ToString());
        report.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()).Should().Equal("position", "extra");
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        errors[0].GetProperty("line").GetInt32().Should().Be(4, "blank lines are counted but ignored");
        errors[0].GetProperty("message").GetString().Should().Contain("not valid JSON");
        errors[1].GetProperty("line").GetInt32().Should().Be(5);
        errors[1].GetProperty("column").GetString().Should().Be("name");

        var lycee = await Json(await Admin.GetAsync("/api/v1/schools/0951099D"));
        lycee.GetProperty("priorityEducation").GetString().Should().Be("repPlus");
        lycee.GetProperty("longitude").GetDouble().Should().Be(2.16);
        (await Json(await Admin.GetAsync("/api/v1/schools/0301674G"))).GetProperty("type").GetString().Should().Be("ecole");
    }

    [Test]
    public async Task An_ndjson_line_over_one_mebibyte_rejects_only_that_row()
    {
        var longName = new string('x', (1 << 20) + 10);
        var ndjson = $$"""
            {"uai":"0301674G","name":"{{longName}}","type":"ecole","sector":"public","departement":"030"}
            {"uai":"0951099D","name":"Lycée","type":"lycee","sector":"public","departement":"095"}
            """;

        var report = await Ok(await Import(Admin, ndjson, "application/x-ndjson", "?mode=partial"));

        Counts(report).Should().Be((1, 0, 0, 1));
        var error = report.GetProperty("errors")[0];
        error.GetProperty("line").GetInt32().Should().Be(1);
        error.GetProperty("message").GetString().Should().Contain("longer than 1 MiB");
        (await Admin.GetAsync("/api/v1/schools/0951099D")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_dry_run_counts_and_writes_nothing()
    {
        await RegisterSchool("0951099D", "095", name: "Lycée Évariste Galois", type: "lycee", commune: "Sartrouville");
        await RegisterSchool("0301674G", "030", name: "Old name");
        var csv = $"""
            {Header}
            0951099D,Lycée Évariste Galois,lycee,public,095,Sartrouville,,
            0301674G,New name,ecole,public,030,,,
            0301675H,New school,ecole,public,030,,,
            0301676J,Bad sector,ecole,maybe,030,,,
            """;

        var report = await Ok(await Import(Admin, csv, query: "?dryRun=true"));

        report.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        Counts(report).Should().Be((1, 1, 1, 1));
        await Problem(await Admin.GetAsync("/api/v1/schools/0301675H"), HttpStatusCode.NotFound, "not_found");
        var unchanged = await Admin.GetAsync("/api/v1/schools/0301674G");
        unchanged.Headers.ETag!.ToString().Should().Be("\"1\"");
        (await Json(unchanged)).GetProperty("name").GetString().Should().Be("Old name");
    }

    [Test]
    public async Task An_atomic_import_with_one_bad_row_is_a_422_and_writes_nothing()
    {
        var csv = $"""
            {Header}
            0951099D,Lycée Galois,lycee,public,095,,,
            0301674G,École,ecole,public,030,,abc,2.1
            0301675H,Autre école,ecole,public,030,,,
            """;

        var problem = await Problem(await Import(Admin, csv), HttpStatusCode.UnprocessableEntity, "import_rejected");

        problem.GetProperty("dryRun").GetBoolean().Should().BeFalse();
        problem.GetProperty("mode").GetString().Should().Be("atomic");
        problem.GetProperty("rejected").GetInt32().Should().Be(1);
        problem.GetProperty("created").GetInt32().Should().Be(2, "the counts say what the valid rows would have done");
        problem.GetProperty("detail").GetString().Should().Contain("nothing was written");
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("line").GetInt32().Should().Be(3);
        error.GetProperty("column").GetString().Should().Be("latitude");
        error.GetProperty("message").GetString().Should().Contain("'abc' is not a number");

        await Problem(await Admin.GetAsync("/api/v1/schools/0951099D"), HttpStatusCode.NotFound, "not_found");
        await Problem(await Admin.GetAsync("/api/v1/schools/0301675H"), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task A_partial_import_writes_the_good_rows_and_reports_the_bad_one_by_file_column()
    {
        var csv = """
            identifiant_de_l_etablissement;nom_etablissement;type_etablissement;statut_public_prive;code_departement
            0951099D;Lycée Galois;Lycée;Public;095
            0951099E;Wrong letter;Lycée;Public;095
            0301674G;École;Ecole;Peut-être;030
            0301675H;Autre école;Ecole;Public;031
            0301676J;Encore une;Ecole;Public;030
            """;

        var report = await Ok(await Import(Admin, csv, query: "?mode=partial"));

        Counts(report).Should().Be((2, 0, 0, 3));
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => (Line: e.GetProperty("line").GetInt32(), Column: e.GetProperty("column").GetString(), Message: e.GetProperty("message")
                .GetString()!))
            .ToList();
        errors.Select(e => (e.Line, e.Column)).Should().Equal(
            (3, "identifiant_de_l_etablissement"), (4, "statut_public_prive"), (5, "code_departement"));
        errors[0].Message.Should().Contain("expected 'D'");
        errors[1].Message.Should().Contain("Peut-être");
        errors[2].Message.Should().Contain("belongs to département 030");

        (await Admin.GetAsync("/api/v1/schools/0951099D")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Admin.GetAsync("/api/v1/schools/0301676J")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Admin.GetAsync("/api/v1/schools/0301674G")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Importing_the_same_file_again_changes_nothing_and_a_changed_row_is_updated()
    {
        var csv = $"""
            {Header}
            0951099D,Lycée Galois,lycee,public,095,Sartrouville,48.94,2.16
            0301674G,École du Gard,ecole,public,030,Nîmes,,
            """;
        Counts(await Ok(await Import(Admin, csv))).Should().Be((2, 0, 0, 0));

        Counts(await Ok(await Import(Admin, csv))).Should().Be((0, 0, 2, 0));
        (await Admin.GetAsync("/api/v1/schools/0951099D")).Headers.ETag!.ToString().Should().Be("\"1\"");

        var changed = csv.Replace("Lycée Galois", "Lycée Évariste Galois");
        Counts(await Ok(await Import(Admin, changed))).Should().Be((0, 1, 1, 0));
        var school = await Admin.GetAsync("/api/v1/schools/0951099D");
        school.Headers.ETag!.ToString().Should().Be("\"2\"");
        (await Json(school)).GetProperty("name").GetString().Should().Be("Lycée Évariste Galois");
        (await Admin.GetAsync("/api/v1/schools/0301674G")).Headers.ETag!.ToString().Should().Be("\"1\"");
    }

    [Test]
    public async Task An_unterminated_quote_is_a_precise_file_error_and_nothing_is_written()
    {
        var csv = $"""
            {Header}
            0951099D,Lycée Galois,lycee,public,095,,,
            0301674G,"École du Gard,ecole,public,030,,,
            0301675H,Autre école,ecole,public,030,,,
            """;

        var problem = await Problem(await Import(Admin, csv), HttpStatusCode.UnprocessableEntity, "import_rejected");

        var error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("line").GetInt32().Should().Be(3);
        error.GetProperty("column").GetString().Should().Be("name");
        error.GetProperty("message").GetString().Should().Contain("never closed");
        await Problem(await Admin.GetAsync("/api/v1/schools/0951099D"), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task File_errors_name_the_missing_column_the_bad_bytes_and_a_record_of_the_wrong_width()
    {
        var missing = await Problem(await Import(Admin, "uai;name;sector;departement\n0951099D;X;public;095\n"),
            HttpStatusCode.UnprocessableEntity, "import_rejected");
        var error = missing.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("line").GetInt32().Should().Be(1);
        error.GetProperty("column").GetString().Should().Be("type");
        error.GetProperty("message").GetString().Should().Contain("type_etablissement");

        var latin1 = Encoding.UTF8.GetBytes($"{Header}\n0951099D,Lyc").Concat(new byte[] { 0xE9 })
            .Concat(Encoding.UTF8.GetBytes("e,lycee,public,095,,,\n")).ToArray();
        var encoding = await Problem(await Import(Admin, latin1, "text/csv", "?dryRun=true"), HttpStatusCode.UnprocessableEntity, "import_rejected");
        var bad = encoding.GetProperty("errors").EnumerateArray().Single();
        bad.GetProperty("line").GetInt32().Should().Be(2);
        bad.GetProperty("message").GetString().Should().Contain("not valid UTF-8");

        var width = await Ok(await Import(Admin, $"{Header}\n0951099D,Lycée,lycee,public,095,,\n", query: "?dryRun=true"));
        width.GetProperty("rejected").GetInt32().Should().Be(1);
        width.GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain("7 fields but the header has 8");
    }

    [Test]
    public async Task A_uai_repeated_in_the_file_is_rejected_naming_its_first_line()
    {
        var csv = $"""
            {Header}
            0951099D,Lycée Galois,lycee,public,095,,,
            0301674G,École,ecole,public,030,,,
            0951099d,Lycée Galois bis,lycee,public,095,,,
            """;

        var report = await Ok(await Import(Admin, csv, query: "?mode=partial"));

        Counts(report).Should().Be((2, 0, 0, 1));
        var error = report.GetProperty("errors")[0];
        error.GetProperty("line").GetInt32().Should().Be(4);
        error.GetProperty("column").GetString().Should().Be("uai");
        error.GetProperty("message").GetString().Should().Contain("line 2");
        (await Json(await Admin.GetAsync("/api/v1/schools/0951099D"))).GetProperty("name").GetString().Should().Be("Lycée Galois");
    }

    [Test]
    public async Task Other_media_types_are_a_415_and_an_unknown_mode_a_400()
    {
        var json = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        await Problem(await Admin.SendAsync(json), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

        var none = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Header)) };
        await Problem(await Admin.SendAsync(none), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

        var mode = await Problem(await Import(Admin, Header, query: "?mode=sometimes"), HttpStatusCode.BadRequest, "validation_failed");
        mode.GetProperty("errors").GetProperty("mode")[0].GetString().Should().Contain("atomic, partial");

        await Problem(await Import(Admin, Header, query: "?dryrun=true&force=1"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task An_academie_key_cannot_import_or_touch_schools_of_another_academie()
    {
        // 975 (Saint-Pierre-et-Miquelon, académie 44): its UAI prefix names no département, so a row
        // can claim a Normandie département for it; the existing school must still be off limits.
        var foreignUai = WithLetter("9750001");
        await RegisterSchool(foreignUai, "975", name: "Saint-Pierre");
        var normandie = await ClientFor("70", "imports:write", "schools:read");
        var csv = $"""
            {Header}
            {WithLetter("0141234")},Collège de Caen,college,public,014,Caen,,
            0951099D,Lycée Galois,lycee,public,095,,,
            {foreignUai},Hijack,ecole,public,014,,,
            """;

        var report = await Ok(await Import(normandie, csv, query: "?mode=partial"));

        Counts(report).Should().Be((1, 0, 0, 2));
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        errors.Select(e => e.GetProperty("line").GetInt32()).Should().Equal(3, 4);
        errors[0].GetProperty("message").GetString().Should()
            .Be("School 0951099D is outside your académie: your credential is limited to académie 70.");
        errors[1].GetProperty("message").GetString().Should()
            .Be($"School {foreignUai} is outside your académie: your credential is limited to académie 70.");
        errors.Should().OnlyContain(e => e.GetProperty("column").GetString() == "uai");

        (await normandie.GetAsync($"/api/v1/schools/{WithLetter("0141234")}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Admin.GetAsync("/api/v1/schools/0951099D")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var foreign = await Admin.GetAsync($"/api/v1/schools/{foreignUai}");
        foreign.Headers.ETag!.ToString().Should().Be("\"1\"");
        (await Json(foreign)).GetProperty("name").GetString().Should().Be("Saint-Pierre");
    }

    [Test]
    public async Task Errors_of_a_file_of_several_batches_are_listed_batch_by_batch_while_the_next_batch_is_read()
    {
        // A batch is written while the next one is read: the errors found in the write of a batch (a
        // school of another académie, line 400) still come before those of the rows read meanwhile (line 600).
        var foreignUai = WithLetter("9750002");
        await RegisterSchool(foreignUai, "975", name: "Saint-Pierre");
        var normandie = await ClientFor("70", "imports:write", "schools:read");
        var csv = new StringBuilder(Header).Append('\n');
        for (var line = 2; line <= 1201; line++)
        {
            csv.Append(line switch
            {
                10 or 600 or 1100 => $"{WithLetter($"014{line:0000}")},,college,public,014,,,\n",
                400 => $"{foreignUai},Hijack,ecole,public,014,,,\n",
                _ => $"{WithLetter($"014{line:0000}")},Collège {line},college,public,014,Caen,,\n",
            });
        }

        var report = await Ok(await Import(normandie, csv.ToString(), query: "?mode=partial"));

        Counts(report).Should().Be((1196, 0, 0, 4));
        report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).Should().Equal(10, 400, 600, 1100);
        (await Json(await Admin.GetAsync($"/api/v1/schools/{foreignUai}"))).GetProperty("name").GetString().Should().Be("Saint-Pierre");
        (await normandie.GetAsync($"/api/v1/schools/{WithLetter("0141201")}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task An_idempotency_key_replays_the_first_report_without_importing_again()
    {
        var csv = $"""
            {Header}
            0951099D,Lycée Galois,lycee,public,095,,,
            0301674G,École,ecole,public,030,,,
            """;

        var first = await Import(Admin, csv, idempotencyKey: "import-2024-09-01");
        var firstBody = await first.Content.ReadAsStringAsync();
        first.StatusCode.Should().Be(HttpStatusCode.OK, firstBody);
        var second = await Import(Admin, csv, idempotencyKey: "import-2024-09-01");

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        var secondBody = await second.Content.ReadAsStringAsync();
        secondBody.Should().Be(firstBody);
        Counts(JsonDocument.Parse(secondBody).RootElement).Should().Be((2, 0, 0, 0), "a re-import would have found them unchanged");

        var reused = await Import(Admin, csv.Replace("École", "Autre"), idempotencyKey: "import-2024-09-01");
        await Problem(reused, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Test]
    public async Task Imported_schools_are_published_as_events()
    {
        var csv = $"""
            {Header}
            0951099D,Lycée Galois,lycee,public,095,,,
            0301674G,École,ecole,public,030,,,
            """;
        await Ok(await Import(Admin, csv));

        // Walk the whole feed: a previous test's in-flight batch may still land in it after the reset.
        await Eventually(async () =>
        {
            var registered = new List<string?>();
            string? cursor = null;
            do
            {
                var feed = await Json(await Admin.GetAsync("/api/v1/events?limit=200" + (cursor is null ? "" : "&after=" + cursor)));
                registered.AddRange(feed.GetProperty("items").EnumerateArray()
                    .Where(e => e.GetProperty("type").GetString() == "SchoolRegistered")
                    .Select(e => e.GetProperty("payload").GetProperty("school").GetProperty("uai").GetString()));
                cursor = feed.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            }
            while (cursor is not null);

            return registered.Contains("0951099D") && registered.Contains("0301674G");
        }, "SchoolRegistered for both imported schools appears in the feed");
    }

    [Test]
    public async Task Errors_are_capped_at_a_thousand_but_every_rejected_row_is_counted()
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 1200; i++)
        {
            csv.Append(WithLetter($"095{i:0000}")).Append(",,lycee,public,095,,,\n");
        }

        var report = await Ok(await Import(Admin, csv.ToString(), query: "?dryRun=true"));

        report.GetProperty("rejected").GetInt32().Should().Be(1200);
        report.GetProperty("errors").GetArrayLength().Should().Be(1000);
        report.GetProperty("errorsTruncated").GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task A_hundred_thousand_row_file_streams_in_and_is_created()
    {
        const int rows = 100_000;
        string[] departements = ["059", "062", "069", "075", "076", "078", "091", "092", "093", "094"];
        var stopwatch = Stopwatch.StartNew();
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StreamContent(GeneratedSchools(rows, departements)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var response = await Admin.SendAsync(request);

        var report = await Ok(response);
        TestContext.Progress.WriteLine($"Imported {rows} rows in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Counts(report).Should().Be((rows, 0, 0, 0), report.ToString());
        var sample = GeneratedUai("091", 4321);
        var school = await Json(await Admin.GetAsync($"/api/v1/schools/{sample}"));
        school.GetProperty("name").GetString().Should().Be("École 091-4321");
        school.GetProperty("departement").GetString().Should().Be("091");
        school.GetProperty("academie").GetString().Should().Be("25");
        (await Json(await Admin.GetAsync("/api/v1/schools?departement=076&limit=200"))).GetProperty("items").GetArrayLength().Should().Be(200);
    }

    private static Task<HttpResponseMessage> Import(
        HttpClient client, string body, string contentType = "text/csv", string query = "", string? idempotencyKey = null) =>
        Post(client, Endpoint, body, contentType, query, idempotencyKey);

    private static Task<HttpResponseMessage> Import(
        HttpClient client, byte[] body, string contentType, string query = "", string? idempotencyKey = null) =>
        Post(client, Endpoint, body, contentType, query, idempotencyKey);


    /// <summary>The 7 digits and their check letter, computed independently of the API.</summary>
    private static string WithLetter(string digits) => digits + "ABCDEFGHJKLMNPRSTUVWXYZ"[(int)(long.Parse(digits) % 23)];

    /// <summary>A CSV produced as it is read: rows spread over départements, 10,000 per département at most.</summary>
    private static GeneratedCsv GeneratedSchools(int rows, string[] departements) =>
        new("uai;name;type;sector;departement;commune;latitude;longitude", rows, next =>
        {
            var departement = departements[next % departements.Length];
            var number = next / departements.Length;
            return $"{GeneratedUai(departement, number)};École {departement}-{number};ecole;public;{departement};Commune " +
                $"{number % 500};48.{number % 1000:000};2.{number % 100:00}";
        });

    private static string GeneratedUai(string departement, int number) => WithLetter($"{departement}{number:0000}");
}
