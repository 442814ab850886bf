using System.Data.Common;
using System.Text.Json;
using Innovation.BuildingBlocks.Audit;

namespace Innovation.Modules.Evaluation.Features.Grids;

/// <summary>Who positions themselves: a person of the directory (with their name) or a team (by its name), not both.</summary>
/// <param name="PersonId">The person's id in the académie's people directory.</param>
/// <param name="Name" example="Camille Martin">The person's name (at most 200 characters), with <c>personId</c>.</param>
/// <param name="Team" example="Équipe du collège Jean Moulin">A team's name (at most 200 characters), instead of a person.</param>
internal sealed record PositioningSubject(Guid? PersonId, string? Name, string? Team);

/// <summary>The level reached on one criterion.</summary>
/// <param name="Criterion" example="collaboration">The criterion's code.</param>
/// <param name="Level" example="2">The rank of the level (1 for the first).</param>
internal sealed record CriterionLevel(string? Criterion, int? Level);

/// <summary>A positioning on a grid.</summary>
/// <param name="Id">The positioning's id.</param>
/// <param name="GridId">Its grid.</param>
/// <param name="Subject">Who positioned themselves; a person's name and id are gone once they are erased.</param>
/// <param name="SubjectErased">True once the person exercised the right to erasure.</param>
/// <param name="PositionedOn" example="2026-10-05">The day of the positioning.</param>
/// <param name="Levels">The level reached per criterion, in the grid's order.</param>
internal sealed record Positioning(
    Guid Id, Guid GridId, PositioningSubject Subject, bool SubjectErased, DateOnly PositionedOn, IReadOnlyList<CriterionLevel> Levels);

/// <summary>The <c>evaluation.grid_positioning</c> table: one row per positioning, its levels one JSON array.</summary>
internal static class PositioningTable
{
    internal const string SelectSql = """
        SELECT id AS Id, grid_id AS GridId, person_id AS PersonId, person_name AS PersonName, team AS Team, positioned_on AS PositionedOn,
               levels AS Levels, subject_erased AS SubjectErased, created_at AS CreatedAt
        FROM evaluation.grid_positioning
        """;

    internal const string InsertSql = """
        INSERT INTO evaluation.grid_positioning (id, grid_id, person_id, person_name, team, positioned_on, levels, subject_erased, created_at)
        VALUES (@Id, @GridId, @PersonId, @PersonName, @Team, @PositionedOn, @Levels, 0, @CreatedAt)
        """;

    /// <summary>A positioning's type in the audit trail.</summary>
    internal const string ResourceType = "evaluation.gridPositioning";

    /// <summary>Writes a positioning with its audit entry (a person as personal data).</summary>
    public static async Task InsertAsync(DbConnection c, DbTransaction t, Row row, string academie, string actor)
    {
        await c.ExecuteAsync(InsertSql, row, t);
        await AuditTrail.RecordAsync(c, t, EvaluationModule.Schema, new AuditEntry(row.CreatedAt, actor, academie, ResourceType,
            row.Id.ToString(), "create", null, row.ToPositioning())
        {
            ParentId = row.GridId.ToString(),
            PersonalFields = ["subject"],
            Subjects = [row.PersonId?.ToString() ?? ""],
        });
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid GridId { get; set; }
        public Guid? PersonId { get; set; }
        public string? PersonName { get; set; }
        public string? Team { get; set; }
        public DateOnly PositionedOn { get; set; }

        /// <summary>The levels, a JSON array of <see cref="CriterionLevel"/>.</summary>
        public string Levels { get; set; } = "[]";

        public bool SubjectErased { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public IReadOnlyList<CriterionLevel> ReadLevels() => JsonSerializer.Deserialize<List<CriterionLevel>>(Levels, ApiJson.Options) ?? [];

        public Positioning ToPositioning() =>
            new(Id, GridId, new PositioningSubject(PersonId, PersonName, Team), SubjectErased, PositionedOn, ReadLevels());
    }
}
