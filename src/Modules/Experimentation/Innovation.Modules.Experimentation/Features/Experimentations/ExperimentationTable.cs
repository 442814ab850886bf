using System.Data.Common;
using System.Text.Json;
using Innovation.BuildingBlocks.Audit;
using Innovation.Modules.Experimentation.Contracts;
using Innovation.Modules.Experimentation.Features.Reviews;

namespace Innovation.Modules.Experimentation.Features.Experimentations;

/// <summary>The DASEN's latest decision on the dossier.</summary>
/// <param name="Decision">approved, rejected or returnedForChanges.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="DecidedBy" example="key_1f2e">Who: the API key id or the token's subject.</param>
/// <param name="Reason" example="Le protocole ne mesure pas l'effet sur les élèves.">Why (a rejection or a return).</param>
internal sealed record DasenDecision(ExperimentationStatus Decision, DateTimeOffset DecidedAt, string DecidedBy, string? Reason);

/// <summary>The vote that adopted the experimentation.</summary>
/// <param name="Body">schoolCouncil (conseil d'école) or boardOfAdministration (conseil d'administration).</param>
/// <param name="VoteDate" example="2026-06-20">Date of the vote.</param>
internal sealed record ExperimentationAdoption(AdoptingBody Body, DateOnly VoteDate);

/// <summary>How and when the pupils' legal guardians were informed.</summary>
/// <param name="InformedOn" example="2026-09-05">When.</param>
/// <param name="Means">letter, meeting or digitalWorkspaceMessage.</param>
internal sealed record FamilyInformation(DateOnly InformedOn, InformationMeans Means);

/// <summary>What the families were told: the objectives (required before running) and the results (required before closing).</summary>
/// <param name="Objectives">The information on the objectives, once recorded.</param>
/// <param name="Results">The information on the results, once recorded.</param>
internal sealed record FamiliesInformation(FamilyInformation? Objectives, FamilyInformation? Results);

/// <summary>The one renewal the law allows.</summary>
/// <param name="AdditionalYears" example="3">School years added (1–5).</param>
/// <param name="RenewedAt">When the DASEN renewed it.</param>
/// <param name="Reason">Why, as the DASEN wrote it.</param>
internal sealed record ExperimentationRenewal(int AdditionalYears, DateTimeOffset RenewedAt, string? Reason);

/// <summary>An experimentation: its dossier, where it stands in the workflow, its decisions, reviews and renewal.</summary>
/// <param name="Id">The experimentation's id.</param>
/// <param name="ProjectId">The project placed under the derogatory framework.</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Status">draft, submitted, approved, rejected, returnedForChanges, adopted, enteredInSchoolProject, running or closed.</param>
/// <param name="AllowedActions">The workflow actions its status allows (submit, approve, reject, return, adopt, enterInSchoolProject, start,
/// close, renew).</param>
/// <param name="Dossier">The dossier.</param>
/// <param name="Departements">Départements of the perimeter's schools.</param>
/// <param name="SchoolYear" example="2026-2027">School year of the planned start.</param>
/// <param name="DurationYears" example="3">Duration in school years, the renewal included.</param>
/// <param name="SubmittedAt">When the dossier was last submitted.</param>
/// <param name="Decision">The DASEN's latest decision.</param>
/// <param name="Adoption">The council's vote.</param>
/// <param name="EnteredInSchoolProjectOn" example="2026-06-25">When it was entered in the school project.</param>
/// <param name="StartedOn" example="2026-09-01">The actual start.</param>
/// <param name="ClosedAt">When it was closed.</param>
/// <param name="Families">The families' information.</param>
/// <param name="Renewal">The renewal, once decided.</param>
/// <param name="Reviews">The intermediate reviews and the final report (from approval), by due date.</param>
/// <param name="Overdue">True when a review is past its due date and not submitted.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
internal sealed record ExperimentationView(
    Guid Id, Guid ProjectId, string Academie, ExperimentationStatus Status, IReadOnlyList<string> AllowedActions, ExperimentationDossier Dossier,
    IReadOnlyList<string> Departements, string? SchoolYear, int? DurationYears, DateTimeOffset? SubmittedAt, DasenDecision? Decision,
    ExperimentationAdoption? Adoption, DateOnly? EnteredInSchoolProjectOn, DateOnly? StartedOn, DateTimeOffset? ClosedAt,
    FamiliesInformation Families,
    ExperimentationRenewal? Renewal, IReadOnlyList<ExperimentationReview> Reviews, bool Overdue, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// The <c>experimentation.experimentation</c> table (the dossier as JSON, the workflow as columns), its départements, its history
/// (<c>experimentation_transition</c>) and its audit entries, written together in the change's transaction.
/// </summary>
internal static class ExperimentationTable
{
    internal const string SelectSql = """
        SELECT id AS Id, project_id AS ProjectId, academie AS Academie, status AS Status, dossier AS Dossier, school_year AS SchoolYear,
               version AS Version, created_at AS CreatedAt, created_by AS CreatedBy, updated_at AS UpdatedAt, submitted_at AS SubmittedAt,
               decision AS Decision, decided_at AS DecidedAt, decided_by AS DecidedBy, decision_reason AS DecisionReason, approved_at AS ApprovedAt,
               adopting_body AS AdoptingBody, adoption_vote_on AS AdoptionVoteOn, adopted_at AS AdoptedAt, school_project_on AS SchoolProjectOn,
               started_on AS StartedOn, closed_at AS ClosedAt, objectives_informed_on AS ObjectivesInformedOn,
               objectives_informed_means AS ObjectivesInformedMeans, results_informed_on AS ResultsInformedOn,
               results_informed_means AS ResultsInformedMeans, renewal_years AS RenewalYears, renewed_at AS RenewedAt, renewal_reason AS RenewalReason
        FROM experimentation.experimentation e

        """;

    internal const string FindSql = SelectSql + "WHERE e.id = @Id";

    internal const string InsertSql = """
        INSERT INTO experimentation.experimentation (id, project_id, academie, status, dossier, school_year, version, created_at, created_by,
                                                     updated_at)
        VALUES (@Id, @ProjectId, @Academie, @Status, @Dossier, @SchoolYear, @Version, @CreatedAt, @CreatedBy, @UpdatedAt)
        """;

    internal const string UpdateSql = """
        UPDATE experimentation.experimentation
        SET status = @Status, dossier = @Dossier, school_year = @SchoolYear, version = @Version, updated_at = @UpdatedAt,
            submitted_at = @SubmittedAt, decision = @Decision, decided_at = @DecidedAt, decided_by = @DecidedBy, decision_reason = @DecisionReason,
            approved_at = @ApprovedAt, adopting_body = @AdoptingBody, adoption_vote_on = @AdoptionVoteOn, adopted_at = @AdoptedAt,
            school_project_on = @SchoolProjectOn, started_on = @StartedOn, closed_at = @ClosedAt,
            objectives_informed_on = @ObjectivesInformedOn, objectives_informed_means = @ObjectivesInformedMeans,
            results_informed_on = @ResultsInformedOn, results_informed_means = @ResultsInformedMeans, renewal_years = @RenewalYears,
            renewed_at = @RenewedAt, renewal_reason = @RenewalReason
        WHERE id = @Id AND version = @Version - 1
        """;

    internal const string DeleteDepartementsSql = "DELETE FROM experimentation.experimentation_departement WHERE experimentation_id = @Id";

    internal const string InsertDepartementSql = """
        INSERT INTO experimentation.experimentation_departement (experimentation_id, departement) VALUES (@Id, @Departement)
        """;

    internal const string DepartementsSql = """
        SELECT experimentation_id AS Id, departement AS Departement FROM experimentation.experimentation_departement
        WHERE experimentation_id IN @Ids
        """;

    internal const string InsertTransitionSql = """
        INSERT INTO experimentation.experimentation_transition (experimentation_id, sequence, action, from_status, to_status, occurred_at, actor,
                                                                reason, details)
        VALUES (@Id, @Sequence, @Action, @FromStatus, @ToStatus, @OccurredAt, @Actor, @Reason, @Details)
        """;

    internal const string ResourceType = "experimentation";

    /// <summary>
    /// Who sees an experimentation, for the list and the stats: the caller's académie (<c>@CallerAcademie</c>, null when national)
    /// and, for a credential limited to a département (<c>@CallerDepartement</c>, ADR 0023), a perimeter school in it.
    /// </summary>
    internal const string VisibleToCallerSql = """
        (@CallerAcademie IS NULL OR e.academie = @CallerAcademie)
          AND (@CallerDepartement IS NULL OR EXISTS (SELECT 1 FROM experimentation.experimentation_departement cd
                                                     WHERE cd.experimentation_id = e.id AND cd.departement = @CallerDepartement))
        """;

    internal const string InDepartementSql = """
        SELECT COUNT(*) FROM experimentation.experimentation_departement WHERE experimentation_id = @Id AND departement = @Departement
        """;

    /// <summary>The experimentation the caller sees, as read today, with its version (GET and the dossier); a 404 otherwise.</summary>
    public static async Task<Versioned<ExperimentationView>> ReadVisibleAsync(ReadScope read, Guid id, Caller caller)
    {
        var row = await FindVisibleAsync(read.Connection, id, caller);
        return new Versioned<ExperimentationView>(await LoadOneAsync(read.Db, read.Connection, row, read.Today), row.Version);
    }

    /// <summary>
    /// The experimentation of <paramref name="id"/> when this caller sees it (its académie and, for a credential limited to a
    /// département, a perimeter school in it), else 404. The one place a single experimentation's read or write is scoped.
    /// </summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t);
        var visible = row is not null && caller.Sees(row.Academie)
            && (caller.Departement is null
                || await c.ExecuteScalarAsync<long>(InDepartementSql, new { Id = id, caller.Departement }, t) > 0);
        return visible ? row! : throw ProblemException.NotFound("experimentation", id.ToString());
    }

    /// <summary>Writes a new experimentation, its départements, its first history line and its audit entry.</summary>
    public static async Task<ExperimentationView> InsertAsync(
        DbConnection c, DbTransaction t, Row row, IReadOnlyList<string> departements, Caller caller)
    {
        await c.ExecuteAsync(InsertSql, row, t);
        await WriteDepartementsAsync(c, t, row.Id, departements);
        await AppendTransitionAsync(c, t, row, "create", null, null, null, caller.Id);
        var view = row.ToView(departements, [], DateOnly.FromDateTime(row.UpdatedAt.UtcDateTime));
        await AuditAsync(c, t, caller, row, "create", null, view);
        return view;
    }

    /// <summary>Saves a change of the row (its version already bumped): 412 when someone changed it meanwhile.</summary>
    public static async Task UpdateAsync(DbConnection c, DbTransaction t, Row row)
    {
        if (await c.ExecuteAsync(UpdateSql, row, t) == 0)
        {
            throw ETags.Stale(row.Version - 1);
        }
    }

    /// <summary>
    /// Saves a change of the row in the change's transaction: one version up at <paramref name="now"/>, the row (412 when someone
    /// changed it meanwhile), its <paramref name="history"/> line when it makes one, the audit entry of <paramref name="action"/> from
    /// <paramref name="before"/> to the view after, which it returns with the new version.
    /// </summary>
    public static async Task<Versioned<ExperimentationView>> SaveChangeAsync(
        Db db, DbConnection c, DbTransaction t, Row row, ExperimentationView before,
        string action, Caller caller, DateTimeOffset now, DateOnly today, (string Action, string? From, string? Reason, object? Details)? history)
    {
        row.Version++;
        row.UpdatedAt = now;
        await UpdateAsync(c, t, row);
        if (history is { } line)
        {
            await AppendTransitionAsync(c, t, row, line.Action, line.From, line.Reason, line.Details, caller.Id);
        }

        var after = await LoadOneAsync(db, c, row, today, t);
        await AuditAsync(c, t, caller, row, action, before, after);
        return new Versioned<ExperimentationView>(after, row.Version);
    }

    public static async Task WriteDepartementsAsync(DbConnection c, DbTransaction t, Guid id, IReadOnlyList<string> departements)
    {
        await c.ExecuteAsync(DeleteDepartementsSql, new { Id = id }, t);
        await c.ExecuteAsync(InsertDepartementSql, departements.Distinct().Select(d => new { Id = id, Departement = d }), t);
    }

    /// <summary>One line of the history, numbered by the version the change produced.</summary>
    public static Task AppendTransitionAsync(
        DbConnection c, DbTransaction t, Row row, string action, string? fromStatus, string? reason, object? details, string actor) =>
        c.ExecuteAsync(InsertTransitionSql, new
        {
            row.Id, Sequence = row.Version, Action = action, FromStatus = fromStatus, ToStatus = row.Status, OccurredAt = row.UpdatedAt,
            Actor = actor, Reason = reason, Details = details is null ? null : JsonSerializer.Serialize(details, ApiJson.Options),
        }, t);

    /// <summary>The audit entry of a change (ADR 0020), under the project; the team's person ids are its subjects.</summary>
    public static Task AuditAsync(
        DbConnection c, DbTransaction t, Caller caller, Row row, string action, object? before, ExperimentationView after) =>
        AuditTrail.RecordAsync(c, t, ExperimentationModule.Schema,
            new AuditEntry(row.UpdatedAt, caller.Id, row.Academie, ResourceType, row.Id.ToString(), action, before, after)
            {
                ParentId = row.ProjectId.ToString(),
                Subjects = (after.Dossier.Team ?? []).Select(m => m.PersonId?.ToString()).OfType<string>(),
            });

    /// <summary>The views of these rows with their départements and reviews, in the rows' order.</summary>
    public static async Task<List<ExperimentationView>> LoadAsync(Db db, DbConnection c, IReadOnlyList<Row> rows, DateOnly today,
        DbTransaction? t = null)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = new { Ids = db.Dialect.IdList(rows.Select(r => r.Id)) };
        var departements = (await c.QueryAsync<DepartementRow>(DepartementsSql, ids, t)).ToLookup(x => x.Id, x => x.Departement);
        var reviews = await ReviewTable.LoadAsync(c, ids, t);
        return [.. rows.Select(r => r.ToView([.. departements[r.Id].Order(StringComparer.Ordinal)], [.. reviews[r.Id]], today))];
    }

    public static async Task<ExperimentationView> LoadOneAsync(Db db, DbConnection c, Row row, DateOnly today, DbTransaction? t = null) =>
        (await LoadAsync(db, c, [row], today, t))[0];

    public static ExperimentationSnapshot Snapshot(Row row, IReadOnlyList<string> departements) => new(
        row.Id, row.ProjectId, row.Academie, departements, row.Content.Schools(),
        [.. (row.Content.DerogationFields ?? []).Select(f => f.Field).OfType<DerogationField>().Select(f => StableCode.Of(f))],
        row.TotalYears ?? 0, row.Status, row.Version, row.UpdatedAt);

    internal sealed class Row
    {
        private ExperimentationDossier? _content;

        public Guid Id { get; set; }
        public Guid ProjectId { get; set; }
        public string Academie { get; set; } = "";
        public string Status { get; set; } = "";
        public string Dossier { get; set; } = "{}";
        public string? SchoolYear { get; set; }
        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public string CreatedBy { get; set; } = "";
        public DateTimeOffset UpdatedAt { get; set; }
        public DateTimeOffset? SubmittedAt { get; set; }
        public string? Decision { get; set; }
        public DateTimeOffset? DecidedAt { get; set; }
        public string? DecidedBy { get; set; }
        public string? DecisionReason { get; set; }
        public DateTimeOffset? ApprovedAt { get; set; }
        public string? AdoptingBody { get; set; }
        public DateOnly? AdoptionVoteOn { get; set; }
        public DateTimeOffset? AdoptedAt { get; set; }
        public DateOnly? SchoolProjectOn { get; set; }
        public DateOnly? StartedOn { get; set; }
        public DateTimeOffset? ClosedAt { get; set; }
        public DateOnly? ObjectivesInformedOn { get; set; }
        public string? ObjectivesInformedMeans { get; set; }
        public DateOnly? ResultsInformedOn { get; set; }
        public string? ResultsInformedMeans { get; set; }
        public int? RenewalYears { get; set; }
        public DateTimeOffset? RenewedAt { get; set; }
        public string? RenewalReason { get; set; }

        public ExperimentationStatus StatusCode => StableCode.Parse<ExperimentationStatus>(Status);

        /// <summary>The dossier, read from its JSON once.</summary>
        public ExperimentationDossier Content
        {
            get => _content ??= JsonSerializer.Deserialize<ExperimentationDossier>(Dossier, ApiJson.Options)!;
            set
            {
                _content = value;
                Dossier = JsonSerializer.Serialize(value, ApiJson.Options);
                SchoolYear = value.PlannedStart is { } start ? SchoolCalendar.SchoolYearOf(start) : null;
            }
        }

        public int? TotalYears => Content.DurationYears + (RenewalYears ?? 0);

        /// <summary>The workflow's actions from this status, without a renewal once renewed.</summary>
        public IReadOnlyList<string> AllowedActions =>
            [.. ExperimentationWorkflow.AllowedActions(StatusCode)
                .Where(a => RenewalYears is null || a != StableCode.Of(ExperimentationAction.Renew))];

        public ExperimentationView ToView(IReadOnlyList<string> departements, IReadOnlyList<ExperimentationReview> reviews, DateOnly today)
        {
            var judged = reviews.Select(r => r with { Overdue = ExperimentationWorkflow.UnderWay(StatusCode) && r.IsLate(today) }).ToList();
            return new ExperimentationView(
                Id, ProjectId, Academie, StatusCode, AllowedActions, Content, departements, SchoolYear,
                TotalYears, SubmittedAt,
                Decision is null ? null : new DasenDecision(StableCode.Parse<ExperimentationStatus>(Decision), DecidedAt!.Value, DecidedBy!,
                    DecisionReason),
                AdoptingBody is null ? null : new ExperimentationAdoption(StableCode.Parse<AdoptingBody>(AdoptingBody), AdoptionVoteOn!.Value),
                SchoolProjectOn, StartedOn, ClosedAt,
                new FamiliesInformation(
                    Information(ObjectivesInformedOn, ObjectivesInformedMeans), Information(ResultsInformedOn, ResultsInformedMeans)),
                RenewalYears is { } years ? new ExperimentationRenewal(years, RenewedAt!.Value, RenewalReason) : null,
                judged, judged.Any(r => r.Overdue), CreatedAt, UpdatedAt);
        }

        private static FamilyInformation? Information(DateOnly? on, string? means) =>
            on is { } day && means is not null ? new FamilyInformation(day, StableCode.Parse<InformationMeans>(means)) : null;
    }

    internal sealed class DepartementRow
    {
        public Guid Id { get; set; }
        public string Departement { get; set; } = "";
    }
}
