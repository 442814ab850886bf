using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Evaluation.Features.Erasure;

/// <summary>
/// <c>PersonErased</c> in Evaluation: the measurements the person collected lose their collector, and what the person submitted or
/// reviewed (recognised by the SHA-256 key of their e-mail) loses who did it, in the measurements and their history, within the
/// person's académie. The values stay: they are the académie's, not the person's. A submitter erased can no longer be told from an
/// approver, so such a measurement may be approved by anyone with the scope.
/// </summary>
internal sealed class MeasurementPeopleErasure(Db db, TimeProvider time) : INotificationHandler<IntegrationEvent<PersonErased>>
{
    internal const string ClearCollectorSql = """
        UPDATE evaluation.measurement SET collected_by = NULL WHERE academie = @Academie AND collected_by = @PersonId
        """;

    internal const string ClearSubmitterSql = """
        UPDATE evaluation.measurement SET submitted_by = NULL, submitted_by_key = NULL WHERE academie = @Academie AND submitted_by_key = @EmailKey
        """;

    internal const string ClearReviewerSql = """
        UPDATE evaluation.measurement SET reviewed_by = NULL, reviewed_by_key = NULL WHERE academie = @Academie AND reviewed_by_key = @EmailKey
        """;

    internal const string ClearHistorySql = """
        UPDATE evaluation.measurement_history SET actor = NULL, actor_key = NULL WHERE academie = @Academie AND actor_key = @EmailKey
        """;

    public Task Handle(IntegrationEvent<PersonErased> notification, CancellationToken cancellationToken)
    {
        var erased = notification.Payload;
        return db.ProcessOnceAsync(EvaluationModule.Schema, nameof(MeasurementPeopleErasure), notification.Id, time.GetUtcNow(), async (c, t) =>
        {
            await c.ExecuteAsync(ClearCollectorSql, erased, t);
            await c.ExecuteAsync(ClearSubmitterSql, erased, t);
            await c.ExecuteAsync(ClearReviewerSql, erased, t);
            await c.ExecuteAsync(ClearHistorySql, erased, t);
        }, cancellationToken);
    }
}
