using System.Data.Common;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Accompaniment.Contracts;

namespace Innovation.Modules.Accompaniment.Features.Diagnoses;

/// <summary>A need a diagnosis found.</summary>
/// <param name="Code">The need's stable code (training, tutoring, mentoring, technicalHelp, teamFacilitation, schoolMeeting,
/// networkMobilisation, fundingSearch, partnerships, networking).</param>
/// <param name="Level">individual, collective or territorial: given by the code.</param>
/// <param name="Priority">high, medium or low.</param>
/// <param name="Comment" example="Deux collègues souhaitent se former à l'évaluation par compétences.">The free comment, if any.</param>
internal sealed record DiagnosedNeed(NeedCode Code, NeedLevel Level, DiagnosedNeedPriority Priority, string? Comment);

/// <summary>A needs diagnosis of a project, or of one person or team in it. A project may have several; the latest is current.</summary>
/// <param name="Id">The diagnosis's id.</param>
/// <param name="ProjectId">The diagnosed project.</param>
/// <param name="DiagnosedOn" example="2026-10-05">The day of the diagnosis.</param>
/// <param name="LedBy">Who led it (a person of the directory, by id).</param>
/// <param name="SubjectPersonId">The one person it is about, if any.</param>
/// <param name="SubjectTeam" example="Équipe de cycle 3">The one team it is about, if any.</param>
/// <param name="Tools">The tools used (interview, questionnaire, selfPositioning).</param>
/// <param name="Needs">The needs found, individual first, then collective, then territorial.</param>
/// <param name="CreatedAt">When it was recorded.</param>
internal sealed record Diagnosis(
    Guid Id, Guid ProjectId, DateOnly DiagnosedOn, Guid LedBy, Guid? SubjectPersonId, string? SubjectTeam, IReadOnlyList<DiagnosisTool> Tools,
    IReadOnlyList<DiagnosedNeed> Needs, DateTimeOffset CreatedAt);

/// <summary>The <c>accompaniment.diagnosis</c> and <c>diagnosis_need</c> tables. A diagnosis is recorded once and never changed.</summary>
internal static class DiagnosisTable
{
    internal const string SelectSql = """
        SELECT id AS Id, project_id AS ProjectId, academie AS Academie, subject_person_id AS SubjectPersonId, subject_team AS SubjectTeam,
               diagnosed_on AS DiagnosedOn, led_by_person_id AS LedBy, tools AS Tools, version AS Version, created_at AS CreatedAt
        FROM accompaniment.diagnosis

        """;

    internal const string FindSql = SelectSql + "WHERE id = @Id";

    internal const string NeedsSql = """
        SELECT diagnosis_id AS DiagnosisId, code AS Code, priority AS Priority, comment AS Comment
        FROM accompaniment.diagnosis_need WHERE diagnosis_id IN @Ids
        """;

    /// <summary>The project's current diagnosis: the latest by day, then by recording (ids are time-ordered).</summary>
    internal const string CurrentSql = SelectSql + """
        WHERE project_id = @ProjectId
        ORDER BY diagnosed_on DESC, id DESC
        {{limit 1}}
        """;

    internal const string InsertSql = """
        INSERT INTO accompaniment.diagnosis (id, project_id, academie, subject_person_id, subject_team, diagnosed_on, led_by_person_id, tools,
                                             version, created_at)
        VALUES (@Id, @ProjectId, @Academie, @SubjectPersonId, @SubjectTeam, @DiagnosedOn, @LedBy, @Tools, @Version, @CreatedAt)
        """;

    internal const string InsertNeedSql = """
        INSERT INTO accompaniment.diagnosis_need (diagnosis_id, code, level, priority, comment)
        VALUES (@DiagnosisId, @Code, @Level, @Priority, @Comment)
        """;

    /// <summary>Writes the diagnosis, its needs and its <c>NeedsDiagnosed</c> event in the caller's transaction.</summary>
    public static async Task InsertAsync(DbConnection c, DbTransaction t, Row row, IReadOnlyList<NeedRow> needs)
    {
        await c.ExecuteAsync(InsertSql, row, t);
        await c.ExecuteAsync(InsertNeedSql, needs, t);
        await Outbox.EnqueueAsync(c, t, AccompanimentModule.Schema,
            new NeedsDiagnosed(row.Id, row.ProjectId, row.Academie, row.DiagnosedOn, [.. needs.Select(n => n.Code)]), row.CreatedAt);
    }

    /// <summary>The project's current diagnosis (the latest), or null.</summary>
    public static Task<Row?> CurrentAsync(Db db, DbConnection c, Guid projectId, DbTransaction? t = null) =>
        c.QuerySingleOrDefaultAsync<Row?>(db.Sql(CurrentSql), new { ProjectId = projectId }, t);

    /// <summary>The needs of these diagnoses, grouped by diagnosis.</summary>
    public static async Task<ILookup<Guid, NeedRow>> NeedsOfAsync(Db db, DbConnection c, IEnumerable<Guid> ids, DbTransaction? t = null) =>
        (await c.QueryAsync<NeedRow>(NeedsSql, new { Ids = db.Dialect.IdList(ids) }, t)).ToLookup(n => n.DiagnosisId);

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid ProjectId { get; set; }
        public string Academie { get; set; } = "";
        public Guid? SubjectPersonId { get; set; }
        public string? SubjectTeam { get; set; }
        public DateOnly DiagnosedOn { get; set; }
        public Guid LedBy { get; set; }
        public string Tools { get; set; } = "";
        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public Diagnosis ToDiagnosis(IEnumerable<NeedRow> needs) => new(
            Id, ProjectId, DiagnosedOn, LedBy, SubjectPersonId, SubjectTeam,
            [.. Tools.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(StableCode.Parse<DiagnosisTool>)],
            [.. needs.Select(n => n.ToNeed()).OrderBy(n => n.Code)], CreatedAt);
    }

    internal sealed class NeedRow
    {
        public Guid DiagnosisId { get; set; }
        public string Code { get; set; } = "";
        public string Level { get; set; } = "";
        public string Priority { get; set; } = "";
        public string? Comment { get; set; }

        public DiagnosedNeed ToNeed()
        {
            var code = StableCode.Parse<NeedCode>(Code);
            return new DiagnosedNeed(code, Needs.LevelOf(code), StableCode.Parse<DiagnosedNeedPriority>(Priority), Comment);
        }
    }
}
