using System.Data.Common;
using System.Text.Json;
using Innovation.BuildingBlocks.Audit;

namespace Innovation.Modules.Evaluation.Features.Grids;

/// <summary>A level of a criterion.</summary>
/// <param name="Rank" example="2">Its rank, 1 for the first level.</param>
/// <param name="Label" example="En construction">Its name.</param>
/// <param name="Descriptor" example="L'équipe se réunit quand un problème se pose.">What it looks like in practice.</param>
internal sealed record GridLevel(int Rank, string Label, string Descriptor);

/// <summary>A criterion of a grid.</summary>
/// <param name="Code" example="collaboration">Its code: positionings name it.</param>
/// <param name="Label" example="Travail collaboratif">The criterion.</param>
/// <param name="Levels">Its levels, by rank.</param>
internal sealed record Criterion(string Code, string Label, IReadOnlyList<GridLevel> Levels);

/// <summary>A self-positioning grid.</summary>
/// <param name="Id">The grid's id.</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Title" example="Grille d'auto-positionnement de l'équipe projet">Title.</param>
/// <param name="Description">How and with whom it was built.</param>
/// <param name="Criteria">Its criteria, in their order.</param>
/// <param name="CreatedAt">When it was created.</param>
internal sealed record Grid(Guid Id, string Academie, string Title, string? Description, IReadOnlyList<Criterion> Criteria, DateTimeOffset CreatedAt);

/// <summary>The <c>evaluation.grid</c> table, its criteria one JSON array.</summary>
internal static class GridTable
{
    internal const string SelectSql = """
        SELECT id AS Id, academie AS Academie, title AS Title, description AS Description, criteria AS Criteria, version AS Version,
               created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM evaluation.grid
        """;

    internal const string FindSql = SelectSql + "\nWHERE id = @Id";

    internal const string InsertSql = """
        INSERT INTO evaluation.grid (id, academie, title, description, criteria, version, created_at, updated_at)
        VALUES (@Id, @Academie, @Title, @Description, @Criteria, @Version, @CreatedAt, @UpdatedAt)
        """;

    /// <summary>A grid's type in the audit trail.</summary>
    internal const string ResourceType = "evaluation.grid";

    /// <summary>A grid visible to <paramref name="caller"/>, or the 404 of a missing one (another académie's too).</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null) =>
        await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t) is { } row && caller.Sees(row.Academie)
            ? row
            : throw ProblemException.NotFound("grid", id.ToString());

    /// <summary>Writes a new grid with its audit entry.</summary>
    public static async Task InsertAsync(DbConnection c, DbTransaction t, Row row, string actor)
    {
        await c.ExecuteAsync(InsertSql, row, t);
        await AuditTrail.RecordAsync(c, t, EvaluationModule.Schema,
            new AuditEntry(row.CreatedAt, actor, row.Academie, ResourceType, row.Id.ToString(), "create", null, row.ToGrid()));
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public string Title { get; set; } = "";
        public string? Description { get; set; }

        /// <summary>The criteria, a JSON array of <see cref="Criterion"/>.</summary>
        public string Criteria { get; set; } = "[]";

        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public static Row From(GridDraft draft, string academie, DateTimeOffset now) => new()
        {
            Id = SortableId.New(now),
            Academie = academie,
            Title = draft.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim(),
            Criteria = JsonSerializer.Serialize(
                draft.Criteria!.Select(c => new Criterion(c.Code!.Trim(), c.Label!.Trim(),
                    [.. c.Levels!.Select((l, i) => new GridLevel(i + 1, l.Label!.Trim(), l.Descriptor!.Trim()))])).ToList(),
                ApiJson.Options),
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };

        public IReadOnlyList<Criterion> ReadCriteria() => JsonSerializer.Deserialize<List<Criterion>>(Criteria, ApiJson.Options) ?? [];

        public Grid ToGrid() => new(Id, Academie, Title, Description, ReadCriteria(), CreatedAt);

        public Versioned<Grid> ToVersioned() => new(ToGrid(), Version);
    }
}
