using System.Data.Common;
using System.Text.Json;
using Innovation.BuildingBlocks.Aggregates;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Accompaniment.Contracts;
using Innovation.Modules.Accompaniment.Features.Load;

namespace Innovation.Modules.Accompaniment.Features.Plans;

internal enum SessionModality
{
    OnSite,
    Remote,
    Hybrid,
}

/// <summary>The guide's analysis, follow-up and reflexivity tools.</summary>
internal enum SessionTool
{
    ProjectCanvas,
    Gantt,
    FollowUpSheet,
    Logbook,
    Rex,
    Photolangage,
    ReflexiveNotebook,
    PracticeAnalysisCircle,
}

internal enum PracticeAnalysisMethod
{
    Balint,
    Gease,
    Other,
}

/// <summary>A tool used in a session.</summary>
/// <param name="Tool">projectCanvas, gantt, followUpSheet (follow-up and self-evaluation sheet), logbook, rex (experience-feedback
/// interview), photolangage, reflexiveNotebook or practiceAnalysisCircle.</param>
/// <param name="Method">For a practice-analysis circle only, and required there: balint, gease or other.</param>
internal sealed record SessionToolUse(SessionTool? Tool, PracticeAnalysisMethod? Method);

/// <summary>A next step agreed in a session.</summary>
/// <param name="What" example="Construire la grille d'auto-positionnement">What is to be done.</param>
/// <param name="Who" example="L'équipe de cycle 3">Who does it, as free text: a group (name a person with <c>ownerPersonId</c>).</param>
/// <param name="ByWhen" example="2026-12-15">By when.</param>
/// <param name="OwnerPersonId">The person who does it, one of the session's participants or accompanists; when that person is erased from
/// the directory, the step's <c>who</c> is cleared with them.</param>
internal sealed record NextStep(string? What, string? Who, DateOnly? ByWhen, Guid? OwnerPersonId = null);

/// <summary>A session as a client records it.</summary>
/// <param name="HeldOn" example="2026-11-20">The day, within a type period of the plan.</param>
/// <param name="DurationMinutes" example="90">How long it lasted, in minutes (1–1440).</param>
/// <param name="Modality">onSite, remote or hybrid.</param>
/// <param name="ParticipantIds">The participants of the people directory, by id (at most 50).</param>
/// <param name="OtherParticipants" example="3">How many others took part (team members outside the directory…).</param>
/// <param name="Tools">The tools used (at most ten).</param>
/// <param name="Summary" example="Premier bilan des sorties ; l'équipe ajuste le calendrier.">A summary.</param>
/// <param name="NextSteps">The next steps agreed (at most 20).</param>
/// <param name="AccompanistIds">The plan's accompanists who held the session (at most 20, each an accompanist of the plan): its duration
/// counts in their held hours.</param>
internal sealed record SessionDraft(
    DateOnly? HeldOn, int? DurationMinutes, SessionModality? Modality, IReadOnlyList<Guid>? ParticipantIds, int? OtherParticipants,
    IReadOnlyList<SessionToolUse>? Tools, string? Summary, IReadOnlyList<NextStep>? NextSteps, IReadOnlyList<Guid>? AccompanistIds = null);

internal sealed class SessionDraftValidator : AbstractValidator<SessionDraft>
{
    public SessionDraftValidator()
    {
        RuleFor(s => s.HeldOn).NotNull();
        RuleFor(s => s.DurationMinutes).NotNull().InclusiveBetween(1, 1440);
        RuleFor(s => s.Modality).NotNull();
        RuleFor(s => s.ParticipantIds).Must(p => p is null || p.Count <= 50).WithMessage("At most 50 participants by id.");
        RuleFor(s => s.OtherParticipants).InclusiveBetween(0, 500);
        RuleFor(s => s.Tools).Must(t => t is null || t.Count <= 10).WithMessage("At most ten tools.");
        RuleForEach(s => s.Tools).ChildRules(t =>
        {
            t.RuleFor(x => x.Tool).NotNull();
            t.RuleFor(x => x.Method).NotNull().When(x => x.Tool == SessionTool.PracticeAnalysisCircle)
                .WithMessage("A practice-analysis circle names its method (balint, gease or other).");
            t.RuleFor(x => x.Method).Null().When(x => x.Tool != SessionTool.PracticeAnalysisCircle)
                .WithMessage("Only a practice-analysis circle has a method.");
        });
        RuleFor(s => s.Summary).MaximumLength(4000);
        RuleFor(s => s.NextSteps).Must(n => n is null || n.Count <= 20).WithMessage("At most 20 next steps.");
        RuleForEach(s => s.NextSteps).ChildRules(n =>
        {
            n.RuleFor(x => x.What).NotEmpty().MaximumLength(500);
            n.RuleFor(x => x.Who).MaximumLength(200);
        });
        RuleFor(s => s.AccompanistIds).Must(a => a is null || (a.Count <= 20 && a.Distinct().Count() == a.Count))
            .WithMessage("At most 20 accompanists, each once.");
        RuleForEach(s => s.NextSteps).Must((s, n) => n.OwnerPersonId is not { } owner
                || (s.ParticipantIds ?? []).Contains(owner) || (s.AccompanistIds ?? []).Contains(owner))
            .WithMessage("A next step's owner is one of the session's participants or accompanists.");
    }
}

/// <summary>A session of an accompaniment plan.</summary>
/// <param name="Id">The session's id.</param>
/// <param name="HeldOn" example="2026-11-20">The day it was held.</param>
/// <param name="DurationMinutes" example="90">Its duration in minutes.</param>
/// <param name="Modality">onSite, remote or hybrid.</param>
/// <param name="ParticipantIds">Participants of the directory, by id.</param>
/// <param name="OtherParticipants">How many others took part.</param>
/// <param name="Tools">The tools used.</param>
/// <param name="Summary">The summary.</param>
/// <param name="NextSteps">The next steps agreed.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="AccompanistIds">The plan's accompanists who held it.</param>
internal sealed record Session(
    Guid Id, DateOnly HeldOn, int DurationMinutes, SessionModality Modality, IReadOnlyList<Guid> ParticipantIds, int OtherParticipants,
    IReadOnlyList<SessionToolUse> Tools, string? Summary, IReadOnlyList<NextStep> NextSteps, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<Guid> AccompanistIds);

/// <summary>A plan's sessions.</summary>
/// <param name="Items">Sessions by day.</param>
internal sealed record SessionList(IReadOnlyList<Session> Items);

/// <summary>The parent rules of a plan's parts: visible plan (404), accompaniment:write, an active plan (409), the plan's version.</summary>
internal sealed class PlanParent : AggregateParent<PlanTable.Row>
{
    internal const string BumpSql = "UPDATE accompaniment.accompaniment_plan SET version = version + 1 WHERE id = @Id AND version = @Version";

    internal const string VersionSql = "SELECT version FROM accompaniment.accompaniment_plan WHERE id = @Id";

    public static readonly PlanParent Rules = new();

    protected override Task<PlanTable.Row> FindVisibleAsync(DbConnection connection, Guid id, Caller caller, DbTransaction? transaction) =>
        PlanRules.FindVisibleAsync(connection, id, caller, transaction);

    protected override Task EnsureCanChangeAsync(DbConnection connection, DbTransaction transaction, PlanTable.Row parent, Caller caller)
    {
        PlanRules.EnsureStatus(parent, PlanStatus.Active, "given sessions or follow-up sheets (only an active plan is)");
        return Task.CompletedTask;
    }

    protected override async Task<int?> BumpVersionAsync(
        DbConnection connection, DbTransaction transaction, PlanTable.Row parent, Caller caller, DateTimeOffset now) =>
        await connection.ExecuteAsync(BumpSql, new { parent.Id, parent.Version }, transaction) == 1
            ? null
            : await connection.ExecuteScalarAsync<int>(VersionSql, new { parent.Id }, transaction);

    public override Guid IdOf(PlanTable.Row parent) => parent.Id;

    public override int VersionOf(PlanTable.Row parent) => parent.Version;

    public override string AcademieOf(PlanTable.Row parent) => parent.Academie;

    public override string Schema => AccompanimentModule.Schema;

    public override string ResourceType => "accompaniment.plan";

    public override RouteHandlerBuilder RequireReader(RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization(Scopes.AccompanimentRead);

    public override RouteHandlerBuilder RequireEditor(RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization(Scopes.AccompanimentWrite);
}

/// <summary>The sessions of a plan (accompaniment.plan_session), at most 500; each held within a type period of the plan.</summary>
internal sealed class PlanSessions() : ChildCollection<PlanTable.Row, SessionDraft, PlanSessions.Row, Session, SessionList>(PlanParent.Rules)
{
    private const string Changes =
        "Requires If-Match with the plan's ETag; the plan moves one version up and the response carries its new ETag. Only an active plan "
        + "has sessions (409 `plan_closed` once closed, `invalid_transition` before acceptance); a plan of another académie is a 404.";

    private const string SelectColumns = """
        SELECT id AS Id, plan_id AS PlanId, held_on AS HeldOn, duration_minutes AS DurationMinutes, modality AS Modality,
               participants AS Participants, other_participants AS OtherParticipants, tools AS Tools, summary AS Summary,
               next_steps AS NextSteps, created_at AS CreatedAt, updated_at AS UpdatedAt, accompanists AS Accompanists
        FROM accompaniment.plan_session

        """;

    internal const string ListSql = SelectColumns + "WHERE plan_id = @ParentId ORDER BY held_on, id";

    internal const string FindSql = SelectColumns + "WHERE plan_id = @ParentId AND id = @Id";

    internal const string CountSql = "SELECT COUNT(*) FROM accompaniment.plan_session WHERE plan_id = @ParentId";

    internal const string InsertSql = """
        INSERT INTO accompaniment.plan_session (id, plan_id, held_on, duration_minutes, modality, participants, other_participants, tools,
                                                summary, next_steps, created_at, updated_at, accompanists)
        VALUES (@Id, @PlanId, @HeldOn, @DurationMinutes, @Modality, @Participants, @OtherParticipants, @Tools, @Summary, @NextSteps,
                @CreatedAt, @UpdatedAt, @Accompanists)
        """;

    internal const string UpdateSql = """
        UPDATE accompaniment.plan_session
        SET held_on = @HeldOn, duration_minutes = @DurationMinutes, modality = @Modality, participants = @Participants,
            other_participants = @OtherParticipants, tools = @Tools, summary = @Summary, next_steps = @NextSteps, updated_at = @UpdatedAt,
            accompanists = @Accompanists
        WHERE plan_id = @PlanId AND id = @Id
        """;

    internal const string DeleteSql = "DELETE FROM accompaniment.plan_session WHERE plan_id = @ParentId AND id = @Id";

    internal const string InPeriodSql = """
        SELECT COUNT(*) FROM accompaniment.plan_type_period
        WHERE plan_id = @PlanId AND start_date <= @HeldOn AND (end_date IS NULL OR end_date >= @HeldOn)
        """;

    private static readonly JsonSerializerOptions Json = ApiJson.Options;

    protected override ChildRoutes Routes { get; } = new(
        "sessions", "sessionId",
        Add: new("RecordAccompanimentSession", "Record a session of a plan",
            "Records a session held within a type period of the plan (422 `session_outside_plan_periods` otherwise): day, duration, "
            + "modality, participants, tools, summary and next steps. Publishes `SessionHeld` (counts and hours only). " + Changes),
        List: new("ListAccompanimentSessions", "List a plan's sessions",
            "Every session of the plan (at most 500, so the list is never paged), by day. The ETag is the plan's."),
        Get: new("GetAccompanimentSession", "Get one session of a plan", "The ETag is the plan's: send it in If-Match to replace or remove it."),
        Remove: new("RemoveAccompanimentSession", "Remove a session of a plan",
            "Requires If-Match with the plan's ETag; the plan moves one version up and the 204 carries its new ETag. Only an active plan "
            + "changes its sessions."),
        Replace: new("UpdateAccompanimentSession", "Replace a session of a plan",
            "Replaces every field of the session; the same period rule applies (422). " + Changes));

    protected override int MaxPerParent => 500;

    protected override ProblemException TooMany() =>
        ProblemException.Conflict("too_many_sessions", $"A plan has at most {MaxPerParent} sessions.");

    protected override ProblemException NotFound(Guid id) => ProblemException.NotFound("session", id.ToString());

    protected override ChildSql Sql { get; } = new(ListSql, FindSql, CountSql, InsertSql, DeleteSql, UpdateSql);

    protected override Row ToRow(Guid parentId, Guid id, SessionDraft draft, DateTimeOffset now) => new()
    {
        Id = id, PlanId = parentId, HeldOn = draft.HeldOn!.Value, DurationMinutes = draft.DurationMinutes!.Value,
        Modality = StableCode.Of(draft.Modality!.Value), Participants = JsonSerializer.Serialize(draft.ParticipantIds ?? [], Json),
        OtherParticipants = draft.OtherParticipants ?? 0, Tools = JsonSerializer.Serialize(draft.Tools ?? [], Json),
        Summary = string.IsNullOrWhiteSpace(draft.Summary) ? null : draft.Summary.Trim(),
        NextSteps = JsonSerializer.Serialize(draft.NextSteps ?? [], Json), CreatedAt = now, UpdatedAt = now,
        Accompanists = JsonSerializer.Serialize(draft.AccompanistIds ?? [], Json),
    };

    protected override Session ToItem(Row row) => new(
        row.Id, row.HeldOn, row.DurationMinutes, StableCode.Parse<SessionModality>(row.Modality),
        JsonSerializer.Deserialize<List<Guid>>(row.Participants, Json)!, row.OtherParticipants,
        JsonSerializer.Deserialize<List<SessionToolUse>>(row.Tools, Json)!, row.Summary,
        JsonSerializer.Deserialize<List<NextStep>>(row.NextSteps, Json)!, row.CreatedAt, row.UpdatedAt, SessionAccompanists.Of(row));

    protected override SessionList ToList(IEnumerable<Row> rows) => new([.. rows.Select(ToItem)]);

    /// <summary>The session falls within a type period of the plan (422 otherwise) and publishes <c>SessionHeld</c>.</summary>
    protected override async Task WritingAsync(DbConnection connection, DbTransaction transaction, PlanTable.Row parent, Row row,
        DateTimeOffset now)
    {
        if (await connection.ExecuteScalarAsync<int>(InPeriodSql, new { PlanId = parent.Id, row.HeldOn }, transaction) == 0)
        {
            throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "session_outside_plan_periods", "Session outside the plan",
                $"No accompaniment type of the plan covers {row.HeldOn:yyyy-MM-dd}: record the session within a type period, or change "
                + "the plan's periods first.");
        }

        await SessionAccompanists.EnsureOfThePlanAsync(connection, transaction, parent.Id, row);

        var participants = JsonSerializer.Deserialize<List<Guid>>(row.Participants, Json)!.Count + row.OtherParticipants;
        await Outbox.EnqueueAsync(connection, transaction, AccompanimentModule.Schema, new SessionHeld(
            row.Id, parent.Id, parent.ProjectId, parent.Academie, row.HeldOn, Math.Round(row.DurationMinutes / 60m, 2), participants, row.Modality),
            now);
    }

    internal sealed class Row : IChildRow
    {
        public Guid Id { get; set; }
        public Guid PlanId { get; set; }
        public DateOnly HeldOn { get; set; }
        public int DurationMinutes { get; set; }
        public string Modality { get; set; } = "";
        public string Participants { get; set; } = "[]";
        public int OtherParticipants { get; set; }
        public string Tools { get; set; } = "[]";
        public string? Summary { get; set; }
        public string NextSteps { get; set; } = "[]";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public string? Accompanists { get; set; }
    }
}
