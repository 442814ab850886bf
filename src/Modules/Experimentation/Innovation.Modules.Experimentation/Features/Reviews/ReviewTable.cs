using System.Data.Common;
using System.Text.Json;
using Innovation.Modules.Experimentation.Contracts;

namespace Innovation.Modules.Experimentation.Features.Reviews;

/// <summary>A value of a protocol indicator, as a review reports it.</summary>
/// <param name="IndicatorCode" example="absenteeism">The indicator's code in the protocol.</param>
/// <param name="Value" example="10.2">The value.</param>
/// <param name="MeasuredOn" example="2027-06-15">When it was measured.</param>
internal sealed record ReviewIndicatorValue(string? IndicatorCode, decimal? Value, DateOnly? MeasuredOn);

/// <summary>An intermediate review or the final report of an experimentation.</summary>
/// <param name="Id">The review's id.</param>
/// <param name="Kind">intermediate or final.</param>
/// <param name="DueOn" example="2027-06-30">Its due date.</param>
/// <param name="Overdue">True when the due date has passed, the review is not submitted and the experimentation is under way.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="SubmittedBy" example="key_1f2e">Who submitted it: the API key id or the token's subject.</param>
/// <param name="Text">The review's text.</param>
/// <param name="Attachments">Links to its attachments (http or https).</param>
/// <param name="IndicatorValues">The indicator values it reports.</param>
internal sealed record ExperimentationReview(
    Guid Id, ReviewKind Kind, DateOnly DueOn, bool Overdue, DateTimeOffset? SubmittedAt, string? SubmittedBy, string? Text,
    IReadOnlyList<string> Attachments, IReadOnlyList<ReviewIndicatorValue> IndicatorValues)
{
    /// <summary>Past its due date (the due day itself is not late) and not submitted.</summary>
    public bool IsLate(DateOnly today) => SubmittedAt is null && DueOn < today;

    public ReviewSnapshot ToSnapshot() => new(Id, StableCode.Of(Kind), DueOn,
        IndicatorValues.Where(v => v.IndicatorCode is not null && v.Value is not null).ToDictionary(v => v.IndicatorCode!, v => v.Value!.Value));
}

/// <summary>The <c>experimentation.review</c> table: the reviews an approval schedules, their submissions and their overdue notice.</summary>
internal static class ReviewTable
{
    internal const string SelectSql = """
        SELECT id AS Id, experimentation_id AS ExperimentationId, kind AS Kind, due_on AS DueOn, submitted_at AS SubmittedAt,
               submitted_by AS SubmittedBy, text AS Text, attachments AS Attachments, indicator_values AS IndicatorValues
        FROM experimentation.review

        """;

    internal const string ByExperimentationSql = SelectSql + "WHERE experimentation_id IN @Ids";

    internal const string InsertSql = """
        INSERT INTO experimentation.review (id, experimentation_id, kind, due_on) VALUES (@Id, @ExperimentationId, @Kind, @DueOn)
        """;

    internal const string SubmitSql = """
        UPDATE experimentation.review SET submitted_at = @SubmittedAt, submitted_by = @SubmittedBy, text = @Text, attachments = @Attachments,
               indicator_values = @IndicatorValues
        WHERE id = @Id AND submitted_at IS NULL
        """;

    internal const string MoveFinalSql = """
        UPDATE experimentation.review SET due_on = @DueOn WHERE experimentation_id = @ExperimentationId AND kind = 'final' AND submitted_at IS NULL
        """;

    public static async Task<ILookup<Guid, ExperimentationReview>> LoadAsync(DbConnection c, object ids, DbTransaction? t = null) =>
        (await c.QueryAsync<Row>(ByExperimentationSql, ids, t))
            .OrderBy(r => r.DueOn).ThenBy(r => r.Kind, StringComparer.Ordinal)
            .ToLookup(r => r.ExperimentationId, r => r.ToReview());

    /// <summary>Schedules the reviews the protocol names (at approval, or the new ones of a renewal).</summary>
    public static Task ScheduleAsync(DbConnection c, DbTransaction t, Guid experimentationId, IEnumerable<DateOnly> intermediate, DateOnly? final) =>
        c.ExecuteAsync(InsertSql, intermediate.Select(d => (Kind: ReviewKind.Intermediate, Due: d))
            .Concat(final is { } f ? [(ReviewKind.Final, f)] : [])
            .Select(r => new { Id = SortableId.New(), ExperimentationId = experimentationId, Kind = StableCode.Of(r.Kind), DueOn = r.Due }), t);

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid ExperimentationId { get; set; }
        public string Kind { get; set; } = "";
        public DateOnly DueOn { get; set; }
        public DateTimeOffset? SubmittedAt { get; set; }
        public string? SubmittedBy { get; set; }
        public string? Text { get; set; }
        public string? Attachments { get; set; }
        public string? IndicatorValues { get; set; }

        public ExperimentationReview ToReview() => new(
            Id, StableCode.Parse<ReviewKind>(Kind), DueOn, false, SubmittedAt, SubmittedBy, Text,
            Attachments is null ? [] : JsonSerializer.Deserialize<List<string>>(Attachments, ApiJson.Options)!,
            IndicatorValues is null ? [] : JsonSerializer.Deserialize<List<ReviewIndicatorValue>>(IndicatorValues, ApiJson.Options)!);
    }
}
