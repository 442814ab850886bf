using System.Data.Common;
using Innovation.Modules.Accompaniment.Features.Diagnoses;
using Innovation.Modules.Accompaniment.Features.Projects;

namespace Innovation.Modules.Accompaniment.Features.Plans;

/// <summary>What every use case of a plan checks: the plan is visible (404), still open (409), its content fits the project.</summary>
internal static class PlanRules
{
    public static async Task<PlanTable.Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null)
    {
        var row = await c.QuerySingleOrDefaultAsync<PlanTable.Row>(PlanTable.FindSql, new { Id = id }, t);
        return row is not null && caller.Sees(row.Academie) ? row : throw ProblemException.NotFound("accompaniment plan", id.ToString());
    }

    /// <summary>409 <c>plan_closed</c> for a closed or declined plan: it is history, nothing changes it.</summary>
    public static void EnsureOpen(PlanTable.Row row)
    {
        if (row.PlanStatus is PlanStatus.Closed or PlanStatus.Declined)
        {
            throw ProblemException.Conflict("plan_closed", $"The plan is {row.Status}: it can no longer change. Propose a new plan instead.")
                .With("planStatus", row.Status);
        }
    }

    /// <summary>409 <c>invalid_transition</c> unless the plan is in <paramref name="expected"/>.</summary>
    public static void EnsureStatus(PlanTable.Row row, PlanStatus expected, string action)
    {
        EnsureOpen(row);
        if (row.PlanStatus != expected)
        {
            throw ProblemException.Conflict("invalid_transition", $"A plan that is {row.Status} cannot be {action}.").With("planStatus", row.Status);
        }
    }

    /// <summary>
    /// The content's goals answer needs of the project's current diagnosis and its accompanists are people of the académie's
    /// directory: else a 400 naming every field at once.
    /// </summary>
    public static async Task CheckContentAsync(
        Db db, IMediator mediator, ProjectReadModel.Row project, AccompanimentPlanDraft content, CancellationToken cancellationToken)
    {
        var diagnosed = await db.ReadAsync(async c =>
        {
            var current = await DiagnosisTable.CurrentAsync(db, c, project.Id);
            return current is null ? [] : (await DiagnosisTable.NeedsOfAsync(db, c, [current.Id]))[current.Id].Select(n => n.Code).ToHashSet();
        }, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < content.Goals!.Count; i++)
        {
            if (!diagnosed.Contains(StableCode.Of(content.Goals[i].NeedCode!.Value)))
            {
                errors[$"goals[{i}].needCode"] = [diagnosed.Count == 0
                    ? "The project has no needs diagnosis yet: diagnose its needs first."
                    : $"The project's current diagnosis does not name this need (it names {string.Join(", ", diagnosed.Order())})."];
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        await AccompaniedProject.EnsureInDirectoryAsync(mediator, project.Academie,
            [.. content.Accompanists!.Select((a, i) => ($"accompanists[{i}].personId", a.PersonId!.Value))], cancellationToken);
    }
}
