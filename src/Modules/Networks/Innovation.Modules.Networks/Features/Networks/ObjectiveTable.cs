namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>An objective of the multi-year network project, for one school year.</summary>
/// <param name="Id" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5e80">The objective's id.</param>
/// <param name="SchoolYear" example="2025-2026">The school year it belongs to.</param>
/// <param name="Title" example="Généraliser les observations croisées entre écoles du réseau">What the network aims at.</param>
/// <param name="Description" example="Deux observations par enseignant volontaire et par an.">Details, indicators.</param>
/// <param name="Status">Where the objective stands.</param>
internal sealed record Objective(Guid Id, string SchoolYear, string Title, string? Description, ObjectiveStatus Status);

/// <summary>The <c>networks.network_objective</c> table: the multi-year network project, objectives per school year.</summary>
internal static class ObjectiveTable
{
    internal const string SelectSql = """
        SELECT id AS Id, network_id AS NetworkId, school_year AS SchoolYear, title AS Title, description AS Description, status AS Status,
               version AS Version
        FROM networks.network_objective

        """;

    internal const string FindSql = SelectSql + "WHERE id = @Id AND network_id = @NetworkId";

    internal const string InsertSql = """
        INSERT INTO networks.network_objective (id, network_id, school_year, title, description, status, version, created_at)
        VALUES (@Id, @NetworkId, @SchoolYear, @Title, @Description, @Status, @Version, @Now)
        """;

    internal const string UpdateSql = """
        UPDATE networks.network_objective
        SET school_year = @SchoolYear, title = @Title, description = @Description, status = @Status, version = @Version
        WHERE id = @Id AND version = @Version - 1
        """;

    /// <summary>How <see cref="NetworkChildren"/> finds and changes a row (the 404 names a objective).</summary>
    internal static readonly (string What, string FindSql, string UpdateSql) Child = ("objective", FindSql, UpdateSql);

    internal sealed class Row : INetworkChildRow<Row, ObjectiveDraft>
    {
        public Guid Id { get; set; }
        public Guid NetworkId { get; set; }
        public string SchoolYear { get; set; } = "";
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public string Status { get; set; } = "";
        public int Version { get; set; }

        public Objective ToObjective() => new(Id, SchoolYear, Title, Description, StableCode.Parse<ObjectiveStatus>(Status));

        public bool SameDataAs(Row other) =>
            (SchoolYear, Title, Description, Status) == (other.SchoolYear, other.Title, other.Description, other.Status);

        public static Row From(ObjectiveDraft draft, Guid id, Guid networkId) => new()
        {
            Id = id, NetworkId = networkId, SchoolYear = draft.SchoolYear!, Title = draft.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim(),
            Status = StableCode.Of(draft.Status ?? ObjectiveStatus.Planned), Version = 1,
        };
    }
}
