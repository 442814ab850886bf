using Innovation.BuildingBlocks.Aggregates;
using Innovation.Modules.Accompaniment.Features.Plans;

namespace Innovation.Modules.Accompaniment.Features.FollowUp;

/// <summary>
/// A follow-up sheet as the team writes it. What it records (a failed attempt, an obstacle, a low self-evaluation) is never
/// counted against the project: no score, rank or flag is computed from it (ADR 0021, the right to error).
/// </summary>
/// <param name="WrittenOn" example="2026-12-15">The day of the sheet.</param>
/// <param name="Progress" example="Deux séquences conduites ; la grille d'observation est prête.">What progressed.</param>
/// <param name="Obstacles" example="La sortie prévue a échoué faute de transport.">What got in the way, failed attempts included.</param>
/// <param name="Adjustments" example="Sortie reportée en mars ; une séance d'analyse de pratique ajoutée.">What the team adjusts.</param>
/// <param name="SelfEvaluation" example="3">The team's self-evaluation on a scale from 1 (lowest) to 4 (highest); the
/// team's own reading, never aggregated into a score of the project.</param>
internal sealed record FollowUpSheetDraft(DateOnly? WrittenOn, string? Progress, string? Obstacles, string? Adjustments, int? SelfEvaluation);

internal sealed class FollowUpSheetDraftValidator : AbstractValidator<FollowUpSheetDraft>
{
    public FollowUpSheetDraftValidator()
    {
        RuleFor(s => s.WrittenOn).NotNull();
        RuleFor(s => s.Progress).MaximumLength(4000);
        RuleFor(s => s.Obstacles).MaximumLength(4000);
        RuleFor(s => s.Adjustments).MaximumLength(4000);
        RuleFor(s => s.SelfEvaluation).NotNull().InclusiveBetween(1, 4);
    }
}

/// <summary>A follow-up sheet of an accompaniment plan.</summary>
/// <param name="Id">The sheet's id.</param>
/// <param name="WrittenOn" example="2026-12-15">The day of the sheet.</param>
/// <param name="Progress">What progressed.</param>
/// <param name="Obstacles">What got in the way.</param>
/// <param name="Adjustments">What the team adjusts.</param>
/// <param name="SelfEvaluation" example="3">The team's self-evaluation, 1–4.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="UpdatedAt">When it last changed.</param>
internal sealed record FollowUpSheet(
    Guid Id, DateOnly WrittenOn, string? Progress, string? Obstacles, string? Adjustments, int SelfEvaluation, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A plan's follow-up sheets.</summary>
/// <param name="Items">Sheets by day.</param>
internal sealed record FollowUpSheetList(IReadOnlyList<FollowUpSheet> Items);

/// <summary>The follow-up sheets of a plan (accompaniment.plan_followup_sheet), at most 200, written while the plan is active.</summary>
internal sealed class PlanSheets()
    : ChildCollection<PlanTable.Row, FollowUpSheetDraft, PlanSheets.Row, FollowUpSheet, FollowUpSheetList>(PlanParent.Rules)
{
    private const string Changes =
        "Requires If-Match with the plan's ETag; the plan moves one version up and the response carries its new ETag. Only an active plan "
        + "has sheets (409 `plan_closed` once closed, `invalid_transition` before acceptance); a plan of another académie is a 404.";

    private const string SelectColumns = """
        SELECT id AS Id, plan_id AS PlanId, written_on AS WrittenOn, progress AS Progress, obstacles AS Obstacles, adjustments AS Adjustments,
               self_evaluation AS SelfEvaluation, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM accompaniment.plan_followup_sheet

        """;

    internal const string ListSql = SelectColumns + "WHERE plan_id = @ParentId ORDER BY written_on, id";

    internal const string FindSql = SelectColumns + "WHERE plan_id = @ParentId AND id = @Id";

    internal const string CountSql = "SELECT COUNT(*) FROM accompaniment.plan_followup_sheet WHERE plan_id = @ParentId";

    internal const string InsertSql = """
        INSERT INTO accompaniment.plan_followup_sheet (id, plan_id, written_on, progress, obstacles, adjustments, self_evaluation, created_at,
                                                       updated_at)
        VALUES (@Id, @PlanId, @WrittenOn, @Progress, @Obstacles, @Adjustments, @SelfEvaluation, @CreatedAt, @UpdatedAt)
        """;

    internal const string UpdateSql = """
        UPDATE accompaniment.plan_followup_sheet
        SET written_on = @WrittenOn, progress = @Progress, obstacles = @Obstacles, adjustments = @Adjustments, self_evaluation = @SelfEvaluation,
            updated_at = @UpdatedAt
        WHERE plan_id = @PlanId AND id = @Id
        """;

    internal const string DeleteSql = "DELETE FROM accompaniment.plan_followup_sheet WHERE plan_id = @ParentId AND id = @Id";

    protected override ChildRoutes Routes { get; } = new(
        "sheets", "sheetId",
        Add: new("RecordFollowUpSheet", "Record a follow-up sheet of a plan",
            "Records the team's follow-up sheet: progress, obstacles, adjustments and self-evaluation (1–4). The plan's `followUp` then "
            + "shows the next sheet due, the plan's interval after this one. A sheet is never counted against the project (the right to "
            + "error): its self-evaluation feeds no score or flag. " + Changes),
        List: new("ListFollowUpSheets", "List a plan's follow-up sheets",
            "Every sheet of the plan (at most 200, so the list is never paged), by day. The ETag is the plan's."),
        Get: new("GetFollowUpSheet", "Get one follow-up sheet of a plan",
            "The ETag is the plan's: send it in If-Match to replace or remove the sheet."),
        Remove: new("RemoveFollowUpSheet", "Remove a follow-up sheet of a plan",
            "Requires If-Match with the plan's ETag; the plan moves one version up and the 204 carries its new ETag. Only an active plan "
            + "changes its sheets."),
        Replace: new("UpdateFollowUpSheet", "Replace a follow-up sheet of a plan", "Replaces every field of the sheet. " + Changes));

    protected override int MaxPerParent => 200;

    protected override ProblemException TooMany() =>
        ProblemException.Conflict("too_many_sheets", $"A plan has at most {MaxPerParent} follow-up sheets.");

    protected override ProblemException NotFound(Guid id) => ProblemException.NotFound("follow-up sheet", id.ToString());

    protected override ChildSql Sql { get; } = new(ListSql, FindSql, CountSql, InsertSql, DeleteSql, UpdateSql);

    protected override Row ToRow(Guid parentId, Guid id, FollowUpSheetDraft draft, DateTimeOffset now) => new()
    {
        Id = id, PlanId = parentId, WrittenOn = draft.WrittenOn!.Value, Progress = Text(draft.Progress), Obstacles = Text(draft.Obstacles),
        Adjustments = Text(draft.Adjustments), SelfEvaluation = draft.SelfEvaluation!.Value, CreatedAt = now, UpdatedAt = now,
    };

    protected override FollowUpSheet ToItem(Row row) => new(
        row.Id, row.WrittenOn, row.Progress, row.Obstacles, row.Adjustments, row.SelfEvaluation, row.CreatedAt, row.UpdatedAt);

    protected override FollowUpSheetList ToList(IEnumerable<Row> rows) => new([.. rows.Select(ToItem)]);

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal sealed class Row : IChildRow
    {
        public Guid Id { get; set; }
        public Guid PlanId { get; set; }
        public DateOnly WrittenOn { get; set; }
        public string? Progress { get; set; }
        public string? Obstacles { get; set; }
        public string? Adjustments { get; set; }
        public int SelfEvaluation { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }
}
