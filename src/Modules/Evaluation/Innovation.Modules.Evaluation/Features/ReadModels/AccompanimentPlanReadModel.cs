using System.Data.Common;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Accompaniment.Contracts;

namespace Innovation.Modules.Evaluation.Features.ReadModels;

/// <summary>
/// Evaluation's copy of the accompaniment plans, from the Accompaniment plan events: the académie of each, so that a campaign sent
/// to a plan is checked like one sent to a project or a network. A plan is known from its proposal; an event older than the copy
/// (by the plan's version) changes nothing.
/// </summary>
internal sealed class AccompanimentPlanReadModel : ISnapshotReadModel<AccompanimentSnapshot>
{
    internal const string FindSql = "SELECT id AS Id, academie AS Academie, version AS Version FROM evaluation.accompaniment_plan WHERE id = @Id";

    internal const string UpdateSql = """
        UPDATE evaluation.accompaniment_plan SET academie = @Academie, version = @Version WHERE id = @Id AND version < @Version
        """;

    internal const string InsertSql = """
        INSERT INTO evaluation.accompaniment_plan (id, academie, version)
        SELECT @Id, @Academie, @Version
        WHERE NOT EXISTS (SELECT 1 FROM evaluation.accompaniment_plan WHERE id = @Id)
        """;

    /// <summary>The plan visible to <paramref name="caller"/>, or the 404 of one Evaluation does not know or of another académie.</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null) =>
        await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t) is { } row && caller.Sees(row.Academie)
            ? row
            : throw ProblemException.NotFound("accompaniment plan", id.ToString());

    public static string Schema => EvaluationModule.Schema;

    public static async Task ApplyAsync(DbConnection c, DbTransaction t, AccompanimentSnapshot plan)
    {
        var row = new Row { Id = plan.PlanId, Academie = plan.Academie, Version = plan.Version };
        await c.ExecuteAsync(UpdateSql, row, t);
        await c.ExecuteAsync(InsertSql, row, t);
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public int Version { get; set; }
    }
}
