using Innovation.Modules.Evaluation.Features.Indicators;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Evaluation.Features.Dashboard;

/// <summary>One indicator on the dashboard: its last approved value and where it stands.</summary>
/// <param name="IndicatorId">The indicator.</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Code" example="TX-PAROLE">The indicator's code.</param>
/// <param name="Label">What is measured.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Direction">higherIsBetter or lowerIsBetter.</param>
/// <param name="Scope">project, experimentation, network or academie.</param>
/// <param name="ScopeId">The project's, experimentation's or network's id.</param>
/// <param name="Baseline" example="20">The baseline value.</param>
/// <param name="Target" example="60">The target value.</param>
/// <param name="TargetDate" example="2027-09-01">The target's date.</param>
/// <param name="LastValue" example="40">The last approved value (by period), within the school year asked for; null without one.</param>
/// <param name="LastPeriod" example="2026-03">Its period.</param>
/// <param name="Progress" example="0.5">Share of the way from baseline to target covered in the indicator's direction (0..1).</param>
/// <param name="ExpectedProgress" example="0.5">Share of the time elapsed from the baseline's date to the target's at asOf (0..1).</param>
/// <param name="Status">onTrack (progress ≥ expected), late (≥ half of it), offTrack (less) or noData.</param>
/// <param name="Effect" example="20">Last approved value minus baseline (in the unit; its sign is the raw change).</param>
/// <param name="ComparisonChange" example="4">The comparison group's change over the same time (its last value up to the same period
/// minus its baseline), when one is declared.</param>
/// <param name="Difference" example="16">Effect minus the comparison group's change.</param>
internal sealed record IndicatorStanding(
    Guid IndicatorId, string Academie, string Code, string Label, IndicatorUnit Unit, IndicatorDirection Direction, IndicatorScope Scope,
    Guid? ScopeId, double Baseline, double Target, DateOnly TargetDate, double? LastValue, string? LastPeriod, double? Progress,
    double ExpectedProgress, ProgressStatus Status, double? Effect, double? ComparisonChange, double? Difference);

/// <summary>The indicators of one project, network, theme, département or académie, summed up.</summary>
/// <param name="Key" example="095">The project's or network's id, the theme's code, the département's or académie's code.</param>
/// <param name="Indicators">How many indicators it has.</param>
/// <param name="WithData">How many have an approved value.</param>
/// <param name="OnTrack">How many are on track.</param>
/// <param name="Late">How many are late.</param>
/// <param name="OffTrack">How many are off track.</param>
/// <param name="MedianProgress" example="0.5">The median progress of those with an approved value; null without any.</param>
internal sealed record Rollup(string Key, int Indicators, int WithData, int OnTrack, int Late, int OffTrack, double? MedianProgress);

/// <summary>The roll-ups asked for (the others are null).</summary>
/// <param name="Projects">By project (its own indicators).</param>
/// <param name="Networks">By network: its own indicators and those of the projects one of whose schools is a current member.</param>
/// <param name="Themes">By theme of the projects.</param>
/// <param name="Departements">By département of the projects' schools and of the networks.</param>
/// <param name="Academies">By académie: every indicator.</param>
internal sealed record DashboardRollups(
    IReadOnlyList<Rollup>? Projects, IReadOnlyList<Rollup>? Networks, IReadOnlyList<Rollup>? Themes, IReadOnlyList<Rollup>? Departements,
    IReadOnlyList<Rollup>? Academies);

/// <summary>The evaluation dashboard.</summary>
/// <param name="AsOf" example="2026-09-01">The day the time elapsed is counted to: today, or the end of the school year asked for.</param>
/// <param name="SchoolYear" example="2025-2026">The school year whose approved values count; null: every approved value.</param>
/// <param name="Indicators">Each indicator (null with details=false), in the order they were created.</param>
/// <param name="Rollups">The roll-ups.</param>
internal sealed record EvaluationDashboard(DateOnly AsOf, string? SchoolYear, IReadOnlyList<IndicatorStanding>? Indicators, DashboardRollups Rollups);

internal static class GetDashboard
{
    /// <summary>
    /// Each indicator (the columns of <see cref="IndicatorTable.Row"/> it needs) with its last approved value (by period end, then period),
    /// within the school year when one is given.
    /// </summary>
    internal const string IndicatorsSql = """
        WITH latest AS (
            SELECT m.indicator_id, m.value, m.period, m.period_end,
                   ROW_NUMBER() OVER (PARTITION BY m.indicator_id ORDER BY m.period_end DESC, m.period DESC) AS rn
            FROM evaluation.measurement m
            WHERE (@Academie IS NULL OR m.academie = @Academie) AND m.status = 'approved'
              AND (@SchoolYear IS NULL OR m.school_year = @SchoolYear)
        )
        SELECT i.id AS Id, i.academie AS Academie, i.code AS Code, i.label AS Label, i.unit AS Unit, i.direction AS Direction,
               i.scope AS Scope, i.scope_id AS ScopeId, i.baseline_value AS BaselineValue, i.baseline_date AS BaselineDate,
               i.target_value AS TargetValue, i.target_date AS TargetDate, i.comparison_baseline AS ComparisonBaseline,
               i.comparison_values AS ComparisonValues, l.value AS LastValue, l.period AS LastPeriod, l.period_end AS LastPeriodEnd
        FROM evaluation.indicator i
        LEFT JOIN latest l ON l.indicator_id = i.id AND l.rn = 1
        WHERE (@Academie IS NULL OR i.academie = @Academie)
        ORDER BY i.id
        """;

    internal const string ProjectThemesSql = """
        SELECT t.project_id AS Id, t.theme AS Value FROM evaluation.project_theme t
        JOIN evaluation.project p ON p.id = t.project_id WHERE (@Academie IS NULL OR p.academie = @Academie)
        """;

    internal const string ProjectDepartementsSql = """
        SELECT d.project_id AS Id, d.departement AS Value FROM evaluation.project_departement d
        JOIN evaluation.project p ON p.id = d.project_id WHERE (@Academie IS NULL OR p.academie = @Academie)
        """;

    internal const string NetworkDepartementsSql = """
        SELECT id AS Id, departement AS Value FROM evaluation.network WHERE departement IS NOT NULL AND (@Academie IS NULL OR academie = @Academie)
        """;

    /// <summary>The networks of each project: those one of whose schools is a member on <c>@Day</c>.</summary>
    internal const string ProjectNetworksSql = """
        SELECT DISTINCT ps.project_id AS Id, ns.network_id AS NetworkId
        FROM evaluation.project_school ps
        JOIN evaluation.network_school ns ON ns.uai = ps.uai
        JOIN evaluation.network n ON n.id = ns.network_id
        WHERE (@Academie IS NULL OR n.academie = @Academie)
          AND (ns.valid_from IS NULL OR ns.valid_from <= @Day) AND (ns.valid_to IS NULL OR ns.valid_to >= @Day)
        """;

    internal static readonly string[] Dimensions = ["project", "network", "theme", "departement", "academie"];

    /// <summary>The dashboard's filters.</summary>
    internal sealed record Filters(
        [property: FromQuery(Name = "schoolYear")] string? SchoolYear,
        [property: FromQuery(Name = "by")] string? By,
        [property: FromQuery(Name = "details")] bool? Details);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<EvaluationDashboard>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Query, EvaluationDashboard>
    {
        public async Task<EvaluationDashboard> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var by = Parse(filters);
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var asOf = Period.SchoolYearStart(filters.SchoolYear) is { } start && new DateOnly(start + 1, 8, 31) < today
                ? new DateOnly(start + 1, 8, 31)
                : today;
            var parameters = new { query.Caller.Academie, filters.SchoolYear, Day = today };
            var (rows, themes, departements, networkDepartements, networks) = await db.ReadAsync(async c => (
                (await c.QueryAsync<IndicatorTable.Row, Latest, (IndicatorTable.Row Indicator, Latest? Latest)>(
                    IndicatorsSql, (indicator, latest) => (indicator, latest), parameters, splitOn: nameof(Latest.LastValue))).ToList(),
                by.Contains("theme") ? (await c.QueryAsync<Pair>(ProjectThemesSql, parameters)).ToLookup(p => p.Id, p => p.Value) : null,
                by.Contains("departement") ? (await c.QueryAsync<Pair>(ProjectDepartementsSql, parameters)).ToLookup(p => p.Id, p => p.Value) : null,
                by.Contains("departement") ? (await c.QueryAsync<Pair>(NetworkDepartementsSql, parameters)).ToLookup(p => p.Id, p => p.Value) : null,
                by.Contains("network")
                    ? (await c.QueryAsync<ProjectNetwork>(ProjectNetworksSql, parameters)).ToLookup(p => p.Id, p => p.NetworkId.ToString())
                    : null), cancellationToken);

            var standings = rows.Select(r => Standing(r.Indicator, r.Latest, asOf)).ToList();
            IReadOnlyList<Rollup>? Rollups(string dimension, Func<IndicatorStanding, IEnumerable<string>> keys) =>
                by.Contains(dimension) ? RollUp(standings, keys) : null;
            static IEnumerable<string> None(IndicatorStanding _) => [];
            return new EvaluationDashboard(asOf, filters.SchoolYear, filters.Details == false ? null : standings, new DashboardRollups(
                Rollups("project", s => s.Scope == IndicatorScope.Project ? [s.ScopeId!.Value.ToString()] : []),
                Rollups("network", s => s.Scope switch
                {
                    IndicatorScope.Network => [s.ScopeId!.Value.ToString()],
                    IndicatorScope.Project => networks![s.ScopeId!.Value],
                    _ => None(s),
                }),
                Rollups("theme", s => s.Scope == IndicatorScope.Project ? themes![s.ScopeId!.Value] : []),
                Rollups("departement", s => s.Scope switch
                {
                    IndicatorScope.Project => departements![s.ScopeId!.Value],
                    IndicatorScope.Network => networkDepartements![s.ScopeId!.Value],
                    _ => None(s),
                }),
                Rollups("academie", s => [s.Academie])));
        }

        private static HashSet<string> Parse(Filters filters)
        {
            if (filters.SchoolYear is not null && Period.SchoolYearStart(filters.SchoolYear) is null)
            {
                throw RequestValidationException.For("schoolYear", Period.SchoolYearRule);
            }

            var by = filters.By is null ? [.. Dimensions] : filters.By.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            if (by.Except(Dimensions).Any())
            {
                throw RequestValidationException.For("by", $"Roll up by one or more of {string.Join(", ", Dimensions)}, separated by commas.");
            }

            return by;
        }

        private static List<Rollup> RollUp(List<IndicatorStanding> standings, Func<IndicatorStanding, IEnumerable<string>> keys) =>
            [.. standings.SelectMany(s => keys(s).Distinct().Select(k => (Key: k, Standing: s)))
                .GroupBy(x => x.Key, x => x.Standing)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Rollup(g.Key, g.Count(), g.Count(s => s.Progress is not null), g.Count(s => s.Status == ProgressStatus.OnTrack),
                    g.Count(s => s.Status == ProgressStatus.Late), g.Count(s => s.Status == ProgressStatus.OffTrack),
                    IndicatorProgressReading.Median([.. g.Where(s => s.Progress is not null).Select(s => s.Progress!.Value)])))];
    }

    public static void Map(IEndpointRouteBuilder evaluation) =>
        evaluation.MapQuery("/dashboard", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetEvaluationDashboard")
            .WithSummary("The evaluation dashboard")
            .WithDescription("For each indicator of the caller's académie, from its last approved value (only approved values count; with "
                + "`schoolYear=2025-2026`, only those of that school year): its progress from baseline to target in its direction (0..1), "
                + "the share of the time elapsed from the baseline's date to the target's (to today, or to the end of the school year asked "
                + "for), its status (onTrack when progress ≥ that share, late when ≥ half of it, offTrack below, noData without an approved "
                + "value), its effect (last value − baseline) and, with a comparison group, the group's change and the difference of the two "
                + "changes. Rolled up (indicators, with data, on track, late, off track, median progress) by project, network (its own "
                + "indicators and its member schools' projects'), theme, département and académie; `by=departement,theme` keeps only those "
                + "roll-ups, `details=false` leaves the indicators out. A bad school year or roll-up is a 400.");

    private static IndicatorStanding Standing(IndicatorTable.Row indicator, Latest? latest, DateOnly asOf)
    {
        var direction = indicator.DirectionCode;
        var comparison = indicator.Comparison().Select(v => (Period.Parse(v.Period)!.Value.End, v.Value)).ToList();
        var reading = IndicatorProgressReading.Of(direction, indicator.BaselineValue, indicator.BaselineDate, indicator.TargetValue,
            indicator.TargetDate, latest?.LastValue, latest?.LastPeriodEnd, asOf, indicator.ComparisonBaseline, comparison);
        return new IndicatorStanding(indicator.Id, indicator.Academie, indicator.Code, indicator.Label, indicator.UnitCode, direction,
            StableCode.Parse<IndicatorScope>(indicator.Scope), indicator.ScopeId, indicator.BaselineValue, indicator.TargetValue,
            indicator.TargetDate, latest?.LastValue, latest?.LastPeriod, reading.Progress, reading.Expected, reading.Status, reading.Effect,
            reading.ComparisonChange, reading.Difference);
    }

    /// <summary>An indicator's last approved value; none when it has no approved value (in the school year asked for).</summary>
    internal sealed class Latest
    {
        public double LastValue { get; set; }
        public string LastPeriod { get; set; } = "";
        public DateOnly LastPeriodEnd { get; set; }
    }

    internal sealed class Pair
    {
        public Guid Id { get; set; }
        public string Value { get; set; } = "";
    }

    internal sealed class ProjectNetwork
    {
        public Guid Id { get; set; }
        public Guid NetworkId { get; set; }
    }
}
