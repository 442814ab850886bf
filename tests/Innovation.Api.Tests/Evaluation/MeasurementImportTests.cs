using System.Net;
using System.Text;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using static Innovation.Api.Tests.Imports.ImportFiles;

namespace Innovation.Api.Tests.Evaluation;

public sealed class MeasurementImportTests(Engine engine) : EvaluationApiTest(engine)
{
    private const string Endpoint = "/api/v1/imports/measurements";
    private const string Header = "scope;scopeId;indicator;period;value;source;comment";

    private HttpClient _importer = null!;
    private string _project = "";
    private string _indicator = "";

    [SetUp]
    public async Task AnIndicatorOfVersailles()
    {
        _importer = await ClientFor("25", "imports:write", "evaluation:read");
        _project = await KnownProject();
        _indicator = (await CreateIndicator(IndicatorBody(_project, code: "TX"))).GetProperty("id").GetString()!;
        await CreateIndicator(IndicatorBody(null!, scope: "academie", code: "ABS", unit: "count", direction: "lowerIsBetter", baseline: 40,
            target: 10));
    }

    private string Csv(params string[] rows) => string.Join('\n', [Header, .. rows.Select(r => r.Replace("{P}", _project))]) + "\n";

    private async Task<List<JsonElement>> Series() =>
        [.. (await Json(await Cardie.GetAsync($"/api/v1/evaluation/indicators/{_indicator}/measurements"))).GetProperty("items").EnumerateArray()];

    [Test]
    public async Task A_csv_file_submits_its_values_and_a_reimport_upserts_on_indicator_and_period()
    {
        var rows = new[] { "project;{P};TX;2025-2026;35,5;Relevé;", "project;{P};TX;2025-11;30;;", "academie;;ABS;2025-2026;38;;Rectorat" };
        Counts(await Ok(await Post(_importer, Endpoint, Csv(rows)))).Should().Be((3, 0, 0, 0));
        var series = await Series();
        series.Select(m => (m.GetProperty("period").GetString(), m.GetProperty("value").GetDouble(), m.GetProperty("status").GetString()))
            .Should().Equal(("2025-11", 30d, "submitted"), ("2025-2026", 35.5d, "submitted"));

        var (id, etag) = (series[1].GetProperty("id").GetString()!, "\"1\"");
        (await Reviewer.SendAsync(Request(HttpMethod.Post, $"/api/v1/evaluation/measurements/{id}/approve", null, etag))).StatusCode
            .Should().Be(HttpStatusCode.OK);
        rows[0] = "project;{P};TX;2025-2026;37;Relevé;";
        Counts(await Ok(await Post(_importer, Endpoint, Csv(rows)))).Should().Be((0, 1, 2, 0));
        var corrected = (await Series())[1];
        (corrected.GetProperty("value").GetDouble(), corrected.GetProperty("status").GetString()).Should().Be((37d, "submitted"));
        var history = await Json(await Cardie.GetAsync($"/api/v1/evaluation/measurements/{id}/history"));
        history.EnumerateArray().Select(s => s.GetProperty("action").GetString()).Should().Equal("import", "approve", "import");
    }

    [Test]
    public async Task A_dry_run_counts_and_reports_but_writes_nothing()
    {
        var report = await Ok(await Post(_importer, Endpoint, Csv("project;{P};TX;2025-2026;35;;", "project;{P};TX;2025-10;135;;"),
            query: "?dryRun=true"));
        Counts(report).Should().Be((1, 0, 0, 1));
        report.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        var error = report.GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString()).Should().Be((3, "value"));
        (await Series()).Should().BeEmpty();
    }

    [Test]
    public async Task An_atomic_import_with_bad_rows_is_a_422_and_writes_nothing_and_a_partial_one_writes_the_valid_rows()
    {
        var montpellier = await ClientFor("11", "imports:write");
        var csv = Csv(
            "project;{P};TX;2025-2026;35;;",
            "project;{P};NOPE;2025-2026;35;;",
            "project;{P};TX;2025-13;35;;",
            "academie;;ABS;2025-2026;2.5;;",
            "project;{P};TX;2025-2026;36;;",
            "galaxy;{P};TX;2025-10;1;;");

        var problem = await Problem(await Post(_importer, Endpoint, csv), HttpStatusCode.UnprocessableEntity, "import_rejected");
        problem.GetProperty("rejected").GetInt32().Should().Be(5);
        problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString()))
            .Should().BeEquivalentTo([(3, "indicator"), (4, "period"), (5, "value"), (6, "period"), (7, "scope")]);
        (await Series()).Should().BeEmpty();

        Counts(await Ok(await Post(_importer, Endpoint, csv, query: "?mode=partial"))).Should().Be((1, 0, 0, 5));
        (await Series()).Select(m => m.GetProperty("value").GetDouble()).Should().Equal(35d);

        var foreign = await Ok(await Post(montpellier, Endpoint, Csv("project;{P};TX;2025-10;20;;"), query: "?mode=partial"));
        Counts(foreign).Should().Be((0, 0, 0, 1));
        foreign.GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain("in your académie");
    }

    [Test]
    public async Task A_repeat_in_a_later_batch_names_the_first_line_in_every_mode()
    {
        // More rows than a batch (500), the repeat of line 2 last: the first line is found in an earlier batch.
        var days = Enumerable.Range(0, 600).Select(d => $"academie;;ABS;{new DateOnly(2024, 1, 1).AddDays(d):yyyy-MM-dd};{d % 50};;").ToList();
        var csv = Csv([.. days, days[0].Replace(";0;;", ";7;;")]);
        foreach (var query in new[] { "?dryRun=true", "?mode=partial&dryRun=true", "" })
        {
            var body = query == "" ? await Problem(await Post(_importer, Endpoint, csv), HttpStatusCode.UnprocessableEntity, "import_rejected")
                : await Ok(await Post(_importer, Endpoint, csv, query: query));
            Counts(body).Should().Be((600, 0, 0, 1));
            var error = body.GetProperty("errors").EnumerateArray().Single();
            (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString()).Should().Be((602, "period"));
            error.GetProperty("message").GetString().Should().Contain("2024-01-01 already appears on line 2 of this file");
        }

        Counts(await Ok(await Post(_importer, Endpoint, csv, query: "?mode=partial"))).Should().Be((600, 0, 0, 1));
        Counts(await Ok(await Post(_importer, Endpoint, Csv([.. days]), query: "?mode=partial"))).Should().Be((0, 0, 600, 0));
    }

    [Test]
    public async Task A_repeat_of_a_rejected_or_unchanged_row_in_a_later_batch_is_still_a_repeat()
    {
        // Line 2's value is refused (a count is never negative), so no measurement holds its mark; its valid repeat on line 602 is
        // still refused as a repeat, and nothing is written for that day.
        var days = Enumerable.Range(1, 599).Select(d => $"academie;;ABS;{new DateOnly(2024, 1, 1).AddDays(d):yyyy-MM-dd};{d % 50};;").ToList();
        var first = "academie;;ABS;2024-01-01;-1;;";
        var report = await Ok(await Post(_importer, Endpoint, Csv([first, .. days, "academie;;ABS;2024-01-01;3;;"]), query: "?mode=partial"));
        Counts(report).Should().Be((599, 0, 0, 2));
        report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString()))
            .Should().Equal((2, "value"), (602, "period"));
        report.GetProperty("errors")[1].GetProperty("message").GetString().Should().Contain("2024-01-01 already appears on line 2");

        // Unchanged rows are not written, so their first lines are recorded elsewhere: a repeat of one is refused too.
        report = await Ok(await Post(_importer, Endpoint, Csv([days[0], .. days, days[0].Replace(";1;;", ";9;;")]), query: "?mode=partial"));
        Counts(report).Should().Be((0, 0, 599, 2));
        report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).Should().Equal(3, 602);
    }

    [Test]
    public async Task An_ndjson_file_imports_too()
    {
        var ndjson = $"{{\"scope\":\"project\",\"scopeId\":\"{_project}\",\"indicator\":\"TX\",\"date\":\"2025-10-14\",\"value\":41}}\n";
        Counts(await Ok(await Post(_importer, Endpoint, ndjson, "application/x-ndjson"))).Should().Be((1, 0, 0, 0));
        (await Series()).Single().GetProperty("period").GetString().Should().Be("2025-10-14");
    }

    [Test]
    public async Task A_malformed_file_is_a_422_in_every_mode()
    {
        foreach (var query in new[] { "", "?mode=partial", "?dryRun=true", "?mode=partial&dryRun=true" })
        {
            var missing = await Problem(await Post(_importer, Endpoint, "scope,period\nproject,2025-10\n", query: query),
                HttpStatusCode.UnprocessableEntity, "import_rejected");
            missing.GetProperty("errors")[0].GetProperty("line").GetInt32().Should().Be(1);
            await Problem(await Post(_importer, Endpoint, "", query: query), HttpStatusCode.UnprocessableEntity, "import_rejected");
            var broken = Encoding.UTF8.GetBytes(Csv("project;{P};TX;2025-10;35;;")).Concat(new byte[] { 0xC3, 0x28 })
                .Concat(Encoding.UTF8.GetBytes("\n")).ToArray();
            await Problem(await Post(_importer, Endpoint, broken, "text/csv", query), HttpStatusCode.UnprocessableEntity, "import_rejected");
            await Problem(await Post(_importer, Endpoint, Csv("project;{P};TX;2025-10;35;\"Relevé;")), HttpStatusCode.UnprocessableEntity,
                "import_rejected");
        }

        (await Series()).Should().BeEmpty();
        (await Post(_importer, Endpoint, "{}", "application/xml")).StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }
}
