using System.Data.Common;
using Dapper;
using Innovation.BuildingBlocks.Http;
using Innovation.Modules.Projects.Domain;

namespace Innovation.Modules.Projects.Features.Partners;

/// <summary>A partner of a project.</summary>
/// <param name="Id">The partner's id on this project.</param>
/// <param name="Kind">What kind of organisation it is.</param>
/// <param name="Name" example="Muséum d'histoire naturelle">Name.</param>
/// <param name="Role" example="Accueille les classes et prête des kits d'observation.">Role in the project.</param>
/// <param name="Contributions">What it brings.</param>
/// <param name="ContributionDescription" example="Deux médiateurs scientifiques, une journée par trimestre.">The contribution in words.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="UpdatedAt">When it last changed.</param>
internal sealed record Partner(
    Guid Id, PartnerKind Kind, string Name, string? Role, IReadOnlyList<ContributionKind> Contributions, string? ContributionDescription,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A project's partners.</summary>
/// <param name="Items">Partners in the order they were added.</param>
internal sealed record PartnerList(IReadOnlyList<Partner> Items);

internal static class PartnerTable
{
    /// <summary>A project lists its partners whole; this bounds the list.</summary>
    public const int MaxPerProject = 100;

    internal const string SelectColumns = """
        SELECT id AS Id, kind AS Kind, name AS Name, role AS Role, contributions AS Contributions,
               contribution_description AS ContributionDescription, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM projects.project_partner

        """;

    internal const string FindSql = SelectColumns + "WHERE project_id = @ProjectId AND id = @Id";

    internal const string ListSql = SelectColumns + "WHERE project_id = @ProjectId ORDER BY created_at, name";

    internal const string CountSql = "SELECT COUNT(*) FROM projects.project_partner WHERE project_id = @ProjectId";

    internal const string InsertSql = """
        INSERT INTO projects.project_partner (id, project_id, kind, name, role, contributions, contribution_description, created_at, updated_at)
        VALUES (@Id, @ProjectId, @Kind, @Name, @Role, @Contributions, @ContributionDescription, @CreatedAt, @UpdatedAt)
        """;

    internal const string UpdateSql = """
        UPDATE projects.project_partner
        SET kind = @Kind, name = @Name, role = @Role, contributions = @Contributions, contribution_description = @ContributionDescription,
            updated_at = @UpdatedAt
        WHERE project_id = @ProjectId AND id = @Id
        """;

    internal const string DeleteSql = "DELETE FROM projects.project_partner WHERE project_id = @ProjectId AND id = @Id";

    /// <summary>A row of projects.project_partner (contribution codes space-separated).</summary>
    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid ProjectId { get; set; }
        public string Kind { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Role { get; set; }
        public string Contributions { get; set; } = "";
        public string? ContributionDescription { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public Partner ToPartner() => new(
            Id, ProjectCodes.Parse<PartnerKind>(Kind), Name, Role,
            [.. Contributions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ProjectCodes.Parse<ContributionKind>)],
            ContributionDescription, CreatedAt, UpdatedAt);

        public static Row From(Guid projectId, Guid id, PartnerDraft draft, DateTimeOffset now) => new()
        {
            Id = id,
            ProjectId = projectId,
            Kind = ProjectCodes.Code(draft.Kind!.Value),
            Name = draft.Name!.Trim(),
            Role = Blank(draft.Role),
            Contributions = string.Join(' ', draft.Contributions!.Distinct().Order().Select(ProjectCodes.Code)),
            ContributionDescription = Blank(draft.ContributionDescription),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public static async Task<Row> FindAsync(DbConnection connection, Guid projectId, Guid id, DbTransaction? transaction = null) =>
        await connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { ProjectId = projectId, Id = id }, transaction)
        ?? throw ProblemException.NotFound("partner", id.ToString());

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
