using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Evaluation.Features.Grids;

/// <summary>
/// <c>PersonErased</c>: the person's positionings on the académie's grids keep their levels (a team's view of its progress stays
/// true) but lose the person's id and name, and say so; their audit entries lose the subject too.
/// </summary>
internal sealed class PositioningErasure(Db db, TimeProvider time) : INotificationHandler<IntegrationEvent<PersonErased>>
{
    internal const string EraseSql = """
        UPDATE evaluation.grid_positioning SET person_id = NULL, person_name = NULL, subject_erased = 1
        WHERE person_id = @PersonId AND grid_id IN (SELECT id FROM evaluation.grid WHERE academie = @Academie)
        """;

    public Task Handle(IntegrationEvent<PersonErased> notification, CancellationToken cancellationToken)
    {
        var erased = notification.Payload;
        return db.ProcessOnceAsync(EvaluationModule.Schema, nameof(PositioningErasure), notification.Id, time.GetUtcNow(), async (c, t) =>
        {
            await c.ExecuteAsync(EraseSql, new { erased.PersonId, erased.Academie }, t);
            await AuditTrail.AnonymiseAsync(c, t, EvaluationModule.Schema, erased.PersonId.ToString());
        }, cancellationToken);
    }
}
