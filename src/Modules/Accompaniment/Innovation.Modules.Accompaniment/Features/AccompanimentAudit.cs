using System.Data.Common;
using Innovation.BuildingBlocks.Audit;

namespace Innovation.Modules.Accompaniment.Features;

/// <summary>
/// The Accompaniment module's audit entries (ADR 0020), written in the change's transaction into
/// <c>accompaniment.audit_entry</c>: a diagnosis or a plan, under its project (so the project's id finds them), or a resource of
/// the bank, as the API shows it before and after. A plan's sessions are audited by the shared child collection.
/// </summary>
internal static class AccompanimentAudit
{
    public static Task RecordAsync(
        DbConnection connection, DbTransaction transaction, Caller caller, DateTimeOffset now, string academie, string resourceType,
        Guid resourceId, Guid? projectId, string action, object? before, object? after) =>
        AuditTrail.RecordAsync(connection, transaction, AccompanimentModule.Schema,
            new AuditEntry(now, caller.Id, academie, resourceType, resourceId.ToString(), action, before, after)
            {
                ParentId = projectId?.ToString(),
            });
}
