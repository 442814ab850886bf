using System.Data.Common;
using Dapper;
using Innovation.BuildingBlocks.Http;
using Innovation.Modules.Projects.Domain;

namespace Innovation.Modules.Projects.Features.Resources;

/// <summary>A resource of a project.</summary>
/// <param name="Id">The resource's id.</param>
/// <param name="Kind">What the resource is.</param>
/// <param name="Title" example="Carnet d'observation des élèves">Title.</param>
/// <param name="Url" example="https://www.ac-versailles.fr/classe-dehors/carnet.pdf">Its http(s) address.</param>
/// <param name="Licence" example="CC-BY-4.0">Its licence.</param>
/// <param name="CreatedAt">When it was added.</param>
internal sealed record Resource(Guid Id, ResourceKind Kind, string Title, string Url, string? Licence, DateTimeOffset CreatedAt);

/// <summary>A project's resources.</summary>
/// <param name="Items">Resources in the order they were added.</param>
internal sealed record ResourceList(IReadOnlyList<Resource> Items);

internal static class ResourceTable
{
    public const int MaxPerProject = 200;

    internal const string SelectColumns = """
        SELECT id AS Id, kind AS Kind, title AS Title, url AS Url, licence AS Licence, created_at AS CreatedAt
        FROM projects.project_resource

        """;

    internal const string FindSql = SelectColumns + "WHERE project_id = @ProjectId AND id = @Id";

    internal const string ListSql = SelectColumns + "WHERE project_id = @ProjectId ORDER BY created_at, title";

    internal const string CountSql = "SELECT COUNT(*) FROM projects.project_resource WHERE project_id = @ProjectId";

    internal const string InsertSql = """
        INSERT INTO projects.project_resource (id, project_id, kind, title, url, licence, created_at)
        VALUES (@Id, @ProjectId, @Kind, @Title, @Url, @Licence, @CreatedAt)
        """;

    internal const string DeleteSql = "DELETE FROM projects.project_resource WHERE project_id = @ProjectId AND id = @Id";

    /// <summary>A row of projects.project_resource.</summary>
    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid ProjectId { get; set; }
        public string Kind { get; set; } = "";
        public string Title { get; set; } = "";
        public string Url { get; set; } = "";
        public string? Licence { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public Resource ToResource() => new(Id, ProjectCodes.Parse<ResourceKind>(Kind), Title, Url, Licence, CreatedAt);

        public static Row From(Guid projectId, Guid id, ResourceDraft draft, DateTimeOffset now) => new()
        {
            Id = id,
            ProjectId = projectId,
            Kind = ProjectCodes.Code(draft.Kind!.Value),
            Title = draft.Title!.Trim(),
            Url = new Uri(draft.Url!.Trim()).AbsoluteUri,
            Licence = string.IsNullOrWhiteSpace(draft.Licence) ? null : draft.Licence.Trim(),
            CreatedAt = now,
        };
    }

    public static async Task<Row> FindAsync(DbConnection connection, Guid projectId, Guid id, DbTransaction? transaction = null) =>
        await connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { ProjectId = projectId, Id = id }, transaction)
        ?? throw ProblemException.NotFound("resource", id.ToString());
}
