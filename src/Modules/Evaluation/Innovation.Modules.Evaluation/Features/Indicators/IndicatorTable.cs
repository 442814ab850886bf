using System.Data.Common;
using System.Text.Json;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Evaluation.Contracts;

namespace Innovation.Modules.Evaluation.Features.Indicators;

/// <summary>An indicator: what is measured, for which scope, from which baseline to which target.</summary>
/// <param name="Id">The indicator's id.</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Code" example="TX-PAROLE">Its code, unique within its scope.</param>
/// <param name="Label" example="Temps de parole moyen par élève">What is measured.</param>
/// <param name="Unit">percent, count, ratio, score, hours, days or euros.</param>
/// <param name="Direction">higherIsBetter or lowerIsBetter.</param>
/// <param name="Scope">project, experimentation, network or academie.</param>
/// <param name="ScopeId">The project's, experimentation's or network's id; null for the académie.</param>
/// <param name="Baseline">The value at the start, and its date.</param>
/// <param name="Target">The value aimed at, and by when.</param>
/// <param name="DataSource">Where the values come from.</param>
/// <param name="CollectionMethod">How they are collected.</param>
/// <param name="ComparisonGroup">The comparison group, if one is declared.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">Its last change.</param>
internal sealed record Indicator(
    Guid Id, string Academie, string Code, string Label, IndicatorUnit Unit, IndicatorDirection Direction, IndicatorScope Scope, Guid? ScopeId,
    IndicatorPoint Baseline, IndicatorPoint Target, string? DataSource, string? CollectionMethod, ComparisonGroup? ComparisonGroup,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A value at a date.</summary>
/// <param name="Value" example="12.5">The value.</param>
/// <param name="Date" example="2025-09-01">Its date.</param>
internal sealed record IndicatorPoint(double Value, DateOnly Date);

/// <summary>A comparison group: measured alike, without the innovation.</summary>
/// <param name="Label" example="Classes de CM1 sans classe dehors">Who the group is.</param>
/// <param name="Baseline" example="12">The group's value at the indicator's baseline date.</param>
/// <param name="Values">The group's values, in period order.</param>
internal sealed record ComparisonGroup(string Label, double Baseline, IReadOnlyList<ComparisonValue> Values);

/// <summary>One value of a comparison group.</summary>
/// <param name="Period" example="2025-2026">The period (a school year, a month or a day).</param>
/// <param name="Value" example="13">The group's value for it.</param>
internal sealed record ComparisonValue(string Period, double Value);

/// <summary>
/// The <c>evaluation.indicator</c> table. A save writes the row, its audit entry and, for a new indicator, its <c>IndicatorCreated</c>
/// event, in the caller's transaction.
/// </summary>
internal static class IndicatorTable
{
    internal const string SelectSql = """
        SELECT id AS Id, academie AS Academie, code AS Code, label AS Label, unit AS Unit, direction AS Direction, scope AS Scope,
               scope_id AS ScopeId, baseline_value AS BaselineValue, baseline_date AS BaselineDate, target_value AS TargetValue,
               target_date AS TargetDate, data_source AS DataSource, collection_method AS CollectionMethod, comparison_label AS ComparisonLabel,
               comparison_baseline AS ComparisonBaseline, comparison_values AS ComparisonValues, version AS Version, created_at AS CreatedAt,
               updated_at AS UpdatedAt
        FROM evaluation.indicator

        """;

    internal const string FindSql = SelectSql + "WHERE id = @Id";

    internal const string FindByKeySql = SelectSql + """
        WHERE academie = @Academie AND scope = @Scope AND (scope_id = @ScopeId OR (scope_id IS NULL AND @ScopeId IS NULL)) AND code = @Code
        """;

    /// <summary>The indicator a measurement names (<see cref="Key"/>), as a measurement needs it (<see cref="Target"/>).</summary>
    internal const string FindTargetSql = """
        SELECT id AS Id, academie AS Academie, unit AS Unit FROM evaluation.indicator
        WHERE scope = @Scope AND (scope_id = @ScopeId OR (scope_id IS NULL AND @ScopeId IS NULL))
          AND (@Academie IS NULL OR academie = @Academie) AND code = @Code
        """;

    internal const string InsertSql = """
        INSERT INTO evaluation.indicator (id, academie, code, label, unit, direction, scope, scope_id, baseline_value, baseline_date,
                                          target_value, target_date, data_source, collection_method, comparison_label, comparison_baseline,
                                          comparison_values, version, created_at, updated_at)
        VALUES (@Id, @Academie, @Code, @Label, @Unit, @Direction, @Scope, @ScopeId, @BaselineValue, @BaselineDate, @TargetValue, @TargetDate,
                @DataSource, @CollectionMethod, @ComparisonLabel, @ComparisonBaseline, @ComparisonValues, @Version, @CreatedAt, @UpdatedAt)
        """;

    internal const string UpdateSql = """
        UPDATE evaluation.indicator
        SET code = @Code, label = @Label, unit = @Unit, direction = @Direction, baseline_value = @BaselineValue, baseline_date = @BaselineDate,
            target_value = @TargetValue, target_date = @TargetDate, data_source = @DataSource, collection_method = @CollectionMethod,
            comparison_label = @ComparisonLabel, comparison_baseline = @ComparisonBaseline, comparison_values = @ComparisonValues,
            version = @Version, updated_at = @UpdatedAt
        WHERE id = @Id AND version = @Version - 1
        """;

    /// <summary>An indicator's type in the audit trail.</summary>
    internal const string ResourceType = "evaluation.indicator";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>An indicator visible to <paramref name="caller"/>, or the 404 of a missing one (another académie's too).</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null) =>
        await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t) is { } row && caller.Sees(row.Academie)
            ? row
            : throw ProblemException.NotFound("indicator", id.ToString());

    /// <summary>The indicator <paramref name="key"/> names, in any académie; null when none.</summary>
    public static Task<Target?> FindTargetAsync(DbConnection c, Key key, DbTransaction? t) =>
        c.QuerySingleOrDefaultAsync<Target>(FindTargetSql, key, t);

    /// <summary>An indicator as a measurement names it: scope, scope id, the académie of an académie indicator (null: any), code.</summary>
    internal sealed record Key(string Scope, Guid? ScopeId, string? Academie, string Code);

    /// <summary>What a measurement needs of its indicator.</summary>
    internal sealed class Target
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public string Unit { get; set; } = "";
    }

    /// <summary>The 409 when another indicator of the same scope already has the row's code.</summary>
    public static async Task EnsureCodeFreeAsync(DbConnection c, DbTransaction t, Row row)
    {
        if (await c.QuerySingleOrDefaultAsync<Row>(FindByKeySql, row, t) is { } other && other.Id != row.Id)
        {
            throw ProblemException.Conflict("indicator_exists", $"Indicator {other.Id} of this scope already has the code '{row.Code}'.")
                .With("indicatorId", other.Id);
        }
    }

    /// <summary>
    /// Writes a new indicator (version 1, with its <c>IndicatorCreated</c>) or a change of one, and its audit entry, under its scope's id.
    /// A stale change is a 412.
    /// </summary>
    public static async Task SaveAsync(DbConnection c, DbTransaction t, Row row, Row? before, Caller caller, string action)
    {
        if (row.Version == 1)
        {
            await c.ExecuteAsync(InsertSql, row, t);
            await Outbox.EnqueueAsync(c, t, EvaluationModule.Schema, new IndicatorCreated(row.ToSnapshot()), row.UpdatedAt);
        }
        else if (await c.ExecuteAsync(UpdateSql, row, t) == 0)
        {
            throw ETags.Stale(row.Version);
        }

        await AuditTrail.RecordAsync(c, t, EvaluationModule.Schema, new AuditEntry(
            row.UpdatedAt, caller.Id, row.Academie, ResourceType, row.Id.ToString(), action, before?.ToIndicator(), row.ToIndicator())
        {
            ParentId = row.ScopeId?.ToString(),
        });
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public string Code { get; set; } = "";
        public string Label { get; set; } = "";
        public string Unit { get; set; } = "";
        public string Direction { get; set; } = "";
        public string Scope { get; set; } = "";
        public Guid? ScopeId { get; set; }
        public double BaselineValue { get; set; }
        public DateOnly BaselineDate { get; set; }
        public double TargetValue { get; set; }
        public DateOnly TargetDate { get; set; }
        public string? DataSource { get; set; }
        public string? CollectionMethod { get; set; }
        public string? ComparisonLabel { get; set; }
        public double? ComparisonBaseline { get; set; }

        /// <summary>The comparison group's values, a JSON array of {period, value} in period order.</summary>
        public string? ComparisonValues { get; set; }

        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public IndicatorUnit UnitCode => StableCode.Parse<IndicatorUnit>(Unit);

        public IndicatorDirection DirectionCode => StableCode.Parse<IndicatorDirection>(Direction);

        /// <summary>A new indicator from a checked draft (<paramref name="current"/>: the indicator it replaces, if any).</summary>
        public static Row From(IndicatorDraft draft, string academie, DateTimeOffset now, Row? current = null)
        {
            var comparison = draft.ComparisonGroup;
            var values = comparison?.Values?.Select(v => (Period: Period.Parse(v.Period)!.Value, Value: v.Value!.Value))
                .OrderBy(v => v.Period.End).ThenBy(v => v.Period.Code, StringComparer.Ordinal)
                .Select(v => new ComparisonValue(v.Period.Code, v.Value)).ToList();
            return new Row
            {
                Id = current?.Id ?? SortableId.New(),
                Academie = academie,
                Code = draft.Code!.Trim(),
                Label = draft.Label!.Trim(),
                Unit = StableCode.Of(draft.Unit!.Value),
                Direction = StableCode.Of(draft.Direction!.Value),
                Scope = current?.Scope ?? StableCode.Of(draft.Scope!.Value),
                ScopeId = current is null ? draft.ScopeId : current.ScopeId,
                BaselineValue = draft.Baseline!.Value!.Value,
                BaselineDate = draft.Baseline.Date!.Value,
                TargetValue = draft.Target!.Value!.Value,
                TargetDate = draft.Target.Date!.Value,
                DataSource = Blank(draft.DataSource),
                CollectionMethod = Blank(draft.CollectionMethod),
                ComparisonLabel = comparison?.Label?.Trim(),
                ComparisonBaseline = comparison?.Baseline,
                ComparisonValues = comparison is null ? null : JsonSerializer.Serialize(values ?? [], Json),
                Version = (current?.Version ?? 0) + 1,
                CreatedAt = current?.CreatedAt ?? now,
                UpdatedAt = now,
            };
        }

        public IReadOnlyList<ComparisonValue> Comparison() =>
            ComparisonValues is null ? [] : JsonSerializer.Deserialize<List<ComparisonValue>>(ComparisonValues, Json) ?? [];

        /// <summary>A copy to change, the row itself staying the state before.</summary>
        public Row Copy() => (Row)MemberwiseClone();

        public Indicator ToIndicator() => new(
            Id, Academie, Code, Label, UnitCode, DirectionCode, StableCode.Parse<IndicatorScope>(Scope), ScopeId,
            new IndicatorPoint(BaselineValue, BaselineDate), new IndicatorPoint(TargetValue, TargetDate), DataSource, CollectionMethod,
            ComparisonLabel is null ? null : new ComparisonGroup(ComparisonLabel, ComparisonBaseline ?? 0, Comparison()), CreatedAt, UpdatedAt);

        public Versioned<Indicator> ToVersioned() => new(ToIndicator(), Version);

        public IndicatorSnapshot ToSnapshot() => new(Id, Academie, Code, Unit, Direction, Scope, ScopeId, Version);

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
