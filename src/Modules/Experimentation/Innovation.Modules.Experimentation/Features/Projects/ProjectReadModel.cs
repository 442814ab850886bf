using System.Data.Common;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Projects.Contracts;

namespace Innovation.Modules.Experimentation.Features.Projects;

/// <summary>
/// Experimentation's copy of the projects, from the Projects lifecycle events: académie, status, schools and their
/// départements. A project is known here from its first submission; an event older than the copy changes nothing. A project
/// not here yet is asked of Projects (<see cref="CatchUpAsync"/>).
/// </summary>
internal sealed class ProjectReadModel : ISnapshotReadModel<ProjectLifecycleSnapshot>
{
    internal const string FindSql = """
        SELECT id AS Id, academie AS Academie, status AS Status, version AS Version, schools AS Schools, departements AS Departements
        FROM experimentation.project WHERE id = @Id
        """;

    internal const string KnownSql = "SELECT COUNT(*) FROM experimentation.project WHERE id = @Id";

    internal const string UpdateSql = """
        UPDATE experimentation.project SET academie = @Academie, status = @Status, version = @Version, schools = @Schools,
               departements = @Departements
        WHERE id = @Id AND version < @Version
        """;

    internal const string InsertSql = """
        INSERT INTO experimentation.project (id, academie, status, version, schools, departements)
        SELECT @Id, @Academie, @Status, @Version, @Schools, @Departements
        WHERE NOT EXISTS (SELECT 1 FROM experimentation.project WHERE id = @Id)
        """;

    /// <summary>The project of <paramref name="id"/> when this caller sees it, else 404 (unknown here, or of another académie).</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t);
        return row is not null && caller.Sees(row.Academie) ? row : throw ProblemException.NotFound("project", id.ToString());
    }

    /// <summary>
    /// Read-your-writes (ADR 0026): a project this copy does not hold yet is asked of Projects (<see cref="FindProject"/>) and
    /// written as its event would write it, so that a project just submitted is usable at once; then the usual checks apply.
    /// </summary>
    public static Task CatchUpAsync(Db db, IMediator mediator, Guid id, CancellationToken cancellationToken) =>
        db.CatchUpAsync(async c => await c.ExecuteScalarAsync<int>(KnownSql, new { Id = id }) > 0,
            () => mediator.Send(new FindProject(id), cancellationToken), ApplyAsync, cancellationToken);

    public static string Schema => ExperimentationModule.Schema;

    public static async Task ApplyAsync(DbConnection c, DbTransaction t, ProjectLifecycleSnapshot project)
    {
        var row = new
        {
            Id = project.ProjectId, project.Academie, project.Status, project.Version,
            Schools = string.Join(',', project.Schools.Select(s => s.Trim().ToUpperInvariant())),
            Departements = string.Join(',', project.Departements),
        };
        if (await c.ExecuteAsync(UpdateSql, row, t) == 0)
        {
            await c.ExecuteAsync(InsertSql, row, t);
        }
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public string Status { get; set; } = "";
        public int Version { get; set; }
        public string Schools { get; set; } = "";
        public string Departements { get; set; } = "";

        public IReadOnlyList<string> SchoolList => Schools.Split(',', StringSplitOptions.RemoveEmptyEntries);

        public IReadOnlyList<string> DepartementList => Departements.Split(',', StringSplitOptions.RemoveEmptyEntries);

        /// <summary>A rejected or archived project cannot become an experimentation.</summary>
        public bool Eligible => Status is not ("rejected" or "archived");

        /// <summary>The département of a perimeter school: its UAI's, else the project's only one.</summary>
        public string? DepartementOf(string uai) =>
            SchoolCalendar.DepartementOf(uai) is { } fromUai && (DepartementList.Contains(fromUai) || DepartementList.Count != 1)
                ? fromUai
                : DepartementList.Count == 1 ? DepartementList[0] : null;
    }
}
