using System.Data.Common;

namespace Innovation.Modules.Projects.Features.Logbook;

/// <summary>What a logbook entry records.</summary>
internal enum LogbookEntryType
{
    /// <summary>A step of the project was reached.</summary>
    StepReached,
    Decision,
    Success,
    Error,
    OpenQuestion,
}

/// <summary>An entry of a project's logbook (<i>journal de bord</i>). Entries are never changed or deleted.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="Sequence" example="3">Position in the logbook (1, 2, 3… in the order entries were written).</param>
/// <param name="Type">What the entry records.</param>
/// <param name="Date" example="2026-10-02">The day the entry is about.</param>
/// <param name="Text" example="Première sortie au parc : les élèves ont noté 14 espèces.">The entry.</param>
/// <param name="Corrects">The entry this one corrects, if any.</param>
/// <param name="Author" example="ada.lovelace@ac-versailles.fr">Who wrote it (the caller's id: API key id or token subject).</param>
/// <param name="CreatedAt">When it was written.</param>
internal sealed record LogbookEntry(Guid Id, int Sequence, LogbookEntryType Type, DateOnly Date, string Text, Guid? Corrects, string Author,
    DateTimeOffset CreatedAt);

/// <summary>The logbook table: append-only.</summary>
internal static class LogbookTable
{
    internal const string SelectColumns = """
        SELECT id AS Id, sequence AS Sequence, entry_type AS EntryType, entry_date AS EntryDate, entry_text AS EntryText,
               corrects AS Corrects, author AS Author, created_at AS CreatedAt
        FROM projects.project_logbook_entry

        """;

    internal const string FindSql = SelectColumns + "WHERE project_id = @ProjectId AND id = @Id";

    internal const string InsertSql = """
        INSERT INTO projects.project_logbook_entry (id, project_id, sequence, entry_type, entry_date, entry_text, corrects, author, created_at)
        SELECT @Id, @ProjectId, COALESCE(MAX(sequence), 0) + 1, @EntryType, @EntryDate, @EntryText, @Corrects, @Author, @CreatedAt
        FROM projects.project_logbook_entry WHERE project_id = @ProjectId
        """;

    /// <summary>A row of projects.project_logbook_entry.</summary>
    internal sealed class Row
    {
        public Guid Id { get; set; }
        public int Sequence { get; set; }
        public string EntryType { get; set; } = "";
        public DateOnly EntryDate { get; set; }
        public string EntryText { get; set; } = "";
        public Guid? Corrects { get; set; }
        public string Author { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }

        public LogbookEntry ToEntry() => new(Id, Sequence, StableCode.Parse<LogbookEntryType>(EntryType), EntryDate, EntryText, Corrects, Author,
            CreatedAt);
    }

    public static Task<Row?> FindAsync(DbConnection connection, Guid projectId, Guid id, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { ProjectId = projectId, Id = id }, transaction);
}
