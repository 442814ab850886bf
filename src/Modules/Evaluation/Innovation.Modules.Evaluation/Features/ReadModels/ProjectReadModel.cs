using System.Data.Common;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Projects.Contracts;

namespace Innovation.Modules.Evaluation.Features.ReadModels;

/// <summary>
/// Evaluation's copy of the projects, from the Projects lifecycle events: académie, status, schools, départements and
/// themes, which scope indicators and campaigns, roll the dashboard up and group the evaluation of accompaniment by
/// département. A project is known here from its first submission (a draft is not); an event older than the copy (by the
/// project's version) changes nothing. A project not here yet is asked of Projects (<see cref="CatchUpAsync"/>).
/// </summary>
internal sealed class ProjectReadModel : ISnapshotReadModel<ProjectLifecycleSnapshot>
{
    internal const string FindSql = """
        SELECT id AS Id, academie AS Academie, status AS Status, version AS Version FROM evaluation.project WHERE id = @Id
        """;

    internal const string KnownSql = "SELECT COUNT(*) FROM evaluation.project WHERE id = @Id";

    internal const string UpdateSql = """
        UPDATE evaluation.project SET academie = @Academie, status = @Status, version = @Version WHERE id = @Id AND version < @Version
        """;

    internal const string InsertSql = "INSERT INTO evaluation.project (id, academie, status, version) VALUES (@Id, @Academie, @Status, @Version)";

    internal const string DeleteSchoolsSql = "DELETE FROM evaluation.project_school WHERE project_id = @Id";

    internal const string DeleteDepartementsSql = "DELETE FROM evaluation.project_departement WHERE project_id = @Id";

    internal const string DeleteThemesSql = "DELETE FROM evaluation.project_theme WHERE project_id = @Id";

    internal const string InsertSchoolSql = "INSERT INTO evaluation.project_school (project_id, uai) VALUES (@Id, @Value)";

    internal const string InsertDepartementSql = "INSERT INTO evaluation.project_departement (project_id, departement) VALUES (@Id, @Value)";

    internal const string InsertThemeSql = "INSERT INTO evaluation.project_theme (project_id, theme) VALUES (@Id, @Value)";

    internal const string DepartementsSql = """
        SELECT departement FROM evaluation.project_departement WHERE project_id = @ProjectId ORDER BY departement
        """;

    /// <summary>The project visible to <paramref name="caller"/>, or the 404 of one Evaluation does not know or of another académie.</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null) =>
        await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t) is { } row && caller.Sees(row.Academie)
            ? row
            : throw ProblemException.NotFound("project", id.ToString());

    /// <summary>
    /// Read-your-writes (ADR 0026): a project this copy does not hold yet is asked of Projects (<see cref="FindProject"/>) and
    /// written as its event would write it, so that a project just submitted is usable at once; then the usual checks apply.
    /// </summary>
    public static Task CatchUpAsync(Db db, IMediator mediator, Guid id, CancellationToken cancellationToken) =>
        db.CatchUpAsync(async c => await c.ExecuteScalarAsync<int>(KnownSql, new { Id = id }) > 0,
            () => mediator.Send(new FindProject(id), cancellationToken), ApplyAsync, cancellationToken);

    public static string Schema => EvaluationModule.Schema;

    public static async Task ApplyAsync(DbConnection c, DbTransaction t, ProjectLifecycleSnapshot project)
    {
        var copy = await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = project.ProjectId }, t);
        if (copy is not null && copy.Version >= project.Version)
        {
            return;
        }

        var row = new Row { Id = project.ProjectId, Academie = project.Academie, Status = project.Status, Version = project.Version };
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
    }
}
