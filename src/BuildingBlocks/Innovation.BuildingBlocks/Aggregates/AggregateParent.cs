using System.Data.Common;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;

namespace Innovation.BuildingBlocks.Aggregates;

/// <summary>
/// The rules every part of an aggregate shares (its child collections, a plan, a logbook): it is read with its
/// parent (404 across académies) and changed like the parent itself: by a caller who may change the parent, with
/// If-Match on the parent's ETag, one parent version up per change, never while the parent is locked. The module
/// says how to find, guard and bump its parent; the order of the checks and the If-Match rule are here.
/// </summary>
/// <typeparam name="TParent">The parent's row as the module reads it.</typeparam>
public abstract class AggregateParent<TParent>
{
    /// <summary>The parent if the caller may see it, else the 404 a missing parent gets.</summary>
    protected abstract Task<TParent> FindVisibleAsync(DbConnection connection, Guid id, Caller caller, DbTransaction? transaction);

    /// <summary>Refuses (403) a caller who may read the parent but not change it, then (409) a locked parent.</summary>
    protected abstract Task EnsureCanChangeAsync(DbConnection connection, DbTransaction transaction, TParent parent, Caller caller);

    /// <summary>
    /// Moves the parent one version up from the version it was read at; returns null when it did, else the
    /// version another change gave it first.
    /// </summary>
    protected abstract Task<int?> BumpVersionAsync(
        DbConnection connection, DbTransaction transaction, TParent parent, Caller caller, DateTimeOffset now);

    public abstract Guid IdOf(TParent parent);

    /// <summary>The académie a parent belongs to (its audit entries' and its parts').</summary>
    public abstract string AcademieOf(TParent parent);

    /// <summary>The module's schema, where the audit of the parent and its parts is written.</summary>
    public abstract string Schema { get; }

    /// <summary>The parent's resource type in the audit (<c>project</c>); a part is <c>{ResourceType}.{part}</c>.</summary>
    public abstract string ResourceType { get; }

    public abstract int VersionOf(TParent parent);

    /// <summary>Who may read the parts of a parent (the endpoint's authorization).</summary>
    public abstract RouteHandlerBuilder RequireReader(RouteHandlerBuilder endpoint);

    /// <summary>Who may change them; the handler still checks the parent itself (<see cref="EnsureCanChangeAsync"/>).</summary>
    public abstract RouteHandlerBuilder RequireEditor(RouteHandlerBuilder endpoint);

    /// <summary>Reads something attached to a visible parent; returns it with the parent's version (the ETag).</summary>
    public Task<(T Value, int Version)> ReadAsync<T>(
        Db db, Guid parentId, Caller caller, Func<DbConnection, TParent, Task<T>> read, CancellationToken cancellationToken) =>
        db.ReadAsync(async c =>
        {
            var parent = await FindVisibleAsync(c, parentId, caller, null);
            return (await read(c, parent), VersionOf(parent));
        }, cancellationToken);

    /// <summary>
    /// Records a change of a part of <paramref name="parent"/> in the audit, in the change's transaction: resource
    /// <c>{ResourceType}.{part}</c>, its id (the parent's for a part there is one of, like a plan), the parent as its aggregate.
    /// </summary>
    public Task AuditAsync(
        DbConnection connection, DbTransaction transaction, TParent parent, Caller caller, DateTimeOffset now, string part, Guid? partId,
        string action, object? before, object? after) =>
        AuditTrail.RecordAsync(connection, transaction, Schema, new AuditEntry(
            now, caller.Id, AcademieOf(parent), $"{ResourceType}.{part}", (partId ?? IdOf(parent)).ToString(), action, before, after)
        {
            ParentId = IdOf(parent).ToString(),
        });

    /// <summary>
    /// Changes something attached to a parent in one transaction and bumps the parent's version first (which also
    /// serialises concurrent changes of one parent). Returns the change's result and the parent's new version.
    /// </summary>
    public Task<(T Value, int Version)> ChangeAsync<T>(
        Db db, TimeProvider time, Guid parentId, Caller caller, int? ifMatch, Func<DbConnection, DbTransaction, TParent, Task<T>> change,
        CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            var parent = await FindVisibleAsync(c, parentId, caller, t);
            await EnsureCanChangeAsync(c, t, parent, caller);
            ETags.EnsureCurrent(ifMatch, VersionOf(parent));

            if (await BumpVersionAsync(c, t, parent, caller, time.GetUtcNow()) is { } current)
            {
                throw ETags.Stale(current);
            }

            return (await change(c, t, parent), VersionOf(parent) + 1);
        }, cancellationToken);
}
