using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;

namespace Innovation.Modules.Accompaniment.Features.Notes;

internal enum NoteAuthorRole
{
    Carrier,
    Accompanist,
}

/// <summary>A note as its author writes it.</summary>
/// <param name="Text" example="J'ai senti l'équipe fatiguée ; proposer une séance d'analyse de pratique plutôt qu'un bilan.">
/// The note (1–20,000 characters), stored encrypted and shown only to its author and the plan's accompanists.</param>
internal sealed record PlanNoteDraft(string? Text);

internal sealed class PlanNoteDraftValidator : AbstractValidator<PlanNoteDraft>
{
    public PlanNoteDraftValidator() => RuleFor(n => n.Text).NotEmpty().MaximumLength(20_000);
}

/// <summary>A confidential reflexive note of an accompaniment plan, as its author or an accompanist of the plan reads it.</summary>
/// <param name="Id">The note's id.</param>
/// <param name="PlanId">The accompaniment plan.</param>
/// <param name="Text">The note.</param>
/// <param name="AuthorRole">carrier (a carrier of the project) or accompanist (an accompanist of the plan) when it was written.</param>
/// <param name="AuthorPersonId">The author in the people directory; null for a carrier outside it, or once the author was erased.</param>
/// <param name="AuthorErased">True once the author exercised the right to erasure: the note stays, its authorship is gone.</param>
/// <param name="Mine">True when the caller wrote it (only the author changes or removes a note).</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="UpdatedAt">When it last changed.</param>
internal sealed record PlanNote(
    Guid Id, Guid PlanId, string Text, NoteAuthorRole AuthorRole, Guid? AuthorPersonId, bool AuthorErased, bool Mine,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// The <c>accompaniment.plan_note</c> table. The text is written only as Data Protection ciphertext, bound to the note's id
/// (a ciphertext copied into another row does not open); the author is the SHA-256 key of their e-mail
/// (<c>PersonErased.KeyOf</c>), never the e-mail or a name. A note is nobody's business but its readers': it publishes no
/// event, keeps no history and is in no search index.
/// </summary>
internal static class NoteTable
{
    internal const string Purpose = "Innovation.Accompaniment.Notes";

    private const string SelectColumns = """
        SELECT id AS Id, plan_id AS PlanId, author_role AS AuthorRole, author_key AS AuthorKey, author_person_id AS AuthorPersonId,
               author_erased_at AS AuthorErasedAt, protected_text AS ProtectedText, version AS Version, created_at AS CreatedAt,
               updated_at AS UpdatedAt
        FROM accompaniment.plan_note

        """;

    /// <summary>The notes of a plan this reader may read: all of them for an accompanist of the plan, else their own.</summary>
    internal const string ListSql = SelectColumns + """
        WHERE plan_id = @PlanId AND (@Accompanist = 1 OR author_key = @ReaderKey) AND (@After IS NULL OR id > @After)
        ORDER BY id
        {{limit @Take}}
        """;

    internal const string FindSql = SelectColumns + "WHERE plan_id = @PlanId AND id = @Id";

    internal const string InsertSql = """
        INSERT INTO accompaniment.plan_note (id, plan_id, author_role, author_key, author_person_id, author_erased_at, protected_text,
                                             version, created_at, updated_at)
        VALUES (@Id, @PlanId, @AuthorRole, @AuthorKey, @AuthorPersonId, NULL, @ProtectedText, @Version, @CreatedAt, @UpdatedAt)
        """;

    internal const string UpdateSql = """
        UPDATE accompaniment.plan_note SET protected_text = @ProtectedText, version = @Version, updated_at = @UpdatedAt
        WHERE id = @Id AND version = @Version - 1
        """;

    internal const string DeleteSql = "DELETE FROM accompaniment.plan_note WHERE id = @Id AND version = @Version";

    internal const string IsAccompanistSql = """
        SELECT COUNT(*) FROM accompaniment.plan_accompanist WHERE plan_id = @PlanId AND person_id = @PersonId
        """;

    public static string Protect(IDataProtectionProvider protection, Guid noteId, string text) =>
        protection.CreateProtector(Purpose, noteId.ToString()).Protect(text);

    public static async Task<Row?> FindAsync(DbConnection c, Guid planId, Guid id, DbTransaction? t = null) =>
        await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { PlanId = planId, Id = id }, t);

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid PlanId { get; set; }
        public string AuthorRole { get; set; } = "";
        public string? AuthorKey { get; set; }
        public Guid? AuthorPersonId { get; set; }
        public DateTimeOffset? AuthorErasedAt { get; set; }
        public string ProtectedText { get; set; } = "";
        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public PlanNote ToNote(IDataProtectionProvider protection, NoteReader reader) => new(
            Id, PlanId, protection.CreateProtector(Purpose, Id.ToString()).Unprotect(ProtectedText), StableCode.Parse<NoteAuthorRole>(AuthorRole),
            AuthorPersonId, AuthorErasedAt is not null, reader.Wrote(this), CreatedAt, UpdatedAt);
    }
}
