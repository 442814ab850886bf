using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Innovation.Modules.Accompaniment.Features.Load;

/// <summary>An accompanist's load over one school year.</summary>
/// <param name="PersonId">The accompanist, a person of the directory.</param>
/// <param name="SchoolYear" example="2026-2027">The school year (1 September to 31 August).</param>
/// <param name="PlannedHours" example="30">Hours planned for that year in accepted plans (active or closed) of the académie.</param>
/// <param name="HeldHours" example="7.5">Hours of the sessions held that year by this person as an accompanist of the plan (a session's
/// <c>accompanistIds</c>), rounded to the hundredth.</param>
/// <param name="CapacityHours" example="120">The yearly capacity (setting <c>Accompaniment:YearlyCapacityHours</c>).</param>
/// <param name="OverCapacity">Planned or held hours exceed the capacity.</param>
/// <param name="Plans">Per plan, for one accompanist's load; empty in the overview.</param>
internal sealed record AccompanistLoad(
    Guid PersonId, string SchoolYear, int PlannedHours, decimal HeldHours, int CapacityHours, bool OverCapacity, IReadOnlyList<PlanLoad> Plans);

/// <summary>One plan's share of an accompanist's load.</summary>
/// <param name="PlanId">The plan.</param>
/// <param name="ProjectId">Its project.</param>
/// <param name="PlannedHours" example="12">Hours planned in this plan for the year.</param>
/// <param name="HeldHours" example="3.5">Hours held in this plan's sessions that year.</param>
internal sealed record PlanLoad(Guid PlanId, Guid ProjectId, int PlannedHours, decimal HeldHours);

/// <summary>
/// Planned and held hours per accompanist and school year, from the plans' accompanist lines and the sessions' accompanists. Only
/// hours are counted: what a session records (a failed attempt…) weighs nothing (ADR 0021, the right to error).
/// </summary>
internal static class AccompanistHours
{
    /// <summary>Setting of the yearly capacity in hours, above which the overview flags an accompanist.</summary>
    public const string CapacitySetting = "Accompaniment:YearlyCapacityHours";

    public const int DefaultCapacity = 120;

    internal const string PlannedSql = """
        SELECT pa.person_id AS PersonId, pa.plan_id AS PlanId, ap.project_id AS ProjectId, pa.planned_hours AS PlannedHours,
               CASE WHEN @Departement IS NULL OR EXISTS (SELECT 1 FROM accompaniment.project_departement pd
                                                         WHERE pd.project_id = ap.project_id AND pd.departement = @Departement)
                    THEN 1 ELSE 0 END AS InDepartement
        FROM accompaniment.plan_accompanist pa
        JOIN accompaniment.accompaniment_plan ap ON ap.id = pa.plan_id
        WHERE pa.school_year = CAST(@SchoolYear AS VARCHAR(8000)) AND ap.status IN ('active', 'closed')
          AND (@Academie IS NULL OR ap.academie = @Academie)
          AND (@PersonId IS NULL OR pa.person_id = @PersonId)
        """;

    internal const string HeldSql = """
        SELECT s.plan_id AS PlanId, ap.project_id AS ProjectId, s.duration_minutes AS DurationMinutes, s.accompanists AS Accompanists,
               CASE WHEN @Departement IS NULL OR EXISTS (SELECT 1 FROM accompaniment.project_departement pd
                                                         WHERE pd.project_id = ap.project_id AND pd.departement = @Departement)
                    THEN 1 ELSE 0 END AS InDepartement
        FROM accompaniment.plan_session s
        JOIN accompaniment.accompaniment_plan ap ON ap.id = s.plan_id
        WHERE s.held_on >= @From AND s.held_on <= @To AND s.accompanists IS NOT NULL
          AND (@Academie IS NULL OR ap.academie = @Academie)
          AND (@Pattern IS NULL OR s.accompanists LIKE @Pattern)
        """;

    public static int Capacity(IConfiguration configuration) => configuration.GetValue(CapacitySetting, DefaultCapacity);

    /// <summary>The school year a day falls in: from 1 September.</summary>
    public static string SchoolYearOf(DateOnly day)
    {
        var start = day.Month >= 9 ? day.Year : day.Year - 1;
        return $"{start}-{start + 1}";
    }

    /// <summary>
    /// Every accompanist's load in <paramref name="schoolYear"/> (only <paramref name="personId"/>'s when given), over the plans of
    /// <paramref name="academie"/> (all when null); with a département, only the accompanists of a project there, their whole load.
    /// </summary>
    public static async Task<List<AccompanistLoad>> LoadAsync(
        DbConnection c, string? academie, string schoolYear, string? departement, Guid? personId, int capacity)
    {
        var start = int.Parse(schoolYear.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var planned = (await c.QueryAsync<PlannedRow>(PlannedSql, new
        {
            Academie = academie, SchoolYear = schoolYear, Departement = departement, PersonId = personId,
        })).ToList();
        var held = (await c.QueryAsync<HeldRow>(HeldSql, new
        {
            Academie = academie, Departement = departement, From = new DateOnly(start, 9, 1), To = new DateOnly(start + 1, 8, 31),
            Pattern = personId is { } id ? $"%\"{id}\"%" : null,
        })).SelectMany(s => JsonSerializer.Deserialize<List<Guid>>(s.Accompanists, ApiJson.Options)!
            .Select(person => (Person: person, Session: s)))
            .Where(x => personId is null || x.Person == personId)
            .ToList();

        var inDepartement = planned.Where(p => p.InDepartement == 1).Select(p => p.PersonId)
            .Concat(held.Where(h => h.Session.InDepartement == 1).Select(h => h.Person)).ToHashSet();
        return [.. inDepartement.Order().Select(person =>
        {
            var plans = planned.Where(p => p.PersonId == person).Select(p => (p.PlanId, p.ProjectId))
                .Concat(held.Where(h => h.Person == person).Select(h => (h.Session.PlanId, h.Session.ProjectId)))
                .Distinct().OrderBy(p => p.PlanId)
                .Select(p => new PlanLoad(p.PlanId, p.ProjectId,
                    planned.Where(x => x.PersonId == person && x.PlanId == p.PlanId).Sum(x => x.PlannedHours),
                    Hours(held.Where(h => h.Person == person && h.Session.PlanId == p.PlanId).Sum(h => h.Session.DurationMinutes))))
                .ToList();
            var plannedHours = plans.Sum(p => p.PlannedHours);
            var heldHours = Hours(held.Where(h => h.Person == person).Sum(h => h.Session.DurationMinutes));
            return new AccompanistLoad(person, schoolYear, plannedHours, heldHours, capacity,
                plannedHours > capacity || heldHours > capacity, plans);
        })];
    }

    private static decimal Hours(int minutes) => Math.Round(minutes / 60m, 2);

    internal sealed class PlannedRow
    {
        public Guid PersonId { get; set; }
        public Guid PlanId { get; set; }
        public Guid ProjectId { get; set; }
        public int PlannedHours { get; set; }
        public int InDepartement { get; set; }
    }

    internal sealed class HeldRow
    {
        public Guid PlanId { get; set; }
        public Guid ProjectId { get; set; }
        public int DurationMinutes { get; set; }
        public string Accompanists { get; set; } = "[]";
        public int InDepartement { get; set; }
    }
}
