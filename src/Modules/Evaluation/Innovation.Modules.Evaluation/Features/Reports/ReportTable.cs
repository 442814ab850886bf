using System.Data.Common;
using System.Text.Json;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Search;

namespace Innovation.Modules.Evaluation.Features.Reports;

/// <summary>An author of a report.</summary>
/// <param name="Name" example="Camille Martin">The author's name; null once the person was erased.</param>
/// <param name="PersonId">The author's id in the people directory, if given; null once erased.</param>
/// <param name="Erased">True once the author exercised the right to erasure.</param>
internal sealed record ReportAuthor(string? Name, Guid? PersonId, bool Erased);

/// <summary>A practice narrative or a project monograph.</summary>
/// <param name="Id">The report's id.</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Kind">practiceNarrative or monograph.</param>
/// <param name="Title" example="Une classe dehors, une année de récits">Title.</param>
/// <param name="Text">The narrative or monograph.</param>
/// <param name="Authors">Its authors, in the order given.</param>
/// <param name="Links">Its http(s) links (never fetched by the server).</param>
/// <param name="AttachedTo">The project, experimentation or network it is about.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="UpdatedAt">Its last change.</param>
internal sealed record Report(
    Guid Id, string Academie, ReportKind Kind, string Title, string Text, IReadOnlyList<ReportAuthor> Authors, IReadOnlyList<string> Links,
    ReportAttachment AttachedTo, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The <c>evaluation.report</c> table with its search terms, written together with the audit entry.</summary>
internal static class ReportTable
{
    internal const string ColumnsSql = """
        SELECT r.id AS Id, r.academie AS Academie, r.kind AS Kind, r.title AS Title, r.text AS Text, r.authors AS Authors, r.links AS Links,
               r.attached_type AS AttachedType, r.attached_id AS AttachedId, r.version AS Version, r.created_at AS CreatedAt,
               r.updated_at AS UpdatedAt
        """;

    internal const string FindSql = ColumnsSql + "\nFROM evaluation.report r\nWHERE r.id = @Id";

    internal const string InsertSql = """
        INSERT INTO evaluation.report (id, academie, kind, title, text, authors, links, attached_type, attached_id, version, created_at, updated_at)
        VALUES (@Id, @Academie, @Kind, @Title, @Text, @Authors, @Links, @AttachedType, @AttachedId, @Version, @CreatedAt, @UpdatedAt)
        """;

    internal const string UpdateSql = """
        UPDATE evaluation.report
        SET kind = @Kind, title = @Title, text = @Text, authors = @Authors, links = @Links, attached_type = @AttachedType,
            attached_id = @AttachedId, version = @Version, updated_at = @UpdatedAt
        WHERE id = @Id AND version = @Version - 1
        """;

    internal const string DeleteTermsSql = "DELETE FROM evaluation.report_search_term WHERE report_id = @Owner";

    internal const string InsertTermSql = "INSERT INTO evaluation.report_search_term (report_id, term, weight) VALUES (@Owner, @Term, @Weight)";

    private static readonly SearchTermTable Terms = new(DeleteTermsSql, InsertTermSql);

    /// <summary>A report's type in the audit trail.</summary>
    internal const string ResourceType = "evaluation.report";

    /// <summary>A report visible to <paramref name="caller"/>, or the 404 of a missing one (another académie's too).</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null) =>
        await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t) is { } row && caller.Sees(row.Academie)
            ? row
            : throw ProblemException.NotFound("report", id.ToString());

    /// <summary>Writes a new report (version 1) or a change of one with its search terms and audit entry; a stale change is a 412.</summary>
    public static async Task SaveAsync(DbConnection c, DbTransaction t, Row row, Row? before, string actor, string action)
    {
        if (row.Version == 1)
        {
            await c.ExecuteAsync(InsertSql, row, t);
        }
        else if (await c.ExecuteAsync(UpdateSql, row, t) == 0)
        {
            throw ETags.Stale(row.Version);
        }

        await Terms.WriteAsync(c, t, row.Id, SearchTerms.Of((row.Title, 2), (row.Text, 1)));
        var authors = row.ReadAuthors().Concat(before?.ReadAuthors() ?? []);
        await AuditTrail.RecordAsync(c, t, EvaluationModule.Schema, new AuditEntry(row.UpdatedAt, actor, row.Academie, ResourceType,
            row.Id.ToString(), action, before?.ToReport(), row.ToReport())
        {
            ParentId = row.AttachedId.ToString(),
            PersonalFields = ["authors"],
            Subjects = authors.Select(a => a.PersonId?.ToString() ?? ""),
        });
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Title { get; set; } = "";
        public string Text { get; set; } = "";

        /// <summary>The authors, a JSON array of <see cref="ReportAuthor"/>.</summary>
        public string Authors { get; set; } = "[]";

        /// <summary>The links, one a line.</summary>
        public string Links { get; set; } = "";

        public string AttachedType { get; set; } = "";
        public Guid AttachedId { get; set; }
        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        /// <summary>A new report (version 1) of <paramref name="academie"/>, or <paramref name="current"/> changed by the draft.</summary>
        public static Row From(ReportDraft draft, string academie, DateTimeOffset now, Row? current = null) => new()
        {
            Id = current?.Id ?? SortableId.New(now),
            Academie = academie,
            Kind = StableCode.Of(draft.Kind!.Value),
            Title = draft.Title!.Trim(),
            Text = draft.Text!.Trim(),
            Authors = JsonSerializer.Serialize(
                draft.Authors!.Select(a => new ReportAuthor(a.Name!.Trim(), a.PersonId, false)).ToList(), ApiJson.Options),
            Links = string.Join('\n', (draft.Links ?? []).Select(l => l.Trim())),
            AttachedType = StableCode.Of(draft.AttachedTo!.Type!.Value),
            AttachedId = draft.AttachedTo.Id!.Value,
            Version = (current?.Version ?? 0) + 1,
            CreatedAt = current?.CreatedAt ?? now,
            UpdatedAt = now,
        };

        public IReadOnlyList<ReportAuthor> ReadAuthors() => JsonSerializer.Deserialize<List<ReportAuthor>>(Authors, ApiJson.Options) ?? [];

        public Report ToReport() => new(
            Id, Academie, StableCode.Parse<ReportKind>(Kind), Title, Text, ReadAuthors(), Links.Length == 0 ? [] : Links.Split('\n'),
            new ReportAttachment(StableCode.Parse<ReportAttachmentType>(AttachedType), AttachedId), CreatedAt, UpdatedAt);

        public Versioned<Report> ToVersioned() => new(ToReport(), Version);
    }
}
