using System.Data.Common;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Projects.Contracts;

namespace Innovation.Modules.Accompaniment.Features.Projects;

/// <summary>
/// Accompaniment's copy of the projects, from the Projects lifecycle events: académie, status, schools,
/// départements and themes, and since when the project waits in the queue (its first entry into submitted or
/// validated since it last left them). A project is known here from its first submission; a draft is not.
/// An event older than the copy (by the project's version) changes nothing. A project not here yet is asked of Projects
/// (<see cref="CatchUpAsync"/>).
/// </summary>
internal sealed class ProjectReadModel : ISnapshotReadModel<ProjectLifecycleSnapshot>
{
    internal const string FindSql = """
        SELECT id AS Id, academie AS Academie, status AS Status, version AS Version, queued_at AS QueuedAt
        FROM accompaniment.project WHERE id = @Id
        """;

    internal const string KnownSql = "SELECT COUNT(*) FROM accompaniment.project WHERE id = @Id";

    internal const string UpdateSql = """
        UPDATE accompaniment.project SET academie = @Academie, status = @Status, version = @Version, queued_at = @QueuedAt
        WHERE id = @Id AND version < @Version
        """;

    internal const string InsertSql = """
        INSERT INTO accompaniment.project (id, academie, status, version, queued_at) VALUES (@Id, @Academie, @Status, @Version, @QueuedAt)
        """;

    internal const string DeleteSchoolsSql = "DELETE FROM accompaniment.project_school WHERE project_id = @Id";

    internal const string DeleteDepartementsSql = "DELETE FROM accompaniment.project_departement WHERE project_id = @Id";

    internal const string DeleteThemesSql = "DELETE FROM accompaniment.project_theme WHERE project_id = @Id";

    internal const string InsertSchoolSql = "INSERT INTO accompaniment.project_school (project_id, uai) VALUES (@Id, @Value)";

    internal const string InsertDepartementSql = "INSERT INTO accompaniment.project_departement (project_id, departement) VALUES (@Id, @Value)";

    internal const string InsertThemeSql = "INSERT INTO accompaniment.project_theme (project_id, theme) VALUES (@Id, @Value)";

    /// <summary>The statuses in which a project may wait for a diagnosis or an accompaniment.</summary>
    internal static readonly string[] QueueStatuses = ["submitted", "validated"];

    /// <summary>
    /// Read-your-writes (ADR 0026): a project this copy does not hold yet is asked of Projects (<see cref="FindProject"/>) and
    /// written as its event would write it, so that a project just submitted is usable at once; then the usual checks apply.
    /// </summary>
    public static Task CatchUpAsync(Db db, IMediator mediator, Guid id, CancellationToken cancellationToken) =>
        db.CatchUpAsync(async c => await c.ExecuteScalarAsync<int>(KnownSql, new { Id = id }) > 0,
            () => mediator.Send(new FindProject(id), cancellationToken), ApplyAsync, cancellationToken);

    public static string Schema => AccompanimentModule.Schema;

    public static async Task ApplyAsync(DbConnection c, DbTransaction t, ProjectLifecycleSnapshot project)
    {
        var copy = await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = project.ProjectId }, t);
        if (copy is not null && copy.Version >= project.Version)
        {
            return;
        }

        var queued = QueueStatuses.Contains(project.Status);
        var row = new Row
        {
            Id = project.ProjectId, Academie = project.Academie, Status = project.Status, Version = project.Version,
            QueuedAt = !queued ? null : copy is { QueuedAt: { } since } && QueueStatuses.Contains(copy.Status) ? since : project.OccurredAt,
        };
        await c.ExecuteAsync(copy is null ? InsertSql : UpdateSql, row, t);
        var schools = project.Schools.Select(s => s.Trim().ToUpperInvariant());
        await ReadModelLists.ReplaceValuesAsync(c, t, DeleteSchoolsSql, InsertSchoolSql, row.Id, schools);
        await ReadModelLists.ReplaceValuesAsync(c, t, DeleteDepartementsSql, InsertDepartementSql, row.Id, project.Departements);
        await ReadModelLists.ReplaceValuesAsync(c, t, DeleteThemesSql, InsertThemeSql, row.Id, project.Themes);
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public string Status { get; set; } = "";
        public int Version { get; set; }
        public DateTimeOffset? QueuedAt { get; set; }
    }
}
