using System.Data.Common;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Projects.Domain;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// The rules every sub-resource of a project (plan, logbook, partners, funding, resources) shares:
/// it is read with the project (404 across académies) and changed like the project itself — by
/// its editors, with If-Match on the project's ETag, one project version up per change, never
/// once the project is archived.
/// </summary>
internal static class ProjectAttachments
{
    /// <summary>Reads something attached to a visible project; returns it with the project's version (the ETag).</summary>
    public static Task<(T Value, int Version)> ReadAsync<T>(
        Db db, Guid projectId, Caller caller, Func<DbConnection, ProjectTable.Row, Task<T>> read, CancellationToken cancellationToken) =>
        db.ReadAsync(async c =>
        {
            var row = await ProjectAccess.FindVisibleAsync(c, projectId, caller);
            return (await read(c, row), row.Version);
        }, cancellationToken);

    /// <summary>
    /// Changes something attached to a project in one transaction and bumps the project's version
    /// first (which also serialises concurrent changes of one project). Returns the work's result
    /// and the project's new version.
    /// </summary>
    public static Task<(T Value, int Version)> ChangeAsync<T>(
        Db db, TimeProvider time, Guid projectId, Caller caller, int? ifMatch,
        Func<DbConnection, DbTransaction, ProjectTable.Row, Task<T>> change, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            var row = await ProjectAccess.FindVisibleAsync(c, projectId, caller, t);
            await ProjectAccess.EnsureCanEditAsync(c, t, row, caller);
            if (row.StatusCode == ProjectStatus.Archived)
            {
                throw Locked(row);
            }

            if (ifMatch is { } expected && expected != row.Version)
            {
                throw ETags.Stale(row.Version);
            }

            if (!await ProjectTable.TouchAsync(c, t, row.Id, row.Version, caller.Id, time.GetUtcNow()))
            {
                throw ETags.Stale((await ProjectTable.FindAsync(c, row.Id, t))?.Version ?? row.Version);
            }

            return (await change(c, t, row), row.Version + 1);
        }, cancellationToken);

    /// <summary>The 409 for a change to an archived project: its record is frozen.</summary>
    public static ProblemException Locked(ProjectTable.Row row) =>
        ProblemException.Conflict("project_locked", $"Project {row.Id} is archived: its plan, logbook, partners, funding and resources can no longer change.")
            .With("projectStatus", ProjectCodes.Code(row.StatusCode));
}
