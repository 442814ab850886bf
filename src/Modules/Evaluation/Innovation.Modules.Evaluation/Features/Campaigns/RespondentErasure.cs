using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

/// <summary>
/// <c>PersonErased</c>: the person's responses to named campaigns of the académie keep their answers (the results stay true) but lose
/// the respondent's name, person id and e-mail key, and say so; their audit entries lose the respondent too. Anonymous responses
/// hold nobody, so nothing is to find there.
/// </summary>
internal sealed class RespondentErasure(Db db, TimeProvider time) : INotificationHandler<IntegrationEvent<PersonErased>>
{
    internal const string EraseSql = """
        UPDATE evaluation.campaign_response
        SET respondent_name = NULL, respondent_person_id = NULL, respondent_key = NULL, respondent_erased = 1
        WHERE (respondent_person_id = @PersonId OR respondent_key = @EmailKey)
          AND campaign_id IN (SELECT id FROM evaluation.campaign WHERE academie = @Academie)
        """;

    public Task Handle(IntegrationEvent<PersonErased> notification, CancellationToken cancellationToken)
    {
        var erased = notification.Payload;
        return db.ProcessOnceAsync(EvaluationModule.Schema, nameof(RespondentErasure), notification.Id, time.GetUtcNow(), async (c, t) =>
        {
            await c.ExecuteAsync(EraseSql, new { erased.PersonId, erased.EmailKey, erased.Academie }, t);
            await AuditTrail.AnonymiseAsync(c, t, EvaluationModule.Schema, erased.PersonId.ToString());
            await AuditTrail.AnonymiseAsync(c, t, EvaluationModule.Schema, erased.EmailKey);
        }, cancellationToken);
    }
}
