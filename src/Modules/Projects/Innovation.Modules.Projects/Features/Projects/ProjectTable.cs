using System.Data.Common;
using System.Text.Json;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Search;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Projects.Features.Search;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>A project as the API returns it to the académie (team names included).</summary>
/// <param name="Id">The project's id.</param>
/// <param name="Title">Title.</param>
/// <param name="Summary">Summary.</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Schools">The schools carrying the project, as the directory last described them.</param>
/// <param name="Themes">National priority themes.</param>
/// <param name="Tags">Free tags.</param>
/// <param name="Levels">Education levels or cycles.</param>
/// <param name="PupilsConcerned">Number of pupils concerned.</param>
/// <param name="PlannedStart">Planned start date.</param>
/// <param name="PlannedEnd">Planned end date.</param>
/// <param name="IsPublic">Whether the public portal shows the project once validated.</param>
/// <param name="ExternalReference">The académie's own reference.</param>
/// <param name="Team">Team members.</param>
/// <param name="Canvas">The innovation canvas.</param>
/// <param name="HasExperimentation">True when the project is an official derogatory experimentation.</param>
/// <param name="Version">Version, also the ETag.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Time of the last change.</param>
internal sealed record Project(
    Guid Id, string Title, string Summary, string Academie, ProjectStatus Status, IReadOnlyList<ProjectSchool> Schools,
    IReadOnlyList<ProjectTheme> Themes, IReadOnlyList<string> Tags, IReadOnlyList<EducationLevel> Levels, int? PupilsConcerned,
    DateOnly? PlannedStart, DateOnly? PlannedEnd, bool IsPublic, string? ExternalReference, IReadOnlyList<TeamMember> Team,
    Canvas Canvas, bool HasExperimentation, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The project as <paramref name="caller"/> may read it: the team's e-mails are <see cref="PersonalEmails"/>.</summary>
    public Project VisibleTo(Caller caller) =>
        PersonalEmails.Shown(caller, Team.Select(m => m.Email)) ? this : this with { Team = [.. Team.Select(m => m with { Email = null })] };
}

/// <summary>A school of a project.</summary>
/// <param name="Uai" example="0951099D">UAI.</param>
/// <param name="Name" example="École élémentaire Jean Jaurès">Name.</param>
/// <param name="Departement" example="095">Département code.</param>
/// <param name="Type" example="ecole">School type code.</param>
/// <param name="Closed">True when the directory has closed the school since it joined the project.</param>
internal sealed record ProjectSchool(string Uai, string? Name, string? Departement, string? Type, bool Closed);

/// <summary>A team member. After the person's erasure, name and e-mail are null and <c>erasedAt</c> is set.</summary>
/// <param name="Role">Role on the project.</param>
/// <param name="Name">Name (null once erased).</param>
/// <param name="Email">Professional e-mail: null once erased, and for callers without <c>people:read</c> who are not on the team.</param>
/// <param name="ErasedAt">When the person's data was erased, if it was.</param>
internal sealed record TeamMember(TeamRole Role, string? Name, string? Email, DateTimeOffset? ErasedAt);

// The schema of a list item for the OpenAPI document: the lists write their items from the stored
// listing (ProjectTable.Listing, written with the project), which has these members.
/// <summary>A project in a list: enough to show and pick it; the team and canvas are read with GET /projects/{id}.</summary>
/// <param name="Id">The project's id.</param>
/// <param name="Title" example="Classe dehors">Title.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Schools">The project's schools.</param>
/// <param name="Themes">National priority themes.</param>
/// <param name="PlannedStart">Planned start date.</param>
/// <param name="PlannedEnd">Planned end date.</param>
/// <param name="UpdatedAt">Time of the last change.</param>
/// <param name="Version">Version (the project's ETag).</param>
internal sealed record ProjectSummary(
    Guid Id, string Title, ProjectStatus Status, string Academie, IReadOnlyList<ProjectSummarySchool> Schools, IReadOnlyList<ProjectTheme> Themes,
    DateOnly? PlannedStart, DateOnly? PlannedEnd, DateTimeOffset UpdatedAt, int Version);

/// <summary>A school of a listed project.</summary>
/// <param name="Uai" example="0951099D">UAI.</param>
/// <param name="Name" example="École élémentaire Évariste Galois">Name, as the directory last described it.</param>
/// <param name="Departement" example="095">Département code.</param>
internal sealed record ProjectSummarySchool(string Uai, string? Name, string? Departement);

/// <summary>The project tables: row shapes, SQL, and the writes every project use case shares.</summary>
internal static class ProjectTable
{
    internal const string SelectColumns = """
        SELECT id AS Id, academie AS Academie, title AS Title, summary AS Summary, status AS Status,
               external_reference AS ExternalReference, levels AS Levels, pupils_concerned AS PupilsConcerned,
               planned_start AS PlannedStart, planned_end AS PlannedEnd, is_public AS IsPublic, needs AS Needs,
               objectives AS Objectives, actors AS Actors, resources AS Resources, key_steps AS KeySteps,
               evaluation_indicators AS EvaluationIndicators, has_experimentation AS HasExperimentation, version AS Version,
               created_by AS CreatedBy, created_at AS CreatedAt, updated_by AS UpdatedBy, updated_at AS UpdatedAt
        FROM projects.project

        """;

    internal const string FindSql = SelectColumns + "WHERE id = @Id";

    /// <summary>
    /// The project row, then its four lists in one statement (kind 1 schools, 2 themes, 3 tags, 4
    /// team). Each statement costs SQLite a reset, a bind and a step, and Dapper a result set to
    /// open, so fewer statements make a cheaper read (measures in ADR 0010).
    /// </summary>
    internal const string LoadSql = FindSql + """
        ;
        SELECT 1 AS Kind, ps.position AS Position, ps.uai {{binary}} AS Code, s.name AS Name, s.departement AS Departement, s.type AS Type,
               s.status AS Status, NULL AS Email, NULL AS ErasedAt
        FROM projects.project_school ps LEFT JOIN projects.school s ON s.uai = ps.uai
        WHERE ps.project_id = @Id
        UNION ALL
        SELECT 2, 0, theme, NULL, NULL, NULL, NULL, NULL, NULL FROM projects.project_theme WHERE project_id = @Id
        UNION ALL
        SELECT 3, 0, tag, NULL, NULL, NULL, NULL, NULL, NULL FROM projects.project_tag WHERE project_id = @Id
        UNION ALL
        SELECT 4, position, role, name, NULL, NULL, NULL, email, erased_at FROM projects.project_member WHERE project_id = @Id
        ORDER BY Kind, Position, Code
        """;

    internal const string InsertSql = """
        INSERT INTO projects.project (id, academie, title, summary, status, external_reference, levels, pupils_concerned, planned_start,
                                      planned_end, is_public, needs, objectives, actors, resources, key_steps, evaluation_indicators,
                                      has_experimentation, version, created_by, created_at, updated_by, updated_at, listing, document)
        VALUES (@Id, @Academie, @Title, @Summary, @Status, @ExternalReference, @Levels, @PupilsConcerned, @PlannedStart,
                @PlannedEnd, @IsPublic, @Needs, @Objectives, @Actors, @Resources, @KeySteps, @EvaluationIndicators,
                @HasExperimentation, @Version, @UpdatedBy, @UpdatedAt, @UpdatedBy, @UpdatedAt, @Listing, @Document)
        """;

    internal const string UpdateSql = """
        UPDATE projects.project
        SET academie = @Academie, title = @Title, summary = @Summary, status = @Status, external_reference = @ExternalReference,
            levels = @Levels, pupils_concerned = @PupilsConcerned, planned_start = @PlannedStart, planned_end = @PlannedEnd,
            is_public = @IsPublic, needs = @Needs, objectives = @Objectives, actors = @Actors, resources = @Resources,
            key_steps = @KeySteps, evaluation_indicators = @EvaluationIndicators, has_experimentation = @HasExperimentation,
            version = @Version, updated_by = @UpdatedBy, updated_at = @UpdatedAt, listing = @Listing, document = @Document
        WHERE id = @Id AND version = @Version - 1
        """;

    internal const string TouchSql = """
        UPDATE projects.project SET version = version + 1, updated_by = @Actor, updated_at = @Now
        WHERE id = @Id AND version = @ExpectedVersion
        """;

    internal const string DeleteChildrenSql = """
        DELETE FROM projects.project_school WHERE project_id = @Id;
        DELETE FROM projects.project_theme WHERE project_id = @Id;
        DELETE FROM projects.project_tag WHERE project_id = @Id;
        DELETE FROM projects.project_member WHERE project_id = @Id
        """;

    internal const string InsertSchoolSql = "INSERT INTO projects.project_school (project_id, uai, position) VALUES (@ProjectId, @Uai, @Position)";

    internal const string InsertThemeSql = "INSERT INTO projects.project_theme (project_id, theme) VALUES (@ProjectId, @Theme)";

    internal const string InsertTagSql = "INSERT INTO projects.project_tag (project_id, tag) VALUES (@ProjectId, @Tag)";

    internal const string InsertMemberSql = """
        INSERT INTO projects.project_member (project_id, position, role, name, email, email_key, erased_at)
        VALUES (@ProjectId, @Position, @Role, @Name, @Email, @EmailKey, @ErasedAt)
        """;

    internal const string AppendTransitionSql = """
        INSERT INTO projects.project_transition (project_id, sequence, action, from_status, to_status, reason, actor, occurred_at)
        SELECT @ProjectId, COALESCE(MAX(sequence), 0) + 1, @Action, @FromStatus, @ToStatus, @Reason, @Actor, @Now
        FROM projects.project_transition WHERE project_id = @ProjectId
        """;

    internal const string DeleteSearchTermsSql = "DELETE FROM projects.project_search_term WHERE project_id = @Owner";

    internal const string InsertSearchTermSql = """
        INSERT INTO projects.project_search_term (project_id, term, weight) VALUES (@Owner, @Term, @Weight)
        """;

    /// <summary>The weight of a word of the title: a title hit ranks above any other (<see cref="ProjectSearchIndex.ScoreSql"/>).</summary>
    internal const int TitleWeight = 2;

    /// <summary>The weight of a word found only in the summary or the canvas.</summary>
    internal const int TextWeight = 1;

    private static readonly SearchTermTable SearchTermsTable = new(DeleteSearchTermsSql, InsertSearchTermSql);

    internal const string ExternalReferenceOwnerSql = """
        SELECT id FROM projects.project WHERE academie = @Academie AND external_reference = @ExternalReference
        """;

    /// <summary>A row of projects.project (codes as stored; levels space-separated).</summary>
    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public string Title { get; set; } = "";
        public string Summary { get; set; } = "";
        public string Status { get; set; } = "";
        public string? ExternalReference { get; set; }
        public string Levels { get; set; } = "";
        public int? PupilsConcerned { get; set; }
        public DateOnly? PlannedStart { get; set; }
        public DateOnly? PlannedEnd { get; set; }
        public bool IsPublic { get; set; }
        public string? Needs { get; set; }
        public string? Objectives { get; set; }
        public string? Actors { get; set; }
        public string? Resources { get; set; }
        public string? KeySteps { get; set; }
        public string? EvaluationIndicators { get; set; }
        public bool HasExperimentation { get; set; }
        public int Version { get; set; }
        public string CreatedBy { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public string UpdatedBy { get; set; } = "";
        public DateTimeOffset UpdatedAt { get; set; }

        /// <summary>The list item's JSON (<see cref="ComposeViewsAsync"/>); set only to be written, never read back here.</summary>
        public string? Listing { get; set; }

        /// <summary>The project's JSON (<see cref="ComposeViewsAsync"/>); set only to be written, never read back here.</summary>
        public string? Document { get; set; }

        public ProjectStatus StatusCode => StableCode.Parse<ProjectStatus>(Status);

        public Canvas Canvas => new(Needs, Objectives, Actors, Resources, KeySteps, EvaluationIndicators);
    }

    /// <summary>A school of a project joined with Projects' copy of the directory.</summary>
    internal sealed class SchoolRow
    {
        public string Uai { get; set; } = "";
        public string? Name { get; set; }
        public string? Departement { get; set; }
        public string? Type { get; set; }
        public string? Status { get; set; }
    }

    /// <summary>A team member row.</summary>
    internal sealed class MemberRow
    {
        public int Position { get; set; }
        public string Role { get; set; } = "";
        public string? Name { get; set; }
        public string? Email { get; set; }
        public DateTimeOffset? ErasedAt { get; set; }
    }

    /// <summary>A line of <see cref="LoadSql"/>'s lists: a school, a theme, a tag or a team member, by <see cref="Kind"/>.</summary>
    internal sealed class ListRow
    {
        public int Kind { get; set; }
        public int Position { get; set; }
        public string Code { get; set; } = "";
        public string? Name { get; set; }
        public string? Departement { get; set; }
        public string? Type { get; set; }
        public string? Status { get; set; }
        public string? Email { get; set; }
        public DateTimeOffset? ErasedAt { get; set; }
    }

    /// <summary>A whole project: its row and its lists.</summary>
    internal sealed record Record(Row Row, IReadOnlyList<SchoolRow> Schools, IReadOnlyList<string> Themes, IReadOnlyList<string> Tags,
        IReadOnlyList<MemberRow> Team)
    {
        public Project ToProject() => new(
            Row.Id, Row.Title, Row.Summary, Row.Academie, Row.StatusCode,
            [.. Schools.Select(s => new ProjectSchool(s.Uai, s.Name, s.Departement, s.Type, s.Status == "closed"))],
            [.. Themes.Select(StableCode.Parse<ProjectTheme>).Order()],
            Tags,
            [.. Row.Levels.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(StableCode.Parse<EducationLevel>)],
            Row.PupilsConcerned, Row.PlannedStart, Row.PlannedEnd, Row.IsPublic, Row.ExternalReference,
            [.. Team.Select(m => new TeamMember(StableCode.Parse<TeamRole>(m.Role), m.Name, m.Email, m.ErasedAt))],
            Row.Canvas, Row.HasExperimentation, Row.Version, Row.CreatedAt, Row.UpdatedAt);

        /// <summary>The record a validated draft describes, for a project of <paramref name="academie"/>.</summary>
        public static Record From(Guid id, ProjectDraft draft, string academie, ProjectStatus status)
        {
            var canvas = draft.Canvas ?? Canvas.Empty;
            var row = new Row
            {
                Id = id,
                Academie = academie,
                Title = draft.Title!.Trim(),
                Summary = draft.Summary!.Trim(),
                Status = StableCode.Of(status),
                ExternalReference = Blank(draft.ExternalReference),
                Levels = string.Join(' ', (draft.Levels ?? []).Distinct().Order().Select(StableCode.Of)),
                PupilsConcerned = draft.PupilsConcerned,
                PlannedStart = draft.PlannedStart,
                PlannedEnd = draft.PlannedEnd,
                IsPublic = draft.IsPublic ?? false,
                Needs = Blank(canvas.Needs),
                Objectives = Blank(canvas.Objectives),
                Actors = Blank(canvas.Actors),
                Resources = Blank(canvas.Resources),
                KeySteps = Blank(canvas.KeySteps),
                EvaluationIndicators = Blank(canvas.EvaluationIndicators),
            };
            return new Record(
                row,
                [.. draft.Schools!.Select(u => new SchoolRow { Uai = u.Trim().ToUpperInvariant() })],
                [.. draft.Themes!.Distinct().Select(StableCode.Of)],
                [.. (draft.Tags ?? []).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)],
                [.. draft.Team!.Select((m, i) => new MemberRow { Position = i + 1, Role = StableCode.Of(m.Role!.Value), Name = m.Name!.Trim(),
                    Email = m.Email!.Trim().ToLowerInvariant() })]);
        }
    }

    public static Task<Row?> FindAsync(DbConnection connection, Guid id, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, transaction);

    /// <summary>The whole project, or null.</summary>
    public static async Task<Record?> LoadAsync(DbConnection connection, Guid id, DbTransaction? transaction = null)
    {
        using var reader = await connection.QueryMultipleAsync(SqlDialect.For(connection).Render(LoadSql), new { Id = id }, transaction);
        var row = await reader.ReadSingleOrDefaultAsync<Row>();
        if (row is null)
        {
            return null;
        }

        List<SchoolRow> schools = [];
        List<string> themes = [];
        List<string> tags = [];
        List<MemberRow> team = [];
        foreach (var item in await reader.ReadAsync<ListRow>())
        {
            switch (item.Kind)
            {
                case 1:
                    schools.Add(new SchoolRow { Uai = item.Code, Name = item.Name, Departement = item.Departement, Type = item.Type,
                        Status = item.Status });
                    break;
                case 2:
                    themes.Add(item.Code);
                    break;
                case 3:
                    tags.Add(item.Code);
                    break;
                default:
                    team.Add(new MemberRow { Position = item.Position, Role = item.Code, Name = item.Name, Email = item.Email,
                        ErasedAt = item.ErasedAt });
                    break;
            }
        }

        return new Record(row, schools, themes, tags, team);
    }

    internal const string ViewSchoolsSql = """
        SELECT uai AS Uai, name AS Name, departement AS Departement, type AS Type, status AS Status
        FROM projects.school WHERE uai IN @Uais
        """;

    /// <summary>The stored part of a <see cref="ProjectSummary"/>.</summary>
    internal sealed record Listing(
        Guid Id, string Title, string Academie, IReadOnlyList<ProjectSummarySchool> Schools, IReadOnlyList<ProjectTheme> Themes,
        DateOnly? PlannedStart, DateOnly? PlannedEnd);

    /// <summary>The stored part of a <see cref="Project"/>.</summary>
    internal sealed record Document(
        Guid Id, string Title, string Summary, string Academie, IReadOnlyList<ProjectSchool> Schools, IReadOnlyList<ProjectTheme> Themes,
        IReadOnlyList<string> Tags, IReadOnlyList<EducationLevel> Levels, int? PupilsConcerned, DateOnly? PlannedStart, DateOnly? PlannedEnd,
        bool IsPublic, string? ExternalReference, IReadOnlyList<TeamMember> Team, Canvas Canvas, DateTimeOffset CreatedAt);

    /// <remarks>
    /// The stored views of a project, kept as JSON on its row (ADR 0017): <c>listing</c>, the item of the projects
    /// list, and <c>document</c>, the answer of GET /projects/{id}. Reading one is then a single statement of a few
    /// columns, sent without serialization. They hold what only a save of the project, a change of one of its schools
    /// in the directory or an erasure changes (<see cref="RewriteViewsAsync"/>). Status, version, the time of the last
    /// change and the experimentation flag move with transitions, attachments and other modules, so they are read
    /// from their own columns and added when the view is written (<see cref="StoredJson"/>).
    /// </remarks>
    /// <summary>
    /// Sets <paramref name="record"/>'s listing and document, its schools described by Projects' copy of
    /// the directory (a draft names its schools by UAI only), and returns the project they describe.
    /// </summary>
    public static async Task<Project> ComposeViewsAsync(DbConnection connection, DbTransaction? transaction, Record record)
    {
        var uais = record.Schools.Select(s => s.Uai).ToList();
        var known = (await connection.QueryAsync<SchoolRow>(ViewSchoolsSql, new { Uais = SqlDialect.For(connection).AnsiList(uais) }, transaction))
            .ToDictionary(s => s.Uai, StringComparer.Ordinal);
        var project = (record with { Schools = [.. record.Schools.Select(s => known.GetValueOrDefault(s.Uai) ?? s)] }).ToProject();
        record.Row.Listing = JsonSerializer.Serialize(
            new Listing(
                project.Id, project.Title, project.Academie, [.. project.Schools.Select(s => new ProjectSummarySchool(s.Uai, s.Name, s.Departement))],
                project.Themes, project.PlannedStart, project.PlannedEnd),
            ApiJson.Options);
        record.Row.Document = JsonSerializer.Serialize(
            new Document(
                project.Id, project.Title, project.Summary, project.Academie, project.Schools, project.Themes, project.Tags, project.Levels,
                project.PupilsConcerned, project.PlannedStart, project.PlannedEnd, project.IsPublic, project.ExternalReference, project.Team,
                project.Canvas, project.CreatedAt),
            ApiJson.Options);
        return project;
    }

    internal const string ProjectsOfSchoolSql = "SELECT project_id FROM projects.project_school WHERE uai = CAST(@Uai AS VARCHAR(8000))";

    internal const string WriteViewsSql = "UPDATE projects.project SET listing = @Listing, document = @Document WHERE id = @Id";

    /// <summary>Rewrites the views of every project of a school the directory has just described anew.</summary>
    public static async Task RewriteViewsOfSchoolAsync(DbConnection connection, DbTransaction transaction, string uai) =>
        await RewriteViewsAsync(connection, transaction, await connection.QueryAsync<Guid>(ProjectsOfSchoolSql, new { Uai = uai }, transaction));

    /// <summary>Rewrites the views of these projects from their current data (a school or a team member changed outside them).</summary>
    public static async Task RewriteViewsAsync(DbConnection connection, DbTransaction transaction, IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            if (await LoadAsync(connection, id, transaction) is { } record)
            {
                await ComposeViewsAsync(connection, transaction, record);
                await connection.ExecuteAsync(WriteViewsSql, new { Id = id, record.Row.Listing, record.Row.Document }, transaction);
            }
        }
    }

    /// <summary>
    /// Inserts a new project (version 1) with its lists, and records its creation in the history.
    /// Returns the project as stored (its schools as the directory describes them).
    /// </summary>
    public static async Task<Project> InsertAsync(DbConnection connection, DbTransaction transaction, Record record, string actor, DateTimeOffset now)
    {
        var row = record.Row;
        row.Version = 1;
        row.CreatedBy = row.UpdatedBy = actor;
        row.CreatedAt = row.UpdatedAt = now;
        var project = await ComposeViewsAsync(connection, transaction, record);
        await connection.ExecuteAsync(InsertSql, row, transaction);
        await InsertListsAsync(connection, transaction, record);
        await WriteSearchTermsAsync(connection, transaction, row);
        await AppendTransitionAsync(connection, transaction, row.Id, "create", null, row.Status, null, actor, now);
        return project;
    }

    /// <summary>
    /// Records a save of the project in its audit trail (ADR 0020), in the save's transaction: the project as the API shows it, its
    /// schools by UAI; the team's names and e-mails are personal data, found again by their e-mail keys when the person is erased.
    /// </summary>
    public static Task AuditAsync(
        DbConnection connection, DbTransaction transaction, string action, Record? before, Record? after, Caller caller, DateTimeOffset now) =>
        AuditTrail.RecordAsync(connection, transaction, ProjectsModule.Schema, AuditEntryOf(action, before, after, caller, now));

    /// <summary>The saves of an import batch (before: null for a created project), in one bulk statement.</summary>
    public static Task AuditManyAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<(Record? Before, Record After)> rows, Caller caller, DateTimeOffset now) =>
        AuditTrail.RecordManyAsync(connection, transaction, ProjectsModule.Schema,
            rows.Select(r => AuditEntryOf("import", r.Before, r.After, caller, now)));

    private static readonly string[] PersonalFields = ["team"];

    private static AuditEntry AuditEntryOf(string action, Record? before, Record? after, Caller caller, DateTimeOffset now)
    {
        var row = (after ?? before)!.Row;
        return new AuditEntry(now, caller.Id, row.Academie, "project", row.Id.ToString(), action, AuditView(before), AuditView(after))
        {
            PersonalFields = PersonalFields,
            Subjects = new[] { before, after }.OfType<Record>().SelectMany(r => r.Team).Select(m => m.Email).OfType<string>()
                .Select(PersonErased.KeyOf),
        };
    }

    private static object? AuditView(Record? record) => record?.ToProject() is not { } p ? null : new
    {
        p.Title, p.Summary, p.Academie, p.Status, Schools = p.Schools.Select(s => s.Uai), p.Themes, p.Tags, p.Levels, p.PupilsConcerned,
        p.PlannedStart, p.PlannedEnd, p.IsPublic, p.ExternalReference, p.Team, p.Canvas, p.HasExperimentation,
    };

    /// <summary>
    /// Replaces the project's data and lists with <paramref name="next"/>, one version up from
    /// <paramref name="current"/>. False when the version moved meanwhile.
    /// </summary>
    public static async Task<bool> ReplaceAsync(DbConnection connection, DbTransaction transaction, Row current, Record next, string actor,
        DateTimeOffset now)
    {
        var row = next.Row;
        row.Version = current.Version + 1;
        row.CreatedBy = current.CreatedBy;
        row.CreatedAt = current.CreatedAt;
        row.UpdatedBy = actor;
        row.UpdatedAt = now;
        await ComposeViewsAsync(connection, transaction, next);
        if (await connection.ExecuteAsync(UpdateSql, row, transaction) == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(DeleteChildrenSql, new { row.Id }, transaction);
        await InsertListsAsync(connection, transaction, next);
        await WriteSearchTermsAsync(connection, transaction, row);
        return true;
    }

    /// <summary>
    /// Moves the project one version up because something attached to it changed (plan, logbook,
    /// funding…). False when <paramref name="expectedVersion"/> is no longer current.
    /// </summary>
    public static async Task<bool> TouchAsync(DbConnection connection, DbTransaction transaction, Guid id, int expectedVersion, string actor,
        DateTimeOffset now) =>
        await connection.ExecuteAsync(TouchSql, new { Id = id, ExpectedVersion = expectedVersion, Actor = actor, Now = now }, transaction) == 1;

    /// <summary>Appends one line to the project's history (who, when, from, to, why).</summary>
    public static Task AppendTransitionAsync(
        DbConnection connection, DbTransaction transaction, Guid projectId, string action, string? fromStatus, string toStatus,
        string? reason, string actor, DateTimeOffset now) =>
        connection.ExecuteAsync(AppendTransitionSql, new
        {
            ProjectId = projectId, Action = action, FromStatus = fromStatus, ToStatus = toStatus, Reason = reason, Actor = actor, Now = now,
        }, transaction);

    /// <summary>The project that already uses this external reference in the académie, if any.</summary>
    public static Task<Guid?> ExternalReferenceOwnerAsync(DbConnection connection, DbTransaction? transaction, string academie,
        string externalReference) =>
        connection.QuerySingleOrDefaultAsync<Guid?>(ExternalReferenceOwnerSql, new { Academie = academie, ExternalReference = externalReference },
            transaction);

    /// <summary>
    /// Rewrites the project's search terms (ADR 0013) from its row: the words of its title, summary and canvas,
    /// each weighted by the field it came from. Every insert and replace of a project calls it.
    /// </summary>
    public static Task WriteSearchTermsAsync(DbConnection connection, DbTransaction transaction, Row row) =>
        SearchTermsTable.WriteAsync(connection, transaction, row.Id, SearchTerms.Of(
            (row.Title, TitleWeight), (row.Summary, TextWeight), (row.Needs, TextWeight), (row.Objectives, TextWeight), (row.Actors, TextWeight),
            (row.Resources, TextWeight), (row.KeySteps, TextWeight), (row.EvaluationIndicators, TextWeight)));

    private static async Task InsertListsAsync(DbConnection connection, DbTransaction transaction, Record record)
    {
        var id = record.Row.Id;
        await connection.ExecuteAsync(InsertSchoolSql, record.Schools.Select((s, i) => new { ProjectId = id, s.Uai, Position = i + 1 }), transaction);
        await connection.ExecuteAsync(InsertThemeSql, record.Themes.Select(t => new { ProjectId = id, Theme = t }), transaction);
        await connection.ExecuteAsync(InsertTagSql, record.Tags.Select(t => new { ProjectId = id, Tag = t }), transaction);
        await connection.ExecuteAsync(InsertMemberSql, record.Team.Select(m => new
        {
            ProjectId = id, m.Position, m.Role, m.Name, m.Email, EmailKey = m.Email is null ? null : PersonErased.KeyOf(m.Email), m.ErasedAt,
        }), transaction);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
