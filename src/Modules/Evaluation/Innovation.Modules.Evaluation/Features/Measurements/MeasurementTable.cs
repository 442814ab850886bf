using System.Data.Common;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Evaluation.Contracts;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Evaluation.Features.Measurements;

/// <summary>A measurement of an indicator.</summary>
/// <param name="Id">The measurement's id.</param>
/// <param name="IndicatorId">Its indicator.</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Period" example="2025-2026">The period it stands for (a school year, a month or a day).</param>
/// <param name="PeriodEnd" example="2026-08-31">The period's last day.</param>
/// <param name="SchoolYear" example="2025-2026">The school year the period ends in.</param>
/// <param name="Value" example="14.5">The value, in the indicator's unit.</param>
/// <param name="Source">Where the value comes from.</param>
/// <param name="CollectedBy">Who collected it (a person of the directory); null once that person is erased.</param>
/// <param name="Comment">A comment.</param>
/// <param name="Status">submitted, approved or returned.</param>
/// <param name="ReturnReason">Why it was returned, while it is.</param>
/// <param name="SubmittedAt">When this value was submitted.</param>
/// <param name="ReviewedAt">When it was approved or returned, if it was.</param>
internal sealed record Measurement(
    Guid Id, Guid IndicatorId, string Academie, string Period, DateOnly PeriodEnd, string SchoolYear, double Value, string? Source,
    Guid? CollectedBy, string? Comment, MeasurementStatus Status, string? ReturnReason, DateTimeOffset SubmittedAt, DateTimeOffset? ReviewedAt);

/// <summary>
/// The <c>evaluation.measurement</c> table and its history. Every write of a measurement adds a line to its history, records its
/// audit entry (under its indicator) and, for an approval, publishes <c>MeasurementApproved</c>, in the caller's transaction.
/// </summary>
internal static class MeasurementTable
{
    internal const string ColumnsSql = """
        SELECT id AS Id, indicator_id AS IndicatorId, academie AS Academie, period AS Period, period_end AS PeriodEnd,
               school_year AS SchoolYear, value AS Value, source AS Source, collected_by AS CollectedBy, comment AS Comment, status AS Status,
               return_reason AS ReturnReason, submitted_by AS SubmittedBy, submitted_by_key AS SubmittedByKey, submitted_at AS SubmittedAt,
               reviewed_by AS ReviewedBy, reviewed_by_key AS ReviewedByKey, reviewed_at AS ReviewedAt, version AS Version,
               created_at AS CreatedAt, import_id AS ImportId, import_line AS ImportLine
        FROM evaluation.measurement

        """;

    internal const string FindSql = ColumnsSql + "WHERE id = @Id";

    internal const string FindByPeriodSql = ColumnsSql + "WHERE indicator_id = @IndicatorId AND period = @Period";

    internal const string InsertSql = """
        INSERT INTO evaluation.measurement (id, indicator_id, academie, period, period_end, school_year, value, source, collected_by, comment,
                                            status, return_reason, submitted_by, submitted_by_key, submitted_at, reviewed_by, reviewed_by_key,
                                            reviewed_at, version, created_at, import_id, import_line)
        VALUES (@Id, @IndicatorId, @Academie, @Period, @PeriodEnd, @SchoolYear, @Value, @Source, @CollectedBy, @Comment, @Status,
                @ReturnReason, @SubmittedBy, @SubmittedByKey, @SubmittedAt, @ReviewedBy, @ReviewedByKey, @ReviewedAt, @Version, @CreatedAt,
                @ImportId, @ImportLine)
        """;

    internal const string UpdateSql = """
        UPDATE evaluation.measurement
        SET value = @Value, source = @Source, collected_by = @CollectedBy, comment = @Comment, status = @Status, return_reason = @ReturnReason,
            submitted_by = @SubmittedBy, submitted_by_key = @SubmittedByKey, submitted_at = @SubmittedAt, reviewed_by = @ReviewedBy,
            reviewed_by_key = @ReviewedByKey, reviewed_at = @ReviewedAt, version = @Version,
            import_id = COALESCE(@ImportId, import_id), import_line = COALESCE(@ImportLine, import_line)
        WHERE id = @Id AND version = @Version - 1
        """;

    internal const string FindManySql = ColumnsSql + "WHERE indicator_id IN @Ids AND period IN @Periods";

    internal const string InsertHistorySql = """
        INSERT INTO evaluation.measurement_history (id, measurement_id, academie, action, status, value, reason, actor, actor_key, occurred_at)
        VALUES (@Id, @MeasurementId, @Academie, @Action, @Status, @Value, @Reason, @Actor, @ActorKey, @OccurredAt)
        """;

    internal const string HistorySql = """
        SELECT action AS Action, status AS Status, value AS Value, reason AS Reason, occurred_at AS OccurredAt
        FROM evaluation.measurement_history WHERE measurement_id = @Id ORDER BY occurred_at, id
        """;

    /// <summary>A measurement's type in the audit trail.</summary>
    internal const string ResourceType = "evaluation.measurement";

    /// <summary>A history line of a batch (import): one bulk statement per batch.</summary>
    internal static readonly BulkStatement<History> BulkHistory = new(InsertHistorySql,
        ("Id", h => h.Id), ("MeasurementId", h => h.MeasurementId), ("Academie", h => h.Academie), ("Action", h => h.Action),
        ("Status", h => h.Status), ("Value", h => (double?)h.Value), ("Reason", h => h.Reason), ("Actor", h => h.Actor),
        ("ActorKey", h => h.ActorKey), ("OccurredAt", h => h.OccurredAt));

    /// <summary>A new measurement of a batch (import): one bulk statement per batch.</summary>
    internal static readonly BulkStatement<Row> BulkInsert = new(MeasurementTable.InsertSql,
        ("Id", r => r.Id), ("IndicatorId", r => r.IndicatorId), ("Academie", r => r.Academie), ("Period", r => r.Period),
        ("PeriodEnd", r => r.PeriodEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ("SchoolYear", r => r.SchoolYear), ("Value", r => (double?)r.Value), ("Source", r => r.Source),
        ("CollectedBy", r => r.CollectedBy is { } person ? person : default(DbValue)), ("Comment", r => r.Comment), ("Status", r => r.Status),
        ("ReturnReason", r => r.ReturnReason), ("SubmittedBy", r => r.SubmittedBy), ("SubmittedByKey", r => r.SubmittedByKey),
        ("SubmittedAt", r => r.SubmittedAt), ("ReviewedBy", r => r.ReviewedBy), ("ReviewedByKey", r => r.ReviewedByKey),
        ("ReviewedAt", r => r.ReviewedAt is { } at ? at : default(DbValue)), ("Version", r => r.Version), ("CreatedAt", r => r.CreatedAt),
        ("ImportId", r => r.ImportId is { } id ? id : default(DbValue)),
        ("ImportLine", r => r.ImportLine is { } line ? (long)line : default(DbValue)));

    /// <summary>The measurements of any of <paramref name="indicatorIds"/> for any of <paramref name="periods"/>, by (indicator, period).</summary>
    public static async Task<Dictionary<(Guid IndicatorId, string Period), Row>> FindManyAsync(
        DbConnection c, DbTransaction? t, IReadOnlyList<Guid> indicatorIds, IReadOnlyList<string> periods) =>
        indicatorIds.Count == 0
            ? []
            : (await c.QueryAsync<Row>(FindManySql, new { Ids = SqlDialect.For(c).IdList(indicatorIds), Periods = periods }, t))
                .ToDictionary(r => (r.IndicatorId, r.Period));

    /// <summary>A measurement visible to <paramref name="caller"/>, or the 404 of a missing one (another académie's too).</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null) =>
        await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t) is { } row && caller.Sees(row.Academie)
            ? row
            : throw ProblemException.NotFound("measurement", id.ToString());

    /// <summary>The e-mail key under which an erasure finds what <paramref name="caller"/> did, when the credential has an e-mail.</summary>
    public static string? KeyOf(Caller caller) => caller.Email is { } email ? PersonErased.KeyOf(email) : null;

    /// <summary>
    /// Writes the new and the changed measurements of a batch (import) with their history lines and audit entries, a few statements per
    /// batch; false when a changed one is stale (another write changed it since the batch read it).
    /// </summary>
    public static async Task<bool> SaveManyAsync(DbConnection c, DbTransaction t, IReadOnlyList<Row> inserts,
        IReadOnlyList<(Row Current, Row Row)> updates, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await BulkInsert.ExecuteAsync(c, t, inserts, cancellationToken);
        foreach (var (_, row) in updates)
        {
            if (await c.ExecuteAsync(UpdateSql, row, t) == 0)
            {
                return false;
            }
        }

        var written = inserts.Select(r => (Row: r, Before: (Row?)null)).Concat(updates.Select(u => (u.Row, Before: (Row?)u.Current))).ToList();
        await BulkHistory.ExecuteAsync(c, t, written.Select(w => History.Of(w.Row, "import", caller, now)), cancellationToken);
        await AuditTrail.RecordManyAsync(c, t, EvaluationModule.Schema, written.Select(w => Audit(w.Row, w.Before, caller, "import", now)));
        return true;
    }

    /// <summary>
    /// Writes a new measurement (version 1) or a change of one with its history line and audit entry (<paramref name="before"/>: the
    /// measurement before the change, null for a new one); an approval publishes <c>MeasurementApproved</c>. A stale change is a 412.
    /// </summary>
    public static async Task SaveAsync(DbConnection c, DbTransaction t, Row row, Row? before, Caller caller, string action, DateTimeOffset now)
    {
        if (row.Version == 1)
        {
            await c.ExecuteAsync(InsertSql, row, t);
        }
        else if (await c.ExecuteAsync(UpdateSql, row, t) == 0)
        {
            throw ETags.Stale(row.Version);
        }

        await c.ExecuteAsync(InsertHistorySql, History.Of(row, action, caller, now), t);
        if (row.Status == StableCode.Of(MeasurementStatus.Approved) && before?.Status != row.Status)
        {
            await Outbox.EnqueueAsync(c, t, EvaluationModule.Schema, new MeasurementApproved(row.ToSnapshot()), now);
        }

        await AuditTrail.RecordAsync(c, t, EvaluationModule.Schema, Audit(row, before, caller, action, now));
    }

    /// <summary>The audit entry of a write, under the measurement's indicator.</summary>
    public static AuditEntry Audit(Row row, Row? before, Caller caller, string action, DateTimeOffset now) =>
        new(now, caller.Id, row.Academie, ResourceType, row.Id.ToString(), action, before?.ToMeasurement(), row.ToMeasurement())
        {
            ParentId = row.IndicatorId.ToString(),
        };

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid IndicatorId { get; set; }
        public string Academie { get; set; } = "";
        public string Period { get; set; } = "";
        public DateOnly PeriodEnd { get; set; }
        public string SchoolYear { get; set; } = "";
        public double Value { get; set; }
        public string? Source { get; set; }
        public Guid? CollectedBy { get; set; }
        public string? Comment { get; set; }
        public string Status { get; set; } = "";
        public string? ReturnReason { get; set; }
        public string? SubmittedBy { get; set; }
        public string? SubmittedByKey { get; set; }
        public DateTimeOffset SubmittedAt { get; set; }
        public string? ReviewedBy { get; set; }
        public string? ReviewedByKey { get; set; }
        public DateTimeOffset? ReviewedAt { get; set; }
        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        /// <summary>The import that last wrote this row (null for other writes, which keep the mark), and the line of its file.</summary>
        public Guid? ImportId { get; set; }
        public int? ImportLine { get; set; }

        /// <summary>
        /// The measurement a draft submits: a new one of <paramref name="indicatorId"/>, or <paramref name="current"/> with the draft's
        /// value, submitted again by <paramref name="caller"/> (its period stays).
        /// </summary>
        public static Row Submitted(MeasurementDraft draft, Guid indicatorId, string academie, Caller caller, DateTimeOffset now, Row? current = null)
        {
            var period = draft.ThePeriod;
            return new Row
            {
                Id = current?.Id ?? SortableId.New(),
                IndicatorId = indicatorId,
                Academie = academie,
                Period = current?.Period ?? period.Code,
                PeriodEnd = current?.PeriodEnd ?? period.End,
                SchoolYear = current?.SchoolYear ?? period.SchoolYear,
                Value = draft.Value!.Value,
                Source = Blank(draft.Source),
                CollectedBy = draft.CollectedBy,
                Comment = Blank(draft.Comment),
                Status = StableCode.Of(MeasurementStatus.Submitted),
                SubmittedBy = caller.Id,
                SubmittedByKey = KeyOf(caller),
                SubmittedAt = now,
                Version = (current?.Version ?? 0) + 1,
                CreatedAt = current?.CreatedAt ?? now,
            };
        }

        /// <summary>Whether <paramref name="draft"/> would change nothing of this measurement (an import counts it unchanged).</summary>
        public bool Holds(MeasurementDraft draft) =>
            Value.Equals(draft.Value) && Source == Blank(draft.Source) && CollectedBy == draft.CollectedBy && Comment == Blank(draft.Comment);

        /// <summary>This measurement approved or returned by <paramref name="caller"/>.</summary>
        public Row Reviewed(MeasurementStatus status, string? reason, Caller caller, DateTimeOffset now) => new()
        {
            Id = Id, IndicatorId = IndicatorId, Academie = Academie, Period = Period, PeriodEnd = PeriodEnd, SchoolYear = SchoolYear,
            Value = Value, Source = Source, CollectedBy = CollectedBy, Comment = Comment, Status = StableCode.Of(status), ReturnReason = reason,
            SubmittedBy = SubmittedBy, SubmittedByKey = SubmittedByKey, SubmittedAt = SubmittedAt, ReviewedBy = caller.Id,
            ReviewedByKey = KeyOf(caller), ReviewedAt = now, Version = Version + 1, CreatedAt = CreatedAt,
        };

        /// <summary>True when <paramref name="caller"/> submitted this value (same credential, or same e-mail).</summary>
        public bool SubmittedBySame(Caller caller) =>
            SubmittedBy == caller.Id || (SubmittedByKey is not null && SubmittedByKey == KeyOf(caller));

        public Measurement ToMeasurement() => new(
            Id, IndicatorId, Academie, Period, PeriodEnd, SchoolYear, Value, Source, CollectedBy, Comment,
            StableCode.Parse<MeasurementStatus>(Status), ReturnReason, SubmittedAt, ReviewedAt);

        public Versioned<Measurement> ToVersioned() => new(ToMeasurement(), Version);

        public MeasurementSnapshot ToSnapshot() => new(Id, IndicatorId, Academie, Period, SchoolYear, Value, Version);

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>One line of a measurement's history.</summary>
    internal sealed class History
    {
        public Guid Id { get; init; }
        public Guid MeasurementId { get; init; }
        public string Academie { get; init; } = "";
        public string Action { get; init; } = "";
        public string Status { get; init; } = "";
        public double Value { get; init; }
        public string? Reason { get; init; }
        public string? Actor { get; init; }
        public string? ActorKey { get; init; }
        public DateTimeOffset OccurredAt { get; init; }

        public static History Of(Row row, string action, Caller caller, DateTimeOffset now) => new()
        {
            Id = SortableId.New(), MeasurementId = row.Id, Academie = row.Academie, Action = action, Status = row.Status, Value = row.Value,
            Reason = row.ReturnReason, Actor = caller.Id, ActorKey = KeyOf(caller), OccurredAt = now,
        };
    }
}
