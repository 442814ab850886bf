using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Experimentation.Contracts;

namespace Innovation.Modules.Evaluation.Features.Indicators;

/// <summary>
/// <c>ExperimentationRenewed</c>: the experimentation runs <c>AdditionalYears</c> more school years, so the indicators created from its
/// protocol (those whose data source is the review schedule <see cref="ProtocolIndicators"/> wrote) have their target date moved by as
/// many years and the schedule gains the added intermediate reviews and the new final report date; each change is audited by the system
/// actor like an update. The indicators created or changed by hand are the team's: left as they are.
/// </summary>
internal sealed class ProtocolRenewal(Db db, TimeProvider time) : INotificationHandler<IntegrationEvent<ExperimentationRenewed>>
{
    internal const string FindSql = IndicatorTable.SelectSql + """
        WHERE academie = @Academie AND scope = 'experimentation' AND scope_id = @ExperimentationId
        """;

    public Task Handle(IntegrationEvent<ExperimentationRenewed> notification, CancellationToken cancellationToken)
    {
        var (experimentation, renewal) = (notification.Payload.Experimentation, notification.Payload);
        var system = new Caller(AuditEntry.SystemActor, experimentation.Academie);
        var now = time.GetUtcNow();
        return db.ProcessOnceAsync(EvaluationModule.Schema, nameof(ProtocolRenewal), notification.Id, now, async (c, t) =>
        {
            var indicators = await c.QueryAsync<IndicatorTable.Row>(FindSql, new { experimentation.Academie, experimentation.ExperimentationId }, t);
            foreach (var before in indicators.Where(i => ProtocolIndicators.IsSchedule(i.DataSource)))
            {
                var row = before.Copy();
                row.TargetDate = before.TargetDate.AddYears(renewal.AdditionalYears);
                row.DataSource = ProtocolIndicators.Renewed(before.DataSource!, renewal.IntermediateReviewsDue ?? [], renewal.FinalReportDue);
                row.Version = before.Version + 1;
                row.UpdatedAt = now;
                await IndicatorTable.SaveAsync(c, t, row, before, system, "renew");
            }
        }, cancellationToken);
    }
}
