using System.Data.Common;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Evaluation.Contracts;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

/// <summary>What a campaign of the evaluation of accompaniment knows of its accompaniment, for the results by type and département.</summary>
/// <param name="ProjectId">The accompanied project.</param>
/// <param name="Types">The plan's accompaniment types (proximity, institutional, research, hybridRemote).</param>
/// <param name="Departements">The project's départements, as far as the module knew them when the campaign opened.</param>
internal sealed record AccompanimentContext(Guid ProjectId, IReadOnlyList<string> Types, IReadOnlyList<string> Departements);

/// <summary>A questionnaire campaign.</summary>
/// <param name="Id">The campaign's id.</param>
/// <param name="Academie" example="25">Académie code (the questionnaire's).</param>
/// <param name="QuestionnaireId">The questionnaire edition it sends.</param>
/// <param name="Title" example="Bilan de fin d'année 2026 — équipe du collège Jean Moulin">Title.</param>
/// <param name="Target">What it is sent to.</param>
/// <param name="OpensOn" example="2026-06-01">First day responses are accepted.</param>
/// <param name="ClosesOn" example="2026-06-30">Last day responses are accepted.</param>
/// <param name="Anonymous">True when responses hold no respondent identity.</param>
/// <param name="Status">draft, open or closed.</param>
/// <param name="Accompaniment">For the evaluation of a closed accompaniment: its project, types and départements.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">Its last change.</param>
internal sealed record Campaign(
    Guid Id, string Academie, Guid QuestionnaireId, string Title, CampaignTarget Target, DateOnly OpensOn, DateOnly ClosesOn, bool Anonymous,
    CampaignStatus Status, AccompanimentContext? Accompaniment, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The <c>evaluation.campaign</c> table; opening and closing write their events in the same transaction.</summary>
internal static class CampaignTable
{
    internal const string SelectSql = """
        SELECT id AS Id, academie AS Academie, questionnaire_id AS QuestionnaireId, title AS Title, target_type AS TargetType,
               target_id AS TargetId, opens_on AS OpensOn, closes_on AS ClosesOn, is_anonymous AS IsAnonymous, status AS Status,
               project_id AS ProjectId, accompaniment_types AS AccompanimentTypes, departements AS Departements,
               response_count AS ResponseCount, version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM evaluation.campaign
        """;

    internal const string FindSql = SelectSql + "\nWHERE id = @Id";

    internal const string InsertSql = """
        INSERT INTO evaluation.campaign (id, academie, questionnaire_id, title, target_type, target_id, opens_on, closes_on, is_anonymous,
                                         status, project_id, accompaniment_types, departements, response_count, version, created_at, updated_at)
        VALUES (@Id, @Academie, @QuestionnaireId, @Title, @TargetType, @TargetId, @OpensOn, @ClosesOn, @IsAnonymous,
                @Status, @ProjectId, @AccompanimentTypes, @Departements, 0, @Version, @CreatedAt, @UpdatedAt)
        """;

    internal const string UpdateStatusSql = """
        UPDATE evaluation.campaign SET status = @Status, version = @Version, updated_at = @UpdatedAt
        WHERE id = @Id AND version = @Version - 1
        """;

    // The guard of a response: counted only while the campaign is open, so a close that commits first refuses it.
    internal const string CountResponseSql = """
        UPDATE evaluation.campaign SET response_count = response_count + 1 WHERE id = @Id AND status = 'open'
        """;

    /// <summary>A campaign's type in the audit trail.</summary>
    internal const string ResourceType = "evaluation.campaign";

    /// <summary>A campaign visible to <paramref name="caller"/>, or the 404 of a missing one (another académie's too).</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null) =>
        await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t) is { } row && caller.Sees(row.Academie)
            ? row
            : throw ProblemException.NotFound("campaign", id.ToString());

    /// <summary>Writes a new campaign (its event when it is created open) with its audit entry.</summary>
    public static async Task InsertAsync(DbConnection c, DbTransaction t, Row row, string actor)
    {
        await c.ExecuteAsync(InsertSql, row, t);
        if (row.Status == StableCode.Of(CampaignStatus.Open))
        {
            await Outbox.EnqueueAsync(c, t, EvaluationModule.Schema, new CampaignOpened(row.ToSnapshot()), row.UpdatedAt);
        }

        await AuditAsync(c, t, row, null, actor, "create");
    }

    /// <summary>Moves the campaign to <paramref name="status"/> (one version up), with its event and audit entry; a stale change is a 412.</summary>
    public static async Task ChangeStatusAsync(DbConnection c, DbTransaction t, Row row, CampaignStatus status, DateTimeOffset now, string actor)
    {
        var before = row.ToCampaign();
        (row.Status, row.Version, row.UpdatedAt) = (StableCode.Of(status), row.Version + 1, now);
        if (await c.ExecuteAsync(UpdateStatusSql, row, t) == 0)
        {
            throw ETags.Stale(row.Version);
        }

        await Outbox.EnqueueAsync(c, t, EvaluationModule.Schema,
            status == CampaignStatus.Open ? new CampaignOpened(row.ToSnapshot()) : new CampaignClosed(row.ToSnapshot()), now);
        await AuditTrail.RecordAsync(c, t, EvaluationModule.Schema, new AuditEntry(now, actor, row.Academie, ResourceType, row.Id.ToString(),
            status == CampaignStatus.Open ? "open" : "close", before, row.ToCampaign()));
    }

    private static Task AuditAsync(DbConnection c, DbTransaction t, Row row, Campaign? before, string actor, string action) =>
        AuditTrail.RecordAsync(c, t, EvaluationModule.Schema, new AuditEntry(row.UpdatedAt, actor, row.Academie, ResourceType,
            row.Id.ToString(), action, before, row.ToCampaign()));

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public Guid QuestionnaireId { get; set; }
        public string Title { get; set; } = "";
        public string TargetType { get; set; } = "";
        public Guid TargetId { get; set; }
        public DateOnly OpensOn { get; set; }
        public DateOnly ClosesOn { get; set; }
        public bool IsAnonymous { get; set; }
        public string Status { get; set; } = "";
        public Guid? ProjectId { get; set; }

        /// <summary>The accompaniment's types, <c>|a|b|</c> (evaluation of accompaniment only).</summary>
        public string? AccompanimentTypes { get; set; }

        /// <summary>The accompanied project's départements, <c>|a|b|</c> (evaluation of accompaniment only).</summary>
        public string? Departements { get; set; }

        public int ResponseCount { get; set; }
        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public CampaignStatus CurrentStatus => StableCode.Parse<CampaignStatus>(Status);

        public IReadOnlyList<string> TypeList => Split(AccompanimentTypes);

        public IReadOnlyList<string> DepartementList => Split(Departements);

        public static string? Join(IEnumerable<string> values) => values.ToList() is { Count: > 0 } list ? $"|{string.Join('|', list)}|" : null;

        public Campaign ToCampaign() => new(
            Id, Academie, QuestionnaireId, Title, new CampaignTarget(StableCode.Parse<CampaignTargetType>(TargetType), TargetId), OpensOn,
            ClosesOn, IsAnonymous, CurrentStatus, ProjectId is { } project ? new AccompanimentContext(project, TypeList, DepartementList) : null,
            CreatedAt, UpdatedAt);

        public Versioned<Campaign> ToVersioned() => new(ToCampaign(), Version);

        public CampaignSnapshot ToSnapshot() =>
            new(Id, Academie, QuestionnaireId, TargetType, TargetId, OpensOn, ClosesOn, IsAnonymous, Version);

        private static IReadOnlyList<string> Split(string? text) =>
            text is null ? [] : text.Split('|', StringSplitOptions.RemoveEmptyEntries);
    }
}
