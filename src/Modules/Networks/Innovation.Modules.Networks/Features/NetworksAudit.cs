using System.Data.Common;
using Innovation.BuildingBlocks.Audit;
using Innovation.Modules.Networks.Features.Schools;

namespace Innovation.Modules.Networks.Features;

/// <summary>
/// The Networks module's audit entries (ADR 0020), written in the change's transaction into <c>networks.audit_entry</c>: a
/// school, a network and its parts (<c>network.school</c>, <c>network.person</c>, <c>network.objective</c>…), a person.
/// </summary>
internal static class NetworksAudit
{
    /// <summary>Everything a person's record holds but the académie is the people directory's data: people:read shows it.</summary>
    private static readonly string[] PersonFields = ["firstName", "lastName", "email", "schoolUai", "functions", "erasedAt"];

    public static Task RecordAsync(
        DbConnection connection, DbTransaction transaction, Caller caller, DateTimeOffset now, string academie, string resourceType,
        string resourceId, string action, object? before, object? after, Guid? parentId = null) =>
        AuditTrail.RecordAsync(connection, transaction, SchoolTable.Schema,
            new AuditEntry(now, caller.Id, academie, resourceType, resourceId, action, before, after) { ParentId = parentId?.ToString() });

    /// <summary>A change of a person: every field but the académie is personal, and the entry is found again by the person's id.</summary>
    public static AuditEntry Person(Caller caller, DateTimeOffset now, string academie, Guid id, string action, object? before, object? after) =>
        new(now, caller.Id, academie, "person", id.ToString(), action, before, after) { PersonalFields = PersonFields, Subjects = [id.ToString()] };

    /// <summary>After a person's erasure: their values leave every entry that held them.</summary>
    public static Task AnonymisePersonAsync(DbConnection connection, DbTransaction transaction, Guid id) =>
        AuditTrail.AnonymiseAsync(connection, transaction, SchoolTable.Schema, id.ToString());
}
