using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Evaluation.Features.OpenData;

/// <summary>One line of the open-data export: one project's indicator over one school year, aggregated from approved values.</summary>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Project" example="P-3f9a1c0d5e7b2a48">A pseudonym of the project, stable across exports and school years (the first 16 hex
/// digits of the SHA-256 of its id): it links a project's lines without naming it.</param>
/// <param name="SchoolYear" example="2025-2026">The school year.</param>
/// <param name="Indicator" example="TX-PAROLE">The indicator's code.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Direction">higherIsBetter or lowerIsBetter.</param>
/// <param name="Baseline" example="20">The indicator's baseline.</param>
/// <param name="Target" example="60">Its target.</param>
/// <param name="Measurements" example="3">How many approved values the school year has.</param>
/// <param name="Mean" example="35">Their mean.</param>
/// <param name="Minimum" example="30">The smallest.</param>
/// <param name="Maximum" example="40">The largest.</param>
internal sealed record OpenDataLine(
    string Academie, string Project, string SchoolYear, string Indicator, IndicatorUnit Unit, IndicatorDirection Direction, double Baseline,
    double Target, int Measurements, double Mean, double Minimum, double Maximum);

internal static class ExportOpenData
{
    internal const string LinesSql = """
        SELECT i.academie AS Academie, i.scope_id AS ProjectId, m.school_year AS SchoolYear, i.code AS Code, i.unit AS Unit,
               i.direction AS Direction, i.baseline_value AS Baseline, i.target_value AS Target, COUNT(*) AS Measurements, AVG(m.value) AS Mean,
               MIN(m.value) AS Minimum, MAX(m.value) AS Maximum
        FROM evaluation.measurement m
        JOIN evaluation.indicator i ON i.id = m.indicator_id
        WHERE m.status = 'approved' AND i.scope = 'project' AND (@Academie IS NULL OR m.academie = @Academie)
          AND (@SchoolYear IS NULL OR m.school_year = @SchoolYear)
        GROUP BY i.academie, i.scope_id, m.school_year, i.id, i.code, i.unit, i.direction, i.baseline_value, i.target_value
        ORDER BY i.academie, m.school_year, i.code {{binary}}, i.id
        """;

    internal const string CsvHeader = "academie,project,schoolYear,indicator,unit,direction,baseline,target,measurements,mean,minimum,maximum";

    /// <summary>The export's filters.</summary>
    internal sealed record Filters(
        [property: FromQuery(Name = "format")] string? Format,
        [property: FromQuery(Name = "schoolYear")] string? SchoolYear);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<IReadOnlyList<OpenDataLine>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, IReadOnlyList<OpenDataLine>>
    {
        public Task<IReadOnlyList<OpenDataLine>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.Filters.Format is not (null or "csv" or "json"))
            {
                throw RequestValidationException.For("format", "The format is csv (the default) or json.");
            }

            if (query.Filters.SchoolYear is not null && Period.SchoolYearStart(query.Filters.SchoolYear) is null)
            {
                throw RequestValidationException.For("schoolYear", Period.SchoolYearRule);
            }

            return db.ReadAsync(async c =>
            {
                var rows = await c.QueryAsync<Row>(db.Sql(LinesSql), new { query.Caller.Academie, query.Filters.SchoolYear });
                return (IReadOnlyList<OpenDataLine>)[.. rows.Select(r => r.ToLine())];
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder evaluation) =>
        evaluation.MapGet("/export", async ([AsParameters] Filters filters, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var lines = await mediator.Send(new Query(filters, http.Caller()), ct);
                return filters.Format == "json" ? Results.Ok(lines) : Results.Text(Csv(lines), "text/csv; charset=utf-8", Encoding.UTF8);
            })
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("ExportEvaluationOpenData")
            .WithSummary("Export the approved indicator values as open data (CSV or JSON)")
            .WithDescription("The approved values of the projects' indicators of the caller's académie, aggregated per project, indicator and "
                + "school year (count, mean, minimum, maximum), with the indicator's code, unit, direction, baseline and target. "
                + "Pseudonymised: a project is a stable pseudonym, and no person, label, source, collector or comment is exported. "
                + "`format=csv` (the default; RFC 4180, a header line, cells a spreadsheet would read as a formula — starting with `=`, `+`, "
                + "`-`, `@` — prefixed with `'`) or `format=json`; `schoolYear=2025-2026` keeps one school year. A bad format or school year "
                + "is a 400.")
            .Produces<IReadOnlyList<OpenDataLine>>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem();

    internal static string Csv(IReadOnlyList<OpenDataLine> lines)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var l in lines)
        {
            csv.AppendJoin(',', CsvCell.Text(l.Academie), CsvCell.Text(l.Project), CsvCell.Text(l.SchoolYear), CsvCell.Text(l.Indicator),
                StableCode.Of(l.Unit), StableCode.Of(l.Direction), CsvCell.Number(l.Baseline), CsvCell.Number(l.Target),
                l.Measurements.ToString(System.Globalization.CultureInfo.InvariantCulture), CsvCell.Number(l.Mean), CsvCell.Number(l.Minimum),
                CsvCell.Number(l.Maximum)).Append('\n');
        }

        return csv.ToString();
    }

    internal sealed class Row
    {
        public string Academie { get; set; } = "";
        public Guid ProjectId { get; set; }
        public string SchoolYear { get; set; } = "";
        public string Code { get; set; } = "";
        public string Unit { get; set; } = "";
        public string Direction { get; set; } = "";
        public double Baseline { get; set; }
        public double Target { get; set; }
        public int Measurements { get; set; }
        public double Mean { get; set; }
        public double Minimum { get; set; }
        public double Maximum { get; set; }

        public OpenDataLine ToLine() => new(
            Academie, Pseudonym(ProjectId), SchoolYear, Code, StableCode.Parse<IndicatorUnit>(Unit), StableCode.Parse<IndicatorDirection>(Direction),
            Baseline, Target, Measurements, Mean, Minimum, Maximum);

        private static string Pseudonym(Guid id) =>
            "P-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id.ToString("D"))))[..16];
    }
}
