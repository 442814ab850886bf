using Innovation.Modules.Accompaniment.Features.Plans;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Projects.Contracts;

namespace Innovation.Modules.Accompaniment.Features.Notes;

/// <summary>
/// Who the caller is to a plan's notes, from the token's e-mail alone: its key (which names the notes they wrote) and whether
/// they are an accompanist of the plan (the e-mail names a person of the plan's académie directory who is among the plan's
/// accompanists). Scopes never open a note: an administrator with every scope, or a key without an e-mail, reads none.
/// </summary>
internal sealed record NoteReader(string? Key, Guid? PersonId, bool IsAccompanist)
{
    public bool Wrote(NoteTable.Row note) => Key is not null && note.AuthorKey == Key;

    public bool MayRead(NoteTable.Row note) => IsAccompanist || Wrote(note);

    public static async Task<NoteReader> OfAsync(Db db, IMediator mediator, PlanTable.Row plan, Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Email is not { } email)
        {
            return new NoteReader(null, null, false);
        }

        var person = await mediator.Send(new FindPersonByEmail(plan.Academie, email), cancellationToken);
        var accompanist = person is not null && await db.ReadAsync(c => c.ExecuteScalarAsync<int>(NoteTable.IsAccompanistSql,
            new { PlanId = plan.Id, person.PersonId }), cancellationToken) > 0;
        return new NoteReader(PersonErased.KeyOf(email), person?.PersonId, accompanist);
    }

    /// <summary>
    /// The role a writer writes in: an accompanist of the plan, else a carrier of the project (<c>projects:carry</c>, on its team);
    /// anyone else is a 403 <c>not_a_note_writer</c>.
    /// </summary>
    public async Task<NoteAuthorRole> WriterRoleAsync(IMediator mediator, PlanTable.Row plan, Caller caller, CancellationToken cancellationToken)
    {
        if (IsAccompanist)
        {
            return NoteAuthorRole.Accompanist;
        }

        if (caller.Has(Scopes.ProjectsCarry) && caller.Email is { } email
            && await mediator.Send(new IsProjectCarrier(plan.ProjectId, email), cancellationToken))
        {
            return NoteAuthorRole.Carrier;
        }

        throw ProblemException.Forbidden("not_a_note_writer",
            "Only an accompanist of the plan or a carrier of the project (recognised by the token's e-mail) writes notes in it.");
    }

    /// <summary>The note, if this reader may read it: any other note is a 404, exactly like a missing one.</summary>
    public NoteTable.Row Readable(NoteTable.Row? note, Guid id) =>
        note is not null && MayRead(note) ? note : throw ProblemException.NotFound("note", id.ToString());
}

/// <summary>What every note route does first: the plan visible to the caller (404 otherwise) and who the caller is to its notes.</summary>
internal static class NotePlan
{
    public static async Task<(PlanTable.Row Plan, NoteReader Reader)> OpenAsync(
        Db db, IMediator mediator, Guid planId, Caller caller, CancellationToken cancellationToken)
    {
        var plan = await db.ReadAsync(c => PlanRules.FindVisibleAsync(c, planId, caller), cancellationToken);
        return (plan, await NoteReader.OfAsync(db, mediator, plan, caller, cancellationToken));
    }

    /// <summary>Notes are read by a credential with either scope: accompanists read with <c>accompaniment:read</c>, carriers with theirs.</summary>
    public static RouteHandlerBuilder RequireReaderScope(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(p => p.RequireClaim(InnovationClaims.Scope, Scopes.AccompanimentRead, Scopes.ProjectsCarry));

    public static RouteHandlerBuilder RequireWriterScope(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(p => p.RequireClaim(InnovationClaims.Scope, Scopes.AccompanimentWrite, Scopes.ProjectsCarry));

    public const string ReaderScopes = "\n\nRequires scope `accompaniment:read` (accompanists) or `projects:carry` (carriers).";

    public const string WriterScopes = "\n\nRequires scope `accompaniment:write` (accompanists) or `projects:carry` (carriers).";

    public const string Confidential =
        "A note is confidential: only its author and the plan's accompanists (recognised by the token's e-mail in the académie's "
        + "people directory) read it; anyone else, whatever their scopes, gets a 404 for it and does not see it in the list.";
}
