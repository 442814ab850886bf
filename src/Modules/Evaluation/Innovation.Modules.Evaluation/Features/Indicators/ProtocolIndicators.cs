using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Experimentation.Contracts;
using Microsoft.Extensions.Logging;

namespace Innovation.Modules.Evaluation.Features.Indicators;

/// <summary>
/// <c>ExperimentationApproved</c>: creates the experimentation's indicators from its protocol (scope <c>experimentation</c>, in its
/// académie), each audited by the system actor and announced by <c>IndicatorCreated</c> like a manual creation. The review schedule
/// is the indicators' data source and the protocol's data-collection methods their collection method, so <c>GET</c> shows them.
/// An indicator the experimentation already has (a second approval) is left as it is; one the manual creation would refuse is
/// skipped and logged; a protocol unit <c>other</c> becomes <c>score</c>, the unit that admits any number.
/// </summary>
internal sealed class ProtocolIndicators(Db db, TimeProvider time, IValidator<IndicatorDraft> validator, ILogger<ProtocolIndicators> log)
    : INotificationHandler<IntegrationEvent<ExperimentationApproved>>
{
    private const int TextLength = 500;

    public Task Handle(IntegrationEvent<ExperimentationApproved> notification, CancellationToken cancellationToken)
    {
        var (experimentation, protocol) = (notification.Payload.Experimentation, notification.Payload.Protocol);
        var drafts = protocol.Indicators.Select(i => Draft(i, experimentation, protocol)).Where(IsValid).ToList();
        var system = new Caller(AuditEntry.SystemActor, experimentation.Academie);
        var now = time.GetUtcNow();
        return db.ProcessOnceAsync(EvaluationModule.Schema, nameof(ProtocolIndicators), notification.Id, now, async (c, t) =>
        {
            foreach (var draft in drafts)
            {
                var row = IndicatorTable.Row.From(draft, experimentation.Academie, now);
                if (await c.QuerySingleOrDefaultAsync<IndicatorTable.Row>(IndicatorTable.FindByKeySql, row, t) is null)
                {
                    await IndicatorTable.SaveAsync(c, t, row, null, system, "create");
                }
            }
        }, cancellationToken);
    }

    private static IndicatorDraft Draft(ProtocolIndicator indicator, ExperimentationSnapshot experimentation, ExperimentationProtocol protocol)
    {
        var unit = indicator.Unit.Equals("other", StringComparison.OrdinalIgnoreCase) ? IndicatorUnit.Score
            : Enum.TryParse<IndicatorUnit>(indicator.Unit, ignoreCase: true, out var known) ? known : (IndicatorUnit?)null;
        var direction = Enum.TryParse<IndicatorDirection>(indicator.Direction, ignoreCase: true, out var d) ? d : (IndicatorDirection?)null;
        return new IndicatorDraft(
            indicator.Code, indicator.Label, unit, direction, IndicatorScope.Experimentation, experimentation.ExperimentationId,
            new IndicatorPointDraft((double)indicator.BaselineValue, indicator.BaselineDate),
            new IndicatorPointDraft((double)indicator.TargetValue, indicator.TargetDate),
            Clip(Schedule(protocol.IntermediateReviewsDue, protocol.FinalReportDue)),
            Clip(string.Join(", ", protocol.DataCollection)), null, experimentation.Academie);
    }

    private const string ScheduleStart = "Bilans de l'expérimentation";

    private const string FinalReport = " rapport final au ";

    private const string Intermediate = " : intermédiaires au ";

    /// <summary>The review schedule as the indicator's data source: the values come from the experimentation's reviews.</summary>
    private static string Schedule(IEnumerable<DateOnly> intermediateReviews, DateOnly finalReport)
    {
        var intermediate = intermediateReviews.Distinct().Order().Select(Iso).ToList();
        var reviews = intermediate.Count == 0 ? "" : Intermediate + string.Join(", ", intermediate) + " ;";
        return ScheduleStart + reviews + FinalReport + Iso(finalReport);
    }

    /// <summary>True when <paramref name="dataSource"/> is the review schedule this handler wrote (not a text of the team's).</summary>
    internal static bool IsSchedule(string? dataSource) =>
        dataSource is not null && dataSource.StartsWith(ScheduleStart, StringComparison.Ordinal)
        && dataSource.LastIndexOf(FinalReport, StringComparison.Ordinal) is var at and >= 0 && dataSource.Length == at + FinalReport.Length + 10;

    /// <summary>
    /// The review schedule <paramref name="schedule"/> after a renewal: <paramref name="added"/> intermediate reviews among its own and
    /// the final report due on <paramref name="due"/>; when that no longer fits the column, the intermediate reviews stay as they were.
    /// </summary>
    internal static string Renewed(string schedule, IEnumerable<DateOnly> added, DateOnly due)
    {
        var at = schedule.IndexOf(Intermediate, StringComparison.Ordinal);
        var current = at < 0 ? [] : schedule[(at + Intermediate.Length)..schedule.LastIndexOf(" ;" + FinalReport, StringComparison.Ordinal)]
            .Split(", ").Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var renewed = Schedule(current.Concat(added), due);
        return renewed.Length <= TextLength ? renewed
            : schedule[..(schedule.LastIndexOf(FinalReport, StringComparison.Ordinal) + FinalReport.Length)] + Iso(due);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Clip(string text) => text.Length <= TextLength ? text : text[..TextLength];

    private bool IsValid(IndicatorDraft draft)
    {
        var result = validator.Validate(draft);
        if (!result.IsValid)
        {
            log.LogWarning("Protocol indicator {Code} of experimentation {ExperimentationId} not created: {Errors}", draft.Code, draft.ScopeId,
                string.Join("; ", result.Errors.Select(e => e.ErrorMessage)));
        }

        return result.IsValid;
    }
}
