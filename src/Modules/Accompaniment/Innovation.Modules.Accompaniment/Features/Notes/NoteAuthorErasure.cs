using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Accompaniment.Features.Notes;

/// <summary>
/// <c>PersonErased</c>: the erased person's notes in the académie stay readable to the plan's accompanists, without their
/// author: the e-mail key and the person id are cleared (a new holder of the e-mail is not their author) and the note says
/// its author was erased. Notes hold no name, so nothing else is to remove.
/// </summary>
internal sealed class NoteAuthorErasure(Db db, TimeProvider time) : INotificationHandler<IntegrationEvent<PersonErased>>
{
    internal const string EraseSql = """
        UPDATE accompaniment.plan_note SET author_key = NULL, author_person_id = NULL, author_erased_at = @Now
        WHERE (author_key = @EmailKey OR author_person_id = @PersonId)
          AND plan_id IN (SELECT id FROM accompaniment.accompaniment_plan WHERE academie = @Academie)
        """;

    public Task Handle(IntegrationEvent<PersonErased> notification, CancellationToken cancellationToken)
    {
        var erased = notification.Payload;
        var now = time.GetUtcNow();
        return db.ProcessOnceAsync(AccompanimentModule.Schema, nameof(NoteAuthorErasure), notification.Id, now, (c, t) =>
            c.ExecuteAsync(EraseSql, new { erased.EmailKey, erased.PersonId, erased.Academie, Now = now }, t), cancellationToken);
    }
}
