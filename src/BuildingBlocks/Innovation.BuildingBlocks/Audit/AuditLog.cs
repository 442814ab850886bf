using System.Globalization;
using System.Text.Json;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;

namespace Innovation.BuildingBlocks.Audit;

/// <summary>An audit trail to read: the schema of a module (or the host) that keeps one, registered by <see cref="ModuleRegistration"/>.</summary>
public sealed record AuditSource(string Module);

/// <summary>One recorded write.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="OccurredAt" example="2026-09-01T08:30:00.1234567Z">When the change was committed (its transaction's time).</param>
/// <param name="Module" example="projects">The module that recorded it (its schema).</param>
/// <param name="Academie" example="25">The académie of the resource; null for a national one (a national API key or webhook).</param>
/// <param name="Actor" example="01968f2a-9a1b-7c2d-8e3f-405162738495">Who made the change: an API key id or a JWT subject, or <c>system</c>
/// for the API's own (a webhook subscription disabled after repeated failures).</param>
/// <param name="ResourceType" example="project.funding">What was changed: <c>project</c>, <c>school</c>, <c>network</c>, <c>person</c>,
/// <c>apiKey</c>, <c>webhook</c>, or a part of an aggregate as <c>aggregate.part</c> (<c>project.funding</c>, <c>network.person</c>).</param>
/// <param name="ResourceId" example="01968f2a-9a1b-7c2d-8e3f-405162738496">Its id (a UAI for a school).</param>
/// <param name="ParentId">For a part, the id of its aggregate (the project of a funding line).</param>
/// <param name="Action" example="update">What was done: <c>create</c>, <c>update</c>, <c>delete</c>, <c>add</c>, <c>replace</c>, <c>remove</c>,
/// <c>erase</c>, <c>import</c> or a lifecycle action (<c>submit</c>, <c>validate</c>…, <c>revoke</c> of an API key, <c>rotateSecret</c> and
/// <c>disable</c> of a webhook).</param>
/// <param name="Changes">Each changed field with its value before and after.</param>
public sealed record AuditRecord(
    Guid Id, DateTimeOffset OccurredAt, string Module, string? Academie, string Actor, string ResourceType, string ResourceId, string? ParentId,
    string Action, IReadOnlyList<AuditFieldChange> Changes);

/// <summary>One changed field.</summary>
/// <param name="Field" example="amountGranted">The field, as the API names it (<c>canvas.needs</c> inside an object).</param>
/// <param name="Before">Its value before the change, any JSON value (null on a create, when masked or erased).</param>
/// <param name="After">Its value after the change, any JSON value (null on a removal, when masked or erased).</param>
/// <param name="Personal">True when the field holds personal data (names, e-mails…).</param>
/// <param name="Masked">True when the values are withheld because the caller lacks <c>people:read</c>.</param>
/// <param name="Erased">True when the values were anonymised after the person's erasure.</param>
public sealed record AuditFieldChange(string Field, JsonElement? Before, JsonElement? After, bool Personal, bool Masked, bool Erased);

/// <summary>The filters of the audit list (all optional; <see cref="From"/> inclusive, <see cref="To"/> exclusive).</summary>
public sealed record AuditFilter(
    string? Module, string? ResourceType, string? ResourceId, string? Actor, string? Action, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>
/// Reads the audit trails of every registered module, newest first, merged by (time, id) and cut into keyset pages. Each
/// module's table is read through a <c>{schema}</c> template, so the host names no module's schema.
/// </summary>
public static class AuditLog
{
    /// <summary>The scope that shows personal values: who may read the people directory may read its values in the audit.</summary>
    public const string PersonalDataScope = "people:read";

    internal const string PageSql = """
        SELECT id AS Id, occurred_at AS OccurredAt, academie AS Academie, actor AS Actor, resource_type AS ResourceType,
               resource_id AS ResourceId, parent_id AS ParentId, action AS Action, changes AS Changes
        FROM {schema}.audit_entry
        WHERE (@Academie IS NULL OR academie = @Academie)
          AND (@ResourceType IS NULL OR resource_type = @ResourceType)
          AND (@ResourceId IS NULL OR resource_id = @ResourceId OR parent_id = @ResourceId)
          AND (@Actor IS NULL OR actor = @Actor)
          AND (@Action IS NULL OR action = @Action)
          AND (@From IS NULL OR occurred_at >= @From)
          AND (@To IS NULL OR occurred_at < @To)
          AND (@AfterAt IS NULL OR occurred_at < @AfterAt OR (occurred_at = @AfterAt AND id < @AfterId))
        ORDER BY occurred_at DESC, id DESC
        {{limit @Take}}
        """;

    public static async Task<Page<AuditRecord>> ListAsync(
        Db db, IEnumerable<AuditSource> sources, AuditFilter filter, Caller caller, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.AfterKey(limit, cursor);
        var (afterAt, afterId) = DecodeKey(page.After);
        var modules = sources.Select(s => s.Module).Distinct().Where(m => filter.Module is null || m == filter.Module).ToList();
        var parameters = new
        {
            caller.Academie, filter.ResourceType, filter.ResourceId, filter.Actor, filter.Action, filter.From, filter.To,
            AfterAt = afterAt, AfterId = afterId, page.Take,
        };
        var rows = await db.ReadAsync(async c =>
        {
            var all = new List<(string Module, Row Row)>();
            foreach (var module in modules)
            {
                all.AddRange((await c.QueryAsync<Row>(db.Sql(AuditTrail.For(PageSql, module)), parameters)).Select(r => (module, r)));
            }

            return all;
        }, cancellationToken);

        var order = db.Dialect.IdOrder;
        var merged = rows
            .OrderByDescending(r => r.Row.OccurredAt)
            .ThenByDescending(r => r.Row.Id, order)
            .Take(page.Take)
            .Select(r => r.Row.ToRecord(r.Module, caller.Has(PersonalDataScope)))
            .ToList();
        return page.PageOf(merged, r => $"{r.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{r.Id}");
    }

    private static (DateTimeOffset? At, Guid? Id) DecodeKey(string? key)
    {
        if (key is null)
        {
            return (null, null);
        }

        var parts = key.Split('|');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(parts[1], out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : throw RequestValidationException.For("cursor", Cursor.NotIssued);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Academie { get; init; } = "";
        public string Actor { get; init; } = "";
        public string ResourceType { get; init; } = "";
        public string ResourceId { get; init; } = "";
        public string? ParentId { get; init; }
        public string Action { get; init; } = "";
        public string Changes { get; init; } = "[]";

        public AuditRecord ToRecord(string module, bool seesPersonalData)
        {
            using var changes = JsonDocument.Parse(Changes);
            return new(Id, OccurredAt, module, Academie == AuditTrail.National ? null : Academie, Actor, ResourceType, ResourceId, ParentId, Action,
            [.. changes.RootElement.EnumerateArray().Select(c =>
            {
                var personal = Flag(c, "personal");
                var masked = personal && !seesPersonalData;
                return new AuditFieldChange(
                    c.GetProperty("field").GetString()!, masked ? null : Value(c, "before"), masked ? null : Value(c, "after"), personal, masked,
                    Flag(c, "erased"));
            })]);
        }

        private static bool Flag(JsonElement change, string name) => change.TryGetProperty(name, out var flag) && flag.GetBoolean();

        private static JsonElement? Value(JsonElement change, string name) =>
            change.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.Clone() : null;
    }
}
