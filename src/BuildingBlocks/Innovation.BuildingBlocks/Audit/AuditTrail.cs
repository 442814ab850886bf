using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Security;

namespace Innovation.BuildingBlocks.Audit;

/// <summary>
/// Writes a module's audit trail (<c>{schema}.audit_entry</c>, ADR 0020) inside the change's transaction, as the outbox
/// writes its events: the module passes its schema, the building block names no table of its own.
/// </summary>
public static class AuditTrail
{
    internal const string InsertSql = """
        INSERT INTO {schema}.audit_entry (id, occurred_at, academie, actor, resource_type, resource_id, parent_id, action, changes, subjects)
        VALUES (@Id, @OccurredAt, @Academie, @Actor, @ResourceType, @ResourceId, @ParentId, @Action, @Changes, @Subjects)
        """;

    internal const string SubjectEntriesSql =
        "SELECT occurred_at AS OccurredAt, id AS Id, changes AS Changes FROM {schema}.audit_entry WHERE subjects LIKE @Pattern";

    internal const string MentionEntriesSql = """
        SELECT occurred_at AS OccurredAt, id AS Id, changes AS Changes FROM {schema}.audit_entry
        WHERE academie = @Academie AND changes LIKE @Pattern
        """;

    /// <summary>
    /// The <c>academie</c> of a national resource's entry (the column is not null): the national claim's value, which no
    /// académie's filter matches, so only national callers see it. The list shows it as null.
    /// </summary>
    internal const string National = InnovationClaims.National;

    // The table's key (ADR 0020): the list's order, (occurred_at, id).
    internal const string SetChangesSql = "UPDATE {schema}.audit_entry SET changes = @Changes WHERE occurred_at = @OccurredAt AND id = @Id";

    private static readonly ConcurrentDictionary<(string Sql, string Schema), string> SqlBySchema = new();

    private static readonly ConcurrentDictionary<string, BulkStatement<Row>> BulkBySchema = new();

    /// <summary>Records one write; an update that changed no field records nothing.</summary>
    public static Task RecordAsync(DbConnection connection, DbTransaction transaction, string schema, AuditEntry entry) =>
        Prepare(entry) is { } row ? connection.ExecuteAsync(For(InsertSql, schema), row, transaction) : Task.CompletedTask;

    /// <summary>
    /// Records many writes through one <see cref="BulkStatement{TRow}"/> (bulk imports: one entry per changed row), in the order
    /// of their ids: entries of one instant then land at the end of the table's key, (occurred_at, id), one after the other.
    /// </summary>
    public static Task RecordManyAsync(DbConnection connection, DbTransaction transaction, string schema, IEnumerable<AuditEntry> entries) =>
        BulkBySchema.GetOrAdd(schema, s => new BulkStatement<Row>(
                For(InsertSql, s),
                ("Id", r => r.Id),
                ("OccurredAt", r => r.OccurredAt),
                ("Academie", r => r.Academie),
                ("Actor", r => r.Actor),
                ("ResourceType", r => r.ResourceType),
                ("ResourceId", r => r.ResourceId),
                ("ParentId", r => r.ParentId),
                ("Action", r => r.Action),
                ("Changes", r => r.Changes),
                ("Subjects", r => r.Subjects)))
            .ExecuteAsync(connection, transaction, InKeyOrder([.. entries.Select(Prepare).OfType<Row>()]));

    /// <summary>The rows in the table's key order, (occurred_at, id): as they come, usually (one instant, ids in the order made).</summary>
    private static List<Row> InKeyOrder(List<Row> rows)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            if (KeyOrder(rows[i - 1], rows[i]) > 0)
            {
                rows.Sort(KeyOrder);
                break;
            }
        }

        return rows;
    }

    private static int KeyOrder(Row a, Row b) => a.OccurredAt.CompareTo(b.OccurredAt) is var instant and not 0 ? instant : a.Id.CompareTo(b.Id);

    /// <summary>
    /// After an erasure, in its transaction: every entry holding <paramref name="subject"/>'s personal data loses it. Each
    /// personal value becomes what <paramref name="scrub"/> makes of it (by default null: the whole value was the person's)
    /// and the change is marked <c>erased</c>.
    /// </summary>
    public static async Task AnonymiseAsync(
        DbConnection connection, DbTransaction transaction, string schema, string subject, Func<JsonNode?, JsonNode?>? scrub = null)
    {
        var entries = await connection.QueryAsync<Stored>(For(SubjectEntriesSql, schema), new { Pattern = $"%|{subject}|%" }, transaction);
        foreach (var entry in entries.ToList())
        {
            var array = JsonNode.Parse(entry.Changes)!.AsArray();
            foreach (var change in array.OfType<JsonObject>().Where(c => c["personal"]?.GetValue<bool>() == true))
            {
                change["before"] = scrub?.Invoke(change["before"]?.DeepClone());
                change["after"] = scrub?.Invoke(change["after"]?.DeepClone());
                change["erased"] = true;
            }

            await connection.ExecuteAsync(
                For(SetChangesSql, schema), new { entry.OccurredAt, entry.Id, Changes = array.ToJsonString() }, transaction);
        }
    }

    /// <summary>
    /// After an erasure, in its transaction, for personal data an entry holds without naming its subject (a name typed next to
    /// the person's id inside a value, like a next step's <c>who</c> beside its owner's id): each value before and after of the
    /// académie's entries whose changes contain <paramref name="mention"/> goes through <paramref name="scrub"/>, which removes
    /// the data in place and says whether it did; a change it touched is marked <c>erased</c>.
    /// </summary>
    public static async Task ScrubMentionsAsync(
        DbConnection connection, DbTransaction transaction, string schema, string academie, string mention, Func<JsonNode, bool> scrub)
    {
        var entries = await connection.QueryAsync<Stored>(
            For(MentionEntriesSql, schema), new { Academie = academie, Pattern = $"%{mention}%" }, transaction);
        foreach (var entry in entries.ToList())
        {
            var array = JsonNode.Parse(entry.Changes)!.AsArray();
            var touched = false;
            foreach (var change in array.OfType<JsonObject>())
            {
                var before = change["before"] is { } b && scrub(b);
                var after = change["after"] is { } a && scrub(a);
                if (before || after)
                {
                    change["erased"] = touched = true;
                }
            }

            if (touched)
            {
                await connection.ExecuteAsync(
                    For(SetChangesSql, schema), new { entry.OccurredAt, entry.Id, Changes = array.ToJsonString() }, transaction);
            }
        }
    }

    internal static string For(string sql, string schema) => SqlBySchema.GetOrAdd((sql, schema), k => k.Sql.Replace("{schema}", k.Schema));

    private static Row? Prepare(AuditEntry entry) =>
        (entry.Changes ?? AuditChanges.Between(AuditChanges.Snapshot(entry.Before), AuditChanges.Snapshot(entry.After), entry.PersonalFields))
            is { } changes
            ? new Row(SortableId.New(entry.OccurredAt), entry.OccurredAt, entry.Academie ?? National, entry.Actor, entry.ResourceType,
                entry.ResourceId, entry.ParentId, entry.Action, changes, entry.SubjectsText())
            : null;

    private sealed class Stored
    {
        public DateTimeOffset OccurredAt { get; init; }
        public Guid Id { get; init; }
        public string Changes { get; init; } = "";
    }

    /// <summary>One audit_entry row, as <see cref="InsertSql"/> takes it.</summary>
    internal sealed record Row(
        Guid Id, DateTimeOffset OccurredAt, string Academie, string Actor, string ResourceType, string ResourceId, string? ParentId,
        string Action, string Changes, string? Subjects);
}
