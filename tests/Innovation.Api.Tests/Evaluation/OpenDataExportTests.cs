using System.Net;
using System.Net.Http.Json;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Modules.Evaluation.Features.OpenData;

namespace Innovation.Api.Tests.Evaluation;

public sealed class OpenDataExportTests(Engine engine) : EvaluationApiTest(engine)
{
    [Test]
    public async Task The_export_aggregates_approved_values_per_project_and_school_year_without_people_or_free_text()
    {
        var project = await KnownProject();
        var indicator = (await CreateIndicator(IndicatorBody(project, code: "TX"))).GetProperty("id").GetString()!;
        await Approved(indicator, 30, "2025-11");
        await Approved(indicator, 40, "2026-03");
        await Approved(indicator, 50, "2026-10");
        await Submit(indicator, 99, "2026-11");
        var commented = await Cardie.PostAsJsonAsync($"/api/v1/evaluation/indicators/{indicator}/measurements",
            new { value = 45, period = "2026-12", comment = "=HYPERLINK(\"x\") Mme Dupont absente" });
        commented.StatusCode.Should().Be(HttpStatusCode.Created);

        var csv = await Cardie.GetAsync("/api/v1/evaluation/export");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        lines[0].Should().Be(ExportOpenData.CsvHeader);
        lines.Skip(1).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 1))).Should().Equal(
            "25,2025-2026,TX,percent,higherIsBetter,20,60,2,35,30,40",
            "25,2026-2027,TX,percent,higherIsBetter,20,60,1,50,50,50");
        lines[1].Split(',')[1].Should().MatchRegex("^P-[0-9a-f]{16}$").And.NotContain(project);
        var text = string.Join('\n', lines);
        text.Should().NotContain("Dupont").And.NotContain("Relevé").And.NotContain("Part des élèves");

        var json = await Json(await Cardie.GetAsync("/api/v1/evaluation/export?format=json&schoolYear=2026-2027"));
        json.GetArrayLength().Should().Be(1);
        json[0].GetProperty("mean").GetDouble().Should().Be(50);
        json[0].GetProperty("project").GetString().Should().Be(lines[1].Split(',')[1]);

        var montpellier = await ClientFor("11", "evaluation:read");
        (await (await montpellier.GetAsync("/api/v1/evaluation/export")).Content.ReadAsStringAsync()).TrimEnd('\n')
            .Should().Be(ExportOpenData.CsvHeader);
        await Problem(await Cardie.GetAsync("/api/v1/evaluation/export?format=xlsx"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public void Cells_a_spreadsheet_would_read_as_formulas_are_neutralised_and_numbers_stay_numbers()
    {
        CsvCell.Text("=SUM(A1)").Should().Be("'=SUM(A1)");
        CsvCell.Text("+33").Should().Be("'+33");
        CsvCell.Text("-2").Should().Be("'-2");
        CsvCell.Text("@cmd").Should().Be("'@cmd");
        CsvCell.Text("a,b").Should().Be("\"a,b\"");
        CsvCell.Text("=a\"b").Should().Be("\"'=a\"\"b\"");
        CsvCell.Text("=a,\"b").Should().Be("\"'=a,\"\"b\"");
        CsvCell.Text("TX").Should().Be("TX");
        CsvCell.Number(-3.5).Should().Be("-3.5");
    }
}
