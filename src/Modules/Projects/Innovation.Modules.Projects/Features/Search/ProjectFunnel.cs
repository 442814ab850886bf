using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Projects.Features.Search;

/// <summary>The innovation funnel: how far projects went, from their history.</summary>
/// <param name="Year" example="2026">The school year asked for (planned start between 1 September and 31 August), or absent for every year.</param>
/// <param name="Total">All the projects counted.</param>
/// <param name="Academies">Per académie.</param>
/// <param name="Departements">Per département of the projects' schools (a project with schools in two départements counts in both).</param>
internal sealed record ProjectFunnelReport(int? Year, FunnelCounts Total, IReadOnlyList<AcademieFunnel> Academies,
    IReadOnlyList<DepartementFunnel> Departements);

/// <summary>The funnel of one académie.</summary>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Counts">Its counts.</param>
internal sealed record AcademieFunnel(string Academie, FunnelCounts Counts);

/// <summary>The funnel of one département.</summary>
/// <param name="Departement" example="095">Département code.</param>
/// <param name="Counts">Its counts.</param>
internal sealed record DepartementFunnel(string Departement, FunnelCounts Counts);

/// <summary>
/// Projects that reached each stage. A stage counts every project that went at least that far
/// (a project in progress was also drafted, submitted and validated), as the history shows it.
/// </summary>
/// <param name="Drafted" example="40">Projects created.</param>
/// <param name="Submitted" example="30">Projects submitted at least once (rejected and returned ones included).</param>
/// <param name="Validated" example="20">Projects validated.</param>
/// <param name="InProgress" example="15">Projects started.</param>
/// <param name="Completed" example="5">Projects completed.</param>
/// <param name="Rejected" example="3">Projects rejected at least once.</param>
/// <param name="Returned" example="6">Projects returned for changes at least once.</param>
/// <param name="RejectionRate" example="0.1">Rejected ÷ submitted (4 decimals), absent when nothing was submitted.</param>
/// <param name="ReturnRate" example="0.2">Returned ÷ submitted (4 decimals), absent when nothing was submitted.</param>
internal sealed record FunnelCounts(
    int Drafted, int Submitted, int Validated, int InProgress, int Completed, int Rejected, int Returned, double? RejectionRate, double? ReturnRate);

internal static class ProjectFunnel
{
    /// <summary>One row per project: the furthest stage its history reached (1 drafted … 5 completed), and whether it was ever rejected or
    /// returned.</summary>
    internal const string ProjectStagesSql = """
        SELECT p.id AS Id, p.academie AS Academie,
               MAX(CASE WHEN t.to_status = 'completed' THEN 5
                        WHEN t.to_status = 'inProgress' THEN 4
                        WHEN t.to_status = 'validated' THEN 3
                        WHEN t.to_status IN ('submitted', 'rejected', 'returnedForChanges') THEN 2
                        ELSE 1 END) AS Reached,
               MAX(CASE WHEN t.to_status = 'rejected' THEN 1 ELSE 0 END) AS Rejected,
               MAX(CASE WHEN t.to_status = 'returnedForChanges' THEN 1 ELSE 0 END) AS Returned
        FROM projects.project p
        JOIN projects.project_transition t ON t.project_id = p.id
        WHERE (@CallerAcademie IS NULL OR p.academie = @CallerAcademie)
          AND (@Academie IS NULL OR p.academie = @Academie)
          AND (@YearStart IS NULL OR (p.planned_start >= @YearStart AND p.planned_start <= @YearEnd))
        GROUP BY p.id, p.academie
        """;

    internal const string ProjectDepartementsSql = """
        SELECT DISTINCT p.id AS Id, s.departement AS Departement
        FROM projects.project p
        JOIN projects.project_school ps ON ps.project_id = p.id
        JOIN projects.school s ON s.uai = ps.uai
        WHERE (@CallerAcademie IS NULL OR p.academie = @CallerAcademie)
          AND (@Academie IS NULL OR p.academie = @Academie)
          AND (@YearStart IS NULL OR (p.planned_start >= @YearStart AND p.planned_start <= @YearEnd))
        """;

    /// <summary>The funnel's filters.</summary>
    /// <param name="Year" example="2026">School year of the planned start (2026 = 1 Sept 2026 – 31 Aug 2027), as in the project list.</param>
    /// <param name="Academie" example="25">Académie code or name (national credentials; others only ever see their own).</param>
    internal sealed record Filters(
        [property: FromQuery(Name = "year")] int? Year,
        [property: FromQuery(Name = "academie")] string? Academie);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<ProjectFunnelReport>;

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<Query, ProjectFunnelReport>
    {
        public async Task<ProjectFunnelReport> Handle(Query query, CancellationToken cancellationToken)
        {
            var (yearStart, yearEnd) = ProjectFilters.SchoolYear(query.Filters.Year);
            var academie = await CreateProject.NamedAcademieAsync(mediator, query.Filters.Academie, cancellationToken);
            var parameters = new { CallerAcademie = query.Caller.Academie, Academie = academie, YearStart = yearStart, YearEnd = yearEnd };
            var (stages, departements) = await db.ReadAsync(async c =>
                ((await c.QueryAsync<StageRow>(ProjectStagesSql, parameters)).ToList(),
                 (await c.QueryAsync<DepartementRow>(ProjectDepartementsSql, parameters)).ToList()), cancellationToken);
            var byId = stages.ToDictionary(s => s.Id);
            return new ProjectFunnelReport(
                query.Filters.Year,
                Count(stages),
                [.. stages.GroupBy(s => s.Academie).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new AcademieFunnel(g.Key, Count(g)))],
                [.. departements.Where(d => byId.ContainsKey(d.Id)).GroupBy(d => d.Departement).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new DepartementFunnel(g.Key, Count(g.Select(d => byId[d.Id]))))]);
        }

        private static FunnelCounts Count(IEnumerable<StageRow> projects)
        {
            var list = projects.ToList();
            var submitted = list.Count(p => p.Reached >= 2);
            var rejected = list.Count(p => p.Rejected == 1);
            var returned = list.Count(p => p.Returned == 1);
            return new FunnelCounts(
                list.Count, submitted, list.Count(p => p.Reached >= 3), list.Count(p => p.Reached >= 4), list.Count(p => p.Reached >= 5),
                rejected, returned, Rate(rejected, submitted), Rate(returned, submitted));
        }

        private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapQuery("/stats/funnel", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectFunnel")
            .WithSummary("Count how far projects went: drafted, submitted, validated, in progress, completed")
            .WithDescription("From each project's history: the projects that reached each stage (a stage counts every project that went at least " +
                "that far), the projects rejected or returned at least once, and the rejection and return rates over submitted projects; in total, " +
                "per académie and per département of the projects' schools (a project with schools in two départements counts in both). `year` is " +
                "the school year of the planned start, as in the project list. Counts only: no names, no e-mails.");

    internal sealed class StageRow
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public int Reached { get; set; }
        public int Rejected { get; set; }
        public int Returned { get; set; }
    }

    internal sealed class DepartementRow
    {
        public Guid Id { get; set; }
        public string Departement { get; set; } = "";
    }
}
