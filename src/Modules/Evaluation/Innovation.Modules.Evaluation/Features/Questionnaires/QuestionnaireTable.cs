using System.Data.Common;
using System.Text.Json;
using Innovation.BuildingBlocks.Audit;

namespace Innovation.Modules.Evaluation.Features.Questionnaires;

/// <summary>A questionnaire: one edition of its lineage.</summary>
/// <param name="Id">The questionnaire's id (this edition's).</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="LineageId">The id of its first edition, shared by every edition.</param>
/// <param name="Edition" example="1">Its edition in the lineage, from 1.</param>
/// <param name="Title" example="Satisfaction des équipes accompagnées 2026">Title.</param>
/// <param name="Purpose">satisfaction, perceivedChange, uncoveredNeeds, evaluationOfAccompaniment or other.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Questions">The questions, in their order.</param>
/// <param name="BuiltIn">True for the built-in evaluation of accompaniment on four levels, which no one changes.</param>
/// <param name="Answered">True once a campaign of it has a response: it is then frozen, and a change is a new edition.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">Its last change.</param>
internal sealed record Questionnaire(
    Guid Id, string Academie, Guid LineageId, int Edition, string Title, QuestionnairePurpose Purpose, string? Description,
    IReadOnlyList<Question> Questions, bool BuiltIn, bool Answered, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The <c>evaluation.questionnaire</c> table: a row per edition, its questions one JSON array.</summary>
internal static class QuestionnaireTable
{
    internal const string SelectSql = """
        SELECT id AS Id, academie AS Academie, lineage_id AS LineageId, edition AS Edition, title AS Title, purpose AS Purpose,
               description AS Description, questions AS Questions, is_builtin AS IsBuiltIn, is_answered AS IsAnswered, version AS Version,
               created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM evaluation.questionnaire
        """;

    internal const string FindSql = SelectSql + "\nWHERE id = @Id";

    internal const string LastEditionSql = "SELECT MAX(edition) FROM evaluation.questionnaire WHERE lineage_id = @LineageId";

    internal const string InsertSql = """
        INSERT INTO evaluation.questionnaire (id, academie, lineage_id, edition, title, purpose, description, questions, is_builtin, is_answered,
                                              version, created_at, updated_at)
        VALUES (@Id, @Academie, @LineageId, @Edition, @Title, @Purpose, @Description, @Questions, @IsBuiltIn, @IsAnswered,
                @Version, @CreatedAt, @UpdatedAt)
        """;

    // An answered questionnaire is never changed, even by a change that read it just before its first answer.
    internal const string UpdateSql = """
        UPDATE evaluation.questionnaire
        SET title = @Title, purpose = @Purpose, description = @Description, questions = @Questions, version = @Version, updated_at = @UpdatedAt
        WHERE id = @Id AND version = @Version - 1 AND is_answered = 0
        """;

    internal const string MarkAnsweredSql = "UPDATE evaluation.questionnaire SET is_answered = 1 WHERE id = @Id AND is_answered = 0";

    /// <summary>A questionnaire's type in the audit trail.</summary>
    internal const string ResourceType = "evaluation.questionnaire";

    /// <summary>A questionnaire visible to <paramref name="caller"/>, or the 404 of a missing one (another académie's too).</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null) =>
        await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t) is { } row && caller.Sees(row.Academie)
            ? row
            : throw ProblemException.NotFound("questionnaire", id.ToString());

    /// <summary>The 409 that says an answered questionnaire is frozen and how to change it.</summary>
    public static ProblemException Answered(Guid id) =>
        ProblemException.Conflict("questionnaire_answered",
                $"Questionnaire {id} already has answers, which must keep the questions they answered: create a new edition with "
                + $"POST /api/v1/evaluation/questionnaires/{id}/editions.")
            .With("newEdition", $"/api/v1/evaluation/questionnaires/{id}/editions");

    /// <summary>
    /// Writes a new questionnaire (version 1) or a change of one, with its audit entry; a stale or answered change is a 412 or 409.
    /// </summary>
    public static async Task SaveAsync(DbConnection c, DbTransaction t, Row row, Row? before, string actor, string action)
    {
        if (row.Version == 1)
        {
            await c.ExecuteAsync(InsertSql, row, t);
        }
        else if (await c.ExecuteAsync(UpdateSql, row, t) == 0)
        {
            throw before is { IsAnswered: true } || (await c.QuerySingleAsync<Row>(FindSql, row, t)).IsAnswered
                ? Answered(row.Id)
                : ETags.Stale(row.Version);
        }

        await AuditTrail.RecordAsync(c, t, EvaluationModule.Schema, new AuditEntry(row.UpdatedAt, actor, row.Academie, ResourceType,
            row.Id.ToString(), action, before?.ToQuestionnaire(), row.ToQuestionnaire()) { ParentId = row.LineageId.ToString() });
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public Guid LineageId { get; set; }
        public int Edition { get; set; }
        public string Title { get; set; } = "";
        public string Purpose { get; set; } = "";
        public string? Description { get; set; }

        /// <summary>The questions, a JSON array of <see cref="Question"/>.</summary>
        public string Questions { get; set; } = "[]";

        public bool IsBuiltIn { get; set; }
        public bool IsAnswered { get; set; }
        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        /// <summary>
        /// A new questionnaire (version 1, first edition unless <paramref name="lineage"/> names its lineage and edition), or
        /// <paramref name="current"/> changed by the draft.
        /// </summary>
        public static Row From(
            QuestionnaireDraft draft, string academie, DateTimeOffset now, Row? current = null, (Guid Id, int Edition)? lineage = null)
        {
            var id = current?.Id ?? SortableId.New();
            return new Row
            {
                Id = id,
                Academie = academie,
                LineageId = current?.LineageId ?? lineage?.Id ?? id,
                Edition = current?.Edition ?? lineage?.Edition ?? 1,
                Title = draft.Title!.Trim(),
                Purpose = StableCode.Of(draft.Purpose!.Value),
                Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim(),
                Questions = JsonSerializer.Serialize(draft.Questions!.Select(q => q.ToQuestion()).ToList(), ApiJson.Options),
                IsBuiltIn = current?.IsBuiltIn ?? false,
                Version = (current?.Version ?? 0) + 1,
                CreatedAt = current?.CreatedAt ?? now,
                UpdatedAt = now,
            };
        }

        public IReadOnlyList<Question> ReadQuestions() => JsonSerializer.Deserialize<List<Question>>(Questions, ApiJson.Options) ?? [];

        public Questionnaire ToQuestionnaire() => new(
            Id, Academie, LineageId, Edition, Title, StableCode.Parse<QuestionnairePurpose>(Purpose), Description, ReadQuestions(), IsBuiltIn,
            IsAnswered, CreatedAt, UpdatedAt);

        public Versioned<Questionnaire> ToVersioned() => new(ToQuestionnaire(), Version);
    }
}
