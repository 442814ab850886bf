using System.Data.Common;

namespace Innovation.Modules.Projects.Features.Plan;

/// <summary>A project's plan, sorted for a Gantt chart: phases by start, milestones by date.</summary>
/// <param name="Start">The first day of the plan (earliest phase start or milestone), if any.</param>
/// <param name="End">The last day of the plan (latest phase end or milestone), if any.</param>
/// <param name="Phases">Phases by start date, then end date, then key.</param>
/// <param name="Milestones">Milestones by date, then key.</param>
internal sealed record ProjectPlan(DateOnly? Start, DateOnly? End, IReadOnlyList<Phase> Phases, IReadOnlyList<Milestone> Milestones);

/// <summary>A phase of a project's plan.</summary>
/// <param name="Key" example="explore">The client's key.</param>
/// <param name="Title" example="Sorties d'observation">Title.</param>
/// <param name="Start" example="2026-09-01">First day.</param>
/// <param name="End" example="2026-12-18">Last day.</param>
/// <param name="Responsible" example="Professeure de CM2">Who is responsible.</param>
/// <param name="State">State.</param>
/// <param name="DependsOn">Keys of the items this phase waits for.</param>
internal sealed record Phase(string Key, string Title, DateOnly Start, DateOnly End, string? Responsible, PlanItemState State,
    IReadOnlyList<string> DependsOn);

/// <summary>A milestone of a project's plan.</summary>
/// <param name="Key" example="exposes">The client's key.</param>
/// <param name="Title" example="Exposés devant les parents">Title.</param>
/// <param name="Date" example="2026-12-15">Date.</param>
/// <param name="Phase" example="explore">Key of its phase, if it has one.</param>
/// <param name="Responsible" example="CPC sciences">Who is responsible.</param>
/// <param name="State">State.</param>
/// <param name="DependsOn">Keys of the items this milestone waits for.</param>
internal sealed record Milestone(string Key, string Title, DateOnly Date, string? Phase, string? Responsible, PlanItemState State,
    IReadOnlyList<string> DependsOn);

/// <summary>The plan tables. A plan is always written whole, so it is deleted and re-inserted.</summary>
internal static class PlanTable
{
    internal const string LoadSql = """
        SELECT item_key AS ItemKey, title AS Title, start_date AS StartDate, end_date AS EndDate, responsible AS Responsible, state AS State
        FROM projects.project_plan_phase WHERE project_id = @ProjectId;
        SELECT item_key AS ItemKey, phase_key AS PhaseKey, title AS Title, due_date AS DueDate, responsible AS Responsible, state AS State
        FROM projects.project_plan_milestone WHERE project_id = @ProjectId;
        SELECT item_key AS ItemKey, depends_on AS DependsOn
        FROM projects.project_plan_dependency WHERE project_id = @ProjectId
        """;

    internal const string DeleteSql = """
        DELETE FROM projects.project_plan_dependency WHERE project_id = @ProjectId;
        DELETE FROM projects.project_plan_milestone WHERE project_id = @ProjectId;
        DELETE FROM projects.project_plan_phase WHERE project_id = @ProjectId
        """;

    internal const string InsertPhaseSql = """
        INSERT INTO projects.project_plan_phase (project_id, item_key, position, title, start_date, end_date, responsible, state)
        VALUES (@ProjectId, @ItemKey, @Position, @Title, @StartDate, @EndDate, @Responsible, @State)
        """;

    internal const string InsertMilestoneSql = """
        INSERT INTO projects.project_plan_milestone (project_id, item_key, position, phase_key, title, due_date, responsible, state)
        VALUES (@ProjectId, @ItemKey, @Position, @PhaseKey, @Title, @DueDate, @Responsible, @State)
        """;

    internal const string InsertDependencySql = """
        INSERT INTO projects.project_plan_dependency (project_id, item_key, depends_on) VALUES (@ProjectId, @ItemKey, @DependsOn)
        """;

    internal sealed class PhaseRow
    {
        public string ItemKey { get; set; } = "";
        public string Title { get; set; } = "";
        public DateOnly StartDate { get; set; }
        public DateOnly EndDate { get; set; }
        public string? Responsible { get; set; }
        public string State { get; set; } = "";
    }

    internal sealed class MilestoneRow
    {
        public string ItemKey { get; set; } = "";
        public string? PhaseKey { get; set; }
        public string Title { get; set; } = "";
        public DateOnly DueDate { get; set; }
        public string? Responsible { get; set; }
        public string State { get; set; } = "";
    }

    internal sealed class DependencyRow
    {
        public string ItemKey { get; set; } = "";
        public string DependsOn { get; set; } = "";
    }

    public static async Task<ProjectPlan> LoadAsync(DbConnection connection, Guid projectId, DbTransaction? transaction = null)
    {
        using var reader = await connection.QueryMultipleAsync(LoadSql, new { ProjectId = projectId }, transaction);
        var phases = (await reader.ReadAsync<PhaseRow>()).ToList();
        var milestones = (await reader.ReadAsync<MilestoneRow>()).ToList();
        var dependsOn = (await reader.ReadAsync<DependencyRow>()).ToLookup(d => d.ItemKey, d => d.DependsOn, StringComparer.Ordinal);
        IReadOnlyList<string> Dependencies(string key) => [.. dependsOn[key].Order(StringComparer.Ordinal)];

        var plan = new ProjectPlan(
            null, null,
            [.. phases.OrderBy(p => p.StartDate).ThenBy(p => p.EndDate).ThenBy(p => p.ItemKey, StringComparer.Ordinal)
                .Select(p => new Phase(p.ItemKey, p.Title, p.StartDate, p.EndDate, p.Responsible, StableCode.Parse<PlanItemState>(p.State),
                    Dependencies(p.ItemKey)))],
            [.. milestones.OrderBy(m => m.DueDate).ThenBy(m => m.ItemKey, StringComparer.Ordinal)
                .Select(m => new Milestone(m.ItemKey, m.Title, m.DueDate, m.PhaseKey, m.Responsible, StableCode.Parse<PlanItemState>(m.State),
                    Dependencies(m.ItemKey)))]);
        var days = plan.Phases.SelectMany(p => new[] { p.Start, p.End }).Concat(plan.Milestones.Select(m => m.Date)).ToList();
        return days.Count == 0 ? plan : plan with { Start = days.Min(), End = days.Max() };
    }

    /// <summary>Replaces the project's plan with a validated draft.</summary>
    public static async Task ReplaceAsync(DbConnection connection, DbTransaction transaction, Guid projectId, PlanDraft draft)
    {
        await connection.ExecuteAsync(DeleteSql, new { ProjectId = projectId }, transaction);
        var phases = draft.Phases ?? [];
        var milestones = draft.Milestones ?? [];
        await connection.ExecuteAsync(InsertPhaseSql, phases.Select((p, i) => new
        {
            ProjectId = projectId, ItemKey = p.Key!, Position = i + 1, Title = p.Title!.Trim(), StartDate = p.Start!.Value, EndDate = p.End!.Value,
            Responsible = Blank(p.Responsible), State = StableCode.Of(p.State ?? PlanItemState.Planned),
        }), transaction);
        await connection.ExecuteAsync(InsertMilestoneSql, milestones.Select((m, i) => new
        {
            ProjectId = projectId, ItemKey = m.Key!, Position = i + 1, PhaseKey = m.Phase, Title = m.Title!.Trim(), DueDate = m.Date!.Value,
            Responsible = Blank(m.Responsible), State = StableCode.Of(m.State ?? PlanItemState.Planned),
        }), transaction);
        var dependencies = phases.Select(p => (p.Key!, p.DependsOn)).Concat(milestones.Select(m => (m.Key!, m.DependsOn)))
            .SelectMany(i => (i.DependsOn ?? []).Distinct(StringComparer.Ordinal)
                .Select(d => new { ProjectId = projectId, ItemKey = i.Item1, DependsOn = d }));
        await connection.ExecuteAsync(InsertDependencySql, dependencies, transaction);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
