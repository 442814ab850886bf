using System.Data.Common;
using Innovation.BuildingBlocks.Aggregates;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// A project as the parent of its plan, logbook, partners, funding and resources: they are read with the project
/// (404 across académies) and changed like the project itself — by its editors (<see cref="ProjectAccess"/>), with
/// If-Match on the project's ETag, one project version up per change, never once the project is archived.
/// </summary>
internal sealed class ProjectAttachments : AggregateParent<ProjectTable.Row>
{
    public static readonly ProjectAttachments Rules = new();

    /// <summary>How an add answers, as the descriptions of the project's collections say it.</summary>
    public const string AddDescription = "Requires If-Match with the project's ETag; the project moves one version up and the response carries "
        + "its new ETag. An archived project is read-only (409 `project_locked`).";

    /// <summary>How a replace answers.</summary>
    public const string ReplaceDescription =
        "Requires If-Match with the project's ETag; the project moves one version up. An archived project is read-only (409 `project_locked`).";

    /// <summary>How a remove answers.</summary>
    public const string RemoveDescription = "Requires If-Match with the project's ETag; the project moves one version up and the 204 carries "
        + "its new ETag. An archived project is read-only (409 `project_locked`).";

    private ProjectAttachments()
    {
    }

    public override Guid IdOf(ProjectTable.Row parent) => parent.Id;

    public override int VersionOf(ProjectTable.Row parent) => parent.Version;

    public override string AcademieOf(ProjectTable.Row parent) => parent.Academie;

    public override string Schema => ProjectsModule.Schema;

    public override string ResourceType => "project";

    public override RouteHandlerBuilder RequireReader(RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization(Scopes.ProjectsRead);

    public override RouteHandlerBuilder RequireEditor(RouteHandlerBuilder endpoint) => endpoint.RequireProjectEditor();

    protected override Task<ProjectTable.Row> FindVisibleAsync(DbConnection connection, Guid id, Caller caller, DbTransaction? transaction) =>
        ProjectAccess.FindVisibleAsync(connection, id, caller, transaction);

    protected override async Task EnsureCanChangeAsync(DbConnection connection, DbTransaction transaction, ProjectTable.Row parent, Caller caller)
    {
        await ProjectAccess.EnsureCanEditAsync(connection, transaction, parent, caller);
        if (parent.StatusCode == ProjectStatus.Archived)
        {
            throw Locked(parent);
        }
    }

    protected override async Task<int?> BumpVersionAsync(
        DbConnection connection, DbTransaction transaction, ProjectTable.Row parent, Caller caller, DateTimeOffset now) =>
        await ProjectTable.TouchAsync(connection, transaction, parent.Id, parent.Version, caller.Id, now)
            ? null
            : (await ProjectTable.FindAsync(connection, parent.Id, transaction))?.Version ?? parent.Version;

    /// <summary>The 409 for a change to an archived project: its record is frozen.</summary>
    public static ProblemException Locked(ProjectTable.Row row) =>
        ProblemException.Conflict(
                "project_locked", $"Project {row.Id} is archived: its plan, logbook, partners, funding and resources can no longer change.")
            .With("projectStatus", StableCode.Of(row.StatusCode));
}
