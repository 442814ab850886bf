using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Imports;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Innovation.Modules.Projects.Features.SchoolDirectory;
using Microsoft.Extensions.DependencyInjection;
using static Innovation.Api.Tests.Imports.ImportFiles;

namespace Innovation.Api.Tests.Projects;

public sealed class ProjectImportTests(Engine engine) : ProjectApiTest(engine)
{
    private const string Endpoint = "/api/v1/imports/projects";
    private const string Header =
        "external_reference;title;summary;schools;themes;levels;tags;pupils_concerned;planned_start;planned_end;is_public;team;canvas_needs";
    private const string Team = "carrier:Ada Lovelace:ada.lovelace@ac-versailles.fr|headOfSchoolSponsor:Blaise Pascal:blaise.pascal@ac-versailles.fr";

    [SetUp]
    public Task Schools() => StandardSchools();

    [Test]
    public async Task A_csv_file_creates_draft_projects_with_their_delimited_lists()
    {
        var row1 =
            $"CARDIE-1;Classe dehors;Une demi-journée dehors.;{Galois}|{Jaures};wellBeing|science-and-gender-mix;cycle3|Cycle4;outdoor|sciences;48;" +
            $"2026-09-01;2027-06-30;oui;{Team};\"Des élèves; peu à l'aise.\"";
        var row2 =
            $"CARDIE-2;Radio scolaire;Une radio au collège.;{Curie};orientation;;;;;;0;porteur:Marie Curie:Marie.Curie@ac-versailles.fr|" +
            $"contributeur:Jean: le stagiaire:jean@ac-versailles.fr;";
        var csv = $"""
            {Header}
            {row1}
            {row2}
            """;

        var report = await Ok(await Import(Admin, csv));

        Counts(report).Should().Be((2, 0, 0, 0));
        report.GetProperty("mode").GetString().Should().Be("atomic");
        report.GetProperty("dryRun").GetBoolean().Should().BeFalse();

        var (first, etag) = await ProjectByReference("CARDIE-1");
        etag.Should().Be("\"1\"");
        first.GetProperty("status").GetString().Should().Be("draft");
        first.GetProperty("academie").GetString().Should().Be("25");
        first.GetProperty("schools").EnumerateArray().Select(s => s.GetProperty("uai").GetString()).Should().Equal(Galois, Jaures);
        first.GetProperty("themes").EnumerateArray().Select(t => t.GetString()).Should().Equal("scienceAndGenderMix", "wellBeing");
        first.GetProperty("levels").EnumerateArray().Select(t => t.GetString()).Should().Equal("cycle3", "cycle4");
        first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("outdoor", "sciences");
        first.GetProperty("pupilsConcerned").GetInt32().Should().Be(48);
        first.GetProperty("plannedEnd").GetString().Should().Be("2027-06-30");
        first.GetProperty("isPublic").GetBoolean().Should().BeTrue();
        first.GetProperty("canvas").GetProperty("needs").GetString().Should().Be("Des élèves; peu à l'aise.");
        first.GetProperty("team").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("name").GetString(),
            m.GetProperty("email").GetString()))
            .Should().Equal(("carrier", "Ada Lovelace", "ada.lovelace@ac-versailles.fr"),
                ("headOfSchoolSponsor", "Blaise Pascal", "blaise.pascal@ac-versailles.fr"));

        var (second, _) = await ProjectByReference("CARDIE-2");
        second.GetProperty("isPublic").GetBoolean().Should().BeFalse();
        second.GetProperty("team").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("name").GetString(),
            m.GetProperty("email").GetString()))
            .Should().Equal(("carrier", "Marie Curie", "marie.curie@ac-versailles.fr"),
                ("contributor", "Jean: le stagiaire", "jean@ac-versailles.fr"));

        var history = await Db.ReadAsync(c => c.QueryAsync<string>(
            "SELECT t.action FROM projects.project_transition t JOIN projects.project p ON p.id = t.project_id WHERE p.external_reference = " +
                "'CARDIE-1'"), CancellationToken.None);
        history.Should().Equal("create");
    }

    [Test]
    public async Task Importing_again_leaves_identical_projects_alone_and_replaces_changed_ones()
    {
        var csv = $"""
            {Header}
            CARDIE-1;Classe dehors;Résumé.;{Galois};wellBeing;cycle3;outdoor;48;2026-09-01;2027-06-30;true;{Team};Besoins.
            CARDIE-2;Radio scolaire;Résumé.;{Curie};orientation;;;;;;false;{Team};
            """;
        Counts(await Ok(await Import(Admin, csv))).Should().Be((2, 0, 0, 0));
        var (created, _) = await ProjectByReference("CARDIE-1");

        Counts(await Ok(await Import(Admin, csv))).Should().Be((0, 0, 2, 0));
        (await ProjectByReference("CARDIE-1")).ETag.Should().Be("\"1\"");

        var changed = csv.Replace("Classe dehors", "Classe dehors au cycle 3").Replace($"{Curie};orientation", $"{Curie}|{Jaures};orientation");
        Counts(await Ok(await Import(Admin, changed))).Should().Be((0, 2, 0, 0));
        var (updated, etag) = await ProjectByReference("CARDIE-1");
        etag.Should().Be("\"2\"");
        updated.GetProperty("id").GetString().Should().Be(created.GetProperty("id").GetString(), "the row upserts on the external reference");
        updated.GetProperty("title").GetString().Should().Be("Classe dehors au cycle 3");
        updated.GetProperty("status").GetString().Should().Be("draft");
        (await ProjectByReference("CARDIE-2")).Project.GetProperty("schools").GetArrayLength().Should().Be(2);

        // A team listed in another case or with spaces is the same team: nothing to write.
        Counts(await Ok(await Import(Admin, changed.Replace("ada.lovelace@", " ADA.Lovelace@")))).Should().Be((0, 0, 2, 0));
    }

    [Test]
    public async Task An_ndjson_file_takes_json_arrays_team_objects_and_delimited_texts()
    {
        var row1 =
            $"{{\"externalReference\":\"NEFE-7\",\"title\":\"Robotique\",\"summary\":\"Des robots.\",\"schools\":[\"{Galois}\"]," +
            $"\"themes\":[\"digitalAndAi\"],\"levels\":\"cycle4\",\"team\":[{{\"role\":\"carrier\",\"name\":\"Ada Lovelace\"," +
            $"\"email\":\"ada@ac-versailles.fr\"}},\"coCarrier:Alan Turing:alan@ac-versailles.fr\"],\"canvas\":{{\"x\":1}},\"isPublic\":true," +
            $"\"pupilsConcerned\":30}}";
        var row2 =
            $"{{\"external_reference\":\"NEFE-8\",\"title\":\"Théâtre\",\"summary\":\"Du théâtre.\",\"schools\":\"{Jaures}|{Curie}\"," +
            $"\"themes\":\"wellBeing\",\"team\":\"carrier:Molière:moliere@ac-versailles.fr\",\"needs\":\"Oser parler.\"}}";
        var row3 =
            $"{{\"external_reference\":\"NEFE-9\",\"title\":\"Bad\",\"summary\":\"Bad.\",\"schools\":[\"{Galois}\"],\"themes\":[\"wellBeing\"]," +
            $"\"team\":{{\"role\":\"carrier\"}},\"tags\":\"x\"}}";
        var ndjson = $$$"""
            {{{row1}}}

            {{{row2}}}
            {{{row3}}}
            """;

        var report = await Ok(await Import(Admin, ndjson, "application/x-ndjson", "?mode=partial"));

        Counts(report).Should().Be((2, 0, 0, 1), report.ToString());
        report.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()).Should().Equal("canvas");
        var error = report.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("line").GetInt32().Should().Be(4);
        error.GetProperty("column").GetString().Should().Be("team");

        var (robots, _) = await ProjectByReference("NEFE-7");
        robots.GetProperty("team").EnumerateArray().Select(m => m.GetProperty("role").GetString()).Should().Equal("carrier", "coCarrier");
        robots.GetProperty("levels")[0].GetString().Should().Be("cycle4");
        robots.GetProperty("pupilsConcerned").GetInt32().Should().Be(30);
        var (theatre, _) = await ProjectByReference("NEFE-8");
        theatre.GetProperty("schools").GetArrayLength().Should().Be(2);
        theatre.GetProperty("canvas").GetProperty("needs").GetString().Should().Be("Oser parler.");
    }

    [Test]
    public async Task A_dry_run_counts_and_writes_nothing()
    {
        await Ok(await Import(Admin, $"{Header}\nCARDIE-1;Old;Résumé.;{Galois};wellBeing;;;;;;;{Team};\n"));
        var csv = $"""
            {Header}
            CARDIE-1;New;Résumé.;{Galois};wellBeing;;;;;;;{Team};
            CARDIE-2;Created;Résumé.;{Galois};wellBeing;;;;;;;{Team};
            CARDIE-3;Bad theme;Résumé.;{Galois};astrology;;;;;;;{Team};
            """;

        var report = await Ok(await Import(Admin, csv, query: "?dryRun=true"));

        report.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        Counts(report).Should().Be((1, 1, 0, 1));
        var (project, etag) = await ProjectByReference("CARDIE-1");
        etag.Should().Be("\"1\"");
        project.GetProperty("title").GetString().Should().Be("Old");
        (await ReferenceCount("CARDIE-2")).Should().Be(0);
    }

    [Test]
    public async Task An_atomic_import_with_one_bad_row_is_a_422_and_writes_nothing()
    {
        var csv = $"""
            {Header}
            CARDIE-1;Classe dehors;Résumé.;{Galois};wellBeing;;;;2027-01-01;2026-01-01;;{Team};
            CARDIE-2;Radio;Résumé.;{Curie};orientation;;;;;;;{Team};
            """;

        var problem = await Problem(await Import(Admin, csv), HttpStatusCode.UnprocessableEntity, "import_rejected");

        problem.GetProperty("rejected").GetInt32().Should().Be(1);
        problem.GetProperty("created").GetInt32().Should().Be(1, "the counts say what the valid rows would have done");
        problem.GetProperty("detail").GetString().Should().Contain("nothing was written");
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("line").GetInt32().Should().Be(2);
        error.GetProperty("column").GetString().Should().Be("planned_end");
        (await ReferenceCount("CARDIE-2")).Should().Be(0);
    }

    [Test]
    public async Task A_partial_import_writes_the_good_rows_and_reports_each_bad_one_by_column()
    {
        var csv = $"""
            {Header}
            CARDIE-1;Classe dehors;Résumé.;{Galois};wellBeing;;;;;;;{Team};
            ;No reference;Résumé.;{Galois};wellBeing;;;;;;;{Team};
            CARDIE-3;Bad team;Résumé.;{Galois};wellBeing;;;;;;;carrier-Ada-ada@x.fr;
            CARDIE-4;No carrier;Résumé.;{Galois};wellBeing;;;;;;;contributor:Ada:not-an-email;
            CARDIE-5;Bad public flag;Résumé.;{Galois};wellBeing;;;many;;;peut-être;{Team};
            CARDIE-6;Radio;Résumé.;{Curie};orientation;;;;;;;{Team};
            """;

        var report = await Ok(await Import(Admin, csv, query: "?mode=partial"));

        Counts(report).Should().Be((2, 0, 0, 4), report.ToString());
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => (Line: e.GetProperty("line").GetInt32(), Column: e.GetProperty("column").GetString(), Message: e.GetProperty("message")
                .GetString()!))
            .ToList();
        errors.Select(e => (e.Line, e.Column)).Should().Equal(
            (3, "external_reference"), (4, "team"), (5, "team"), (5, "team"), (6, "pupils_concerned"), (6, "is_public"));
        errors[1].Message.Should().Contain("role:name:email");
        errors[2].Message.Should().Contain("carrier");
        errors[3].Message.Should().StartWith("Team member 1:");
        (await ReferenceCount("CARDIE-1")).Should().Be(1);
        (await ReferenceCount("CARDIE-6")).Should().Be(1);
        (await ReferenceCount("CARDIE-5")).Should().Be(0);
    }

    [Test]
    public async Task Malformed_files_are_rejected_whole_with_a_precise_error()
    {
        var quote = $"""
            {Header}
            CARDIE-1;Classe dehors;Résumé.;{Galois};wellBeing;;;;;;;{Team};
            CARDIE-2;"Radio;Résumé.;{Curie};orientation;;;;;;;{Team};
            """;
        var broken = await Problem(await Import(Admin, quote), HttpStatusCode.UnprocessableEntity, "import_rejected");
        var error = broken.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("line").GetInt32().Should().Be(3);
        error.GetProperty("message").GetString().Should().Contain("never closed");

        var missing = await Problem(await Import(Admin, $"external_reference;title;summary;schools;themes\nX;T;S;{Galois};wellBeing\n",
            query: "?mode=partial"),
            HttpStatusCode.UnprocessableEntity, "import_rejected");
        var column = missing.GetProperty("errors").EnumerateArray().Single();
        column.GetProperty("line").GetInt32().Should().Be(1);
        column.GetProperty("column").GetString().Should().Be("team");

        var latin1 = Encoding.UTF8.GetBytes($"{Header}\nCARDIE-1;Classe dehors;R").Concat(new byte[] { 0xE9 })
            .Concat(Encoding.UTF8.GetBytes($"sum;{Galois};wellBeing;;;;;;;{Team};\n")).ToArray();
        var encoding = await Problem(await Import(Admin, latin1, "text/csv"), HttpStatusCode.UnprocessableEntity, "import_rejected");
        encoding.GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain("not valid UTF-8");

        await Problem(await Import(Admin, ""), HttpStatusCode.UnprocessableEntity, "import_rejected");
        (await ReferenceCount("CARDIE-1")).Should().Be(0);

        var json = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        await Problem(await Admin.SendAsync(json), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Test]
    public async Task A_reference_repeated_in_the_file_is_rejected_naming_its_first_line()
    {
        var csv = $"""
            {Header}
            CARDIE-1;Classe dehors;Résumé.;{Galois};wellBeing;;;;;;;{Team};
            CARDIE-2;Radio;Résumé.;{Curie};orientation;;;;;;;{Team};
            cardie-1;Classe dehors bis;Résumé.;{Galois};wellBeing;;;;;;;{Team};
            """;

        var report = await Ok(await Import(Admin, csv, query: "?mode=partial"));

        Counts(report).Should().Be((2, 0, 0, 1));
        var error = report.GetProperty("errors")[0];
        error.GetProperty("line").GetInt32().Should().Be(4);
        error.GetProperty("column").GetString().Should().Be("external_reference");
        error.GetProperty("message").GetString().Should().Contain("line 2");
        (await ProjectByReference("CARDIE-1")).Project.GetProperty("title").GetString().Should().Be("Classe dehors");
    }

    [Test]
    public async Task Schools_are_checked_as_on_create_and_a_closed_school_stays_on_its_project()
    {
        await Ok(await Import(Admin, $"{Header}\nKEEP;Garde;Résumé.;{Galois}|{Jaures};wellBeing;;;;;;;{Team};\n"));
        await CloseSchool(Jaures);
        var csv = $"""
            {Header}
            KEEP;Garde, renommé;Résumé.;{Galois}|{Jaures};wellBeing;;;;;;;{Team};
            MIXED;Deux académies;Résumé.;{Galois}|{Nimes};wellBeing;;;;;;;{Team};
            UNKNOWN;Inconnue;Résumé.;{Galois}|0951234W;wellBeing;;;;;;;{Team};
            CLOSED;Fermée;Résumé.;{Jaures};wellBeing;;;;;;;{Team};
            """;

        var report = await Ok(await Import(Admin, csv, query: "?mode=partial"));

        Counts(report).Should().Be((0, 1, 0, 3), report.ToString());
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        errors.Select(e => e.GetProperty("line").GetInt32()).Should().Equal(3, 4, 5);
        errors.Should().OnlyContain(e => e.GetProperty("column").GetString() == "schools");
        errors[0].GetProperty("message").GetString().Should().Contain($"School {Nimes} belongs to académie 11");
        errors[1].GetProperty("message").GetString().Should().Contain("not in the school directory");
        errors[2].GetProperty("message").GetString().Should().Contain("is closed");
        var (kept, etag) = await ProjectByReference("KEEP");
        etag.Should().Be("\"2\"");
        kept.GetProperty("schools").EnumerateArray().Select(s => s.GetProperty("closed").GetBoolean()).Should().Equal(false, true);
    }

    [Test]
    public async Task An_academie_key_imports_its_own_rows_and_rejects_the_others()
    {
        var versailles = await ClientFor("25", "imports:write");
        var csv = $"""
            external_reference;title;summary;schools;themes;team;academie
            OWN;Chez nous;Résumé.;{Galois};wellBeing;{Team};
            GARD;Ailleurs;Résumé.;{Nimes};wellBeing;{Team};
            NAMED;Nommée ailleurs;Résumé.;{Galois};wellBeing;{Team};Montpellier
            """;

        var report = await Ok(await Import(versailles, csv, query: "?mode=partial"));

        Counts(report).Should().Be((1, 0, 0, 2), report.ToString());
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        errors.Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString())).Should().Equal((3, "schools"), (4, "academie"));
        errors.Should().OnlyContain(e => e.GetProperty("message").GetString()!.Contains("limited to académie 25"));
        (await ReferenceCount("OWN")).Should().Be(1);
        (await ReferenceCount("GARD")).Should().Be(0);

        // The national administrator's identical reference in another académie is another project.
        await Ok(await Import(Admin, $"external_reference;title;summary;schools;themes;team\nOWN;Au Gard;Résumé.;{Nimes};wellBeing;{Team}\n"));
        (await ReferenceCount("OWN")).Should().Be(2);
        (await ProjectByReference("OWN", "25")).Project.GetProperty("title").GetString().Should().Be("Chez nous");

        await Problem(await Import(await ClientFor("25", "projects:write"), csv), HttpStatusCode.Forbidden, "forbidden");
    }

    [Test]
    public async Task A_project_past_review_is_only_left_alone_when_its_row_is_identical()
    {
        var row = $"DONE;Terminé;Résumé.;{Galois};wellBeing;;;;;;;{Team};";
        await Ok(await Import(Admin, $"{Header}\n{row}\n"));
        await Db.WriteAsync((c, t) => c.ExecuteAsync("UPDATE projects.project SET status = 'archived' WHERE external_reference = 'DONE'",
            transaction: t), CancellationToken.None);

        Counts(await Ok(await Import(Admin, $"{Header}\n{row}\n"))).Should().Be((0, 0, 1, 0));
        var problem = await Problem(await Import(Admin, $"{Header}\n{row.Replace("Terminé", "Rouvert")}\n"), HttpStatusCode.UnprocessableEntity,
            "import_rejected");

        var error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("column").GetString().Should().Be("external_reference");
        error.GetProperty("message").GetString().Should().Contain("is archived");
        var (project, etag) = await ProjectByReference("DONE");
        etag.Should().Be("\"1\"");
        project.GetProperty("status").GetString().Should().Be("archived");
    }

    [Test]
    public async Task An_idempotency_key_replays_the_first_report_without_importing_again()
    {
        var csv = $"""
            {Header}
            CARDIE-1;Classe dehors;Résumé.;{Galois};wellBeing;;;;;;;{Team};
            """;

        var first = await Import(Admin, csv, idempotencyKey: "projects-2026-09");
        var firstBody = await first.Content.ReadAsStringAsync();
        first.StatusCode.Should().Be(HttpStatusCode.OK, firstBody);
        var second = await Import(Admin, csv, idempotencyKey: "projects-2026-09");

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await second.Content.ReadAsStringAsync()).Should().Be(firstBody);
        (await ReferenceCount("CARDIE-1")).Should().Be(1);
        await Problem(await Import(Admin, csv.Replace("Classe", "Sortie"), idempotencyKey: "projects-2026-09"), HttpStatusCode.UnprocessableEntity,
            "idempotency_key_reused");
    }

    [Test]
    public async Task Errors_are_capped_at_a_thousand_in_line_order_and_a_status_column_is_ignored()
    {
        var csv = new StringBuilder("external_reference;title;summary;schools;themes;team;status\n");
        for (var i = 0; i < 1200; i++)
        {
            // Rows rejected as read (no title) and rows rejected with their batch (unknown school) interleave.
            csv.Append((i % 3) switch
            {
                0 => $"OK-{i};Titre;Résumé.;{Galois};wellBeing;{Team};validated\n",
                1 => $"NO-TITLE-{i};;Résumé.;{Galois};wellBeing;{Team};\n",
                _ => $"NO-SCHOOL-{i};Titre;Résumé.;0951234W;wellBeing;{Team};\n",
            });
        }

        var report = await Ok(await Import(Admin, csv.ToString(), query: "?dryRun=true"));

        Counts(report).Should().Be((400, 0, 0, 800));
        report.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()).Should().Equal("status");
        var lines = report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).ToList();
        lines.Should().HaveCount(800).And.BeInAscendingOrder();

        var more = new StringBuilder("external_reference;title;summary;schools;themes;team\n");
        for (var i = 0; i < 1200; i++)
        {
            more.Append($"BAD-{i};;Résumé.;{Galois};wellBeing;{Team}\n");
        }

        var capped = await Ok(await Import(Admin, more.ToString(), query: "?dryRun=true"));
        capped.GetProperty("rejected").GetInt32().Should().Be(1200);
        capped.GetProperty("errors").GetArrayLength().Should().Be(1000);
        capped.GetProperty("errorsTruncated").GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task Twenty_thousand_rows_stream_in_and_are_created()
    {
        const int rows = 20_000;
        var stopwatch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime; // the API runs in this process; the machine may be busy with others
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StreamContent(GeneratedProjects(rows)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var report = await Ok(await Admin.SendAsync(request));

        TestContext.Progress.WriteLine(
            $"Imported {rows} projects in {stopwatch.Elapsed.TotalSeconds:F1} s " +
                $"({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s of CPU)");
        Counts(report).Should().Be((rows, 0, 0, 0), report.ToString());
        var (sample, _) = await ProjectByReference("GEN-12345");
        sample.GetProperty("title").GetString().Should().Be("Projet 12345");
        sample.GetProperty("team").GetArrayLength().Should().Be(2);
    }

    private Db Db => Factory.Services.GetRequiredService<Db>();

    private Task<int> ReferenceCount(string reference) =>
        Db.ReadAsync(c => c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM projects.project WHERE external_reference = @Reference",
            new { Reference = reference }),
            CancellationToken.None);

    /// <summary>The project with this external reference, read through the API, and its ETag.</summary>
    private async Task<(JsonElement Project, string ETag)> ProjectByReference(string reference, string academie = "25")
    {
        // A GUID on SQL Server, its text on SQLite: either way the id as the URL spells it.
        var id = await Db.ReadAsync(async c => (await c.ExecuteScalarAsync<object>(
            "SELECT id FROM projects.project WHERE external_reference = @Reference AND academie = @Academie",
                new { Reference = reference, Academie = academie }))?.ToString(),
            CancellationToken.None);
        id.Should().NotBeNull($"a project has the reference {reference}");
        var response = await Admin.GetAsync($"/api/v1/projects/{id}");
        return (await Ok(response), response.Headers.ETag!.ToString());
    }

    /// <summary>Closes a school in the directory (through the school import) and waits until Projects knows.</summary>
    private async Task CloseSchool(string uai)
    {
        await Ok(await Import(Admin, $"uai,name,type,sector,departement,status\n{uai},École {uai},ecole,public,095,closed\n",
            endpoint: "/api/v1/imports/schools"));
        await Eventually(async () => (await Db.ReadAsync(c => SchoolReadModel.FindAsync(c, uai), CancellationToken.None))?.Status == "closed",
            $"the closing of {uai} reaches the projects' read model");
    }

    private static Task<HttpResponseMessage> Import(
        HttpClient client, string body, string contentType = "text/csv", string query = "", string? idempotencyKey = null,
            string endpoint = Endpoint) =>
        Post(client, endpoint, body, contentType, query, idempotencyKey);

    private static Task<HttpResponseMessage> Import(
        HttpClient client, byte[] body, string contentType, string query = "", string? idempotencyKey = null, string endpoint = Endpoint) =>
        Post(client, endpoint, body, contentType, query, idempotencyKey);


    /// <summary>A CSV of projects produced as it is read, spread over the three schools of Versailles.</summary>
    private static GeneratedCsv GeneratedProjects(int rows)
    {
        string[] schoolsOf = [Galois, Jaures, Curie, $"{Galois}|{Curie}"];
        return new GeneratedCsv(Header, rows, next =>
            $"GEN-{next};Projet {next};Résumé du projet {next}.;{schoolsOf[next % 4]};wellBeing|orientation;cycle3;tag{next % 50};" +
            $"{next % 300};2026-09-01;2027-06-30;{next % 2};{Team};Besoin {next}.");
    }
}
