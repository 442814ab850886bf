using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Innovation.BuildingBlocks.Imports;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Projects.Features.Import;

/// <summary>
/// <c>POST /api/v1/imports/projects</c>: upserts projects on the académie's external reference from
/// a CSV or NDJSON body, streamed row by row, mapped to a <see cref="ProjectDraft"/>, checked by the
/// create endpoint's validator and school rules, and written in batches of <see cref="BatchSize"/>
/// (one read of the batch's schools and existing projects, then the writes). Only the batch and the
/// references already seen are held in memory. See ADR 0014.
/// </summary>
internal static class ImportProjects
{
    public const int BatchSize = 500;

    /// <summary>The statuses in which an import may change a project: the ones its carriers may still edit.</summary>
    internal static readonly IReadOnlySet<ProjectStatus> EditableStatuses = new HashSet<ProjectStatus> { ProjectStatus.Draft,
        ProjectStatus.ReturnedForChanges };

    internal static readonly ImportField ExternalReference = new("external_reference", true, "externalReference", "reference", "reference_externe");
    internal static readonly ImportField Title = new("title", true, "titre");
    internal static readonly ImportField Summary = new("summary", true, "resume");
    internal static readonly ImportField Academie = new("academie", false, "code_academie");
    internal static readonly ImportField Schools = new("schools", true, "uais", "uai", "etablissements") { ItemName = "School" };
    internal static readonly ImportField Themes = new("themes", true, "thematiques") { ItemName = "Item" };
    internal static readonly ImportField Tags = new("tags", false, "mots_cles") { ItemName = "Tag" };
    internal static readonly ImportField Levels = new("levels", false, "niveaux") { ItemName = "Item" };
    internal static readonly ImportField PupilsConcerned = new("pupils_concerned", false, "pupilsConcerned", "nombre_eleves");
    internal static readonly ImportField PlannedStart = new("planned_start", false, "plannedStart", "date_debut");
    internal static readonly ImportField PlannedEnd = new("planned_end", false, "plannedEnd", "date_fin");
    internal static readonly ImportField IsPublic = new("is_public", false, "isPublic", "public");
    internal static readonly ImportField Team = new("team", true, "equipe") { ItemName = "Team member" };
    internal static readonly ImportField Needs = new("canvas_needs", false, "needs", "besoins");
    internal static readonly ImportField Objectives = new("canvas_objectives", false, "objectives", "objectifs");
    internal static readonly ImportField Actors = new("canvas_actors", false, "actors", "acteurs");
    internal static readonly ImportField Resources = new("canvas_resources", false, "resources", "ressources");
    internal static readonly ImportField KeySteps = new("canvas_key_steps", false, "keySteps", "etapes_cles");
    internal static readonly ImportField EvaluationIndicators = new("canvas_evaluation_indicators", false, "evaluationIndicators",
        "indicateurs_evaluation");

    internal static readonly IReadOnlyList<ImportField> Fields =
    [
        ExternalReference, Title, Summary, Academie, Schools, Themes, Tags, Levels, PupilsConcerned, PlannedStart, PlannedEnd, IsPublic, Team,
        Needs, Objectives, Actors, Resources, KeySteps, EvaluationIndicators,
    ];

    internal const string FindByReferencesSql = ProjectTable.SelectColumns + "WHERE academie = @Academie AND external_reference IN @References";

    internal const string ListsSql = """
        SELECT project_id AS ProjectId, position AS Position, uai AS Value FROM projects.project_school WHERE project_id IN @Ids;
        SELECT project_id AS ProjectId, 0 AS Position, theme AS Value FROM projects.project_theme WHERE project_id IN @Ids;
        SELECT project_id AS ProjectId, 0 AS Position, tag AS Value FROM projects.project_tag WHERE project_id IN @Ids;
        SELECT project_id AS ProjectId, position AS Position, role AS Role, name AS Name, email AS Email, erased_at AS ErasedAt
        FROM projects.project_member WHERE project_id IN @Ids
        """;

    /// <summary>At most this many values in one <c>IN</c> list (SQL Server takes 2,100 parameters per statement).</summary>
    private const int MaxInList = 1000;

    internal sealed record Command(ImportRequest Import) : IRequest<ImportReport>;

    internal sealed class Handler(Db db, IMediator mediator, IValidator<ProjectDraft> validator, TimeProvider time)
        : IRequestHandler<Command, ImportReport>
    {
        public Task<ImportReport> Handle(Command command, CancellationToken cancellationToken) =>
            new Run(command.Import, mediator, validator, time, cancellationToken).ExecuteAsync(db);
    }

    /// <summary>A row that passed every check that needs no database, waiting for its batch.</summary>
    internal sealed record Pending(int Line, string SchoolsColumn, string ReferenceColumn, ProjectDraft Draft, string? NamedAcademie,
        IReadOnlyList<string> Uais);

    /// <summary>A value of one of a project's lists, as read for the comparison.</summary>
    internal sealed class ListRow
    {
        public Guid ProjectId { get; set; }
        public int Position { get; set; }
        public string Value { get; set; } = "";
    }

    /// <summary>A team member as read for the comparison.</summary>
    internal sealed class MemberListRow
    {
        public Guid ProjectId { get; set; }
        public int Position { get; set; }
        public string Role { get; set; } = "";
        public string? Name { get; set; }
        public string? Email { get; set; }
        public DateTimeOffset? ErasedAt { get; set; }
    }

    /// <summary>An existing project of the batch and its lists.</summary>
    internal sealed record Existing(ProjectTable.Row Row, List<string> Schools, List<string> Themes, List<string> Tags, List<MemberListRow> Team)
    {
        /// <summary>The project as its audit shows it before the import replaces it.</summary>
        public ProjectTable.Record ToRecord() => new(Row, [.. Schools.Select(u => new ProjectTable.SchoolRow { Uai = u })], Themes, Tags,
            [.. Team.Select(m => new ProjectTable.MemberRow { Position = m.Position, Role = m.Role, Name = m.Name, Email = m.Email,
                ErasedAt = m.ErasedAt })]);
    }

    /// <summary>One import: its body, its tally, and the references seen so far.</summary>
    internal sealed class Run(ImportRequest import, IMediator mediator, IValidator<ProjectDraft> validator, TimeProvider time,
        CancellationToken cancellationToken)
        : ImportRun<Pending>(import, Fields, BatchSize, cancellationToken)
    {
        // External reference (case-insensitive) → the line it first appeared on: the only state that grows with the file.
        private readonly Dictionary<string, int> _seen = new(StringComparer.OrdinalIgnoreCase);

        // Académie as written → its code (null: unknown); a file names few académies.
        private readonly Dictionary<string, string?> _academies = new(StringComparer.OrdinalIgnoreCase);

        protected override bool KeepsLineOrder => true;

        /// <summary>
        /// Checks a batch against Projects' copy of the directory and the existing projects (one read
        /// of each) and, when this import is writing, creates and replaces the projects.
        /// </summary>
        protected override async Task<ImportBatchOutcome> ApplyAsync(
            DbConnection connection, DbTransaction? transaction, IReadOnlyList<Pending> batch)
        {
            var known = new Dictionary<string, ProjectSchools.Row>(StringComparer.Ordinal);
            foreach (var chunk in batch.SelectMany(p => p.Uais).Distinct(StringComparer.Ordinal).Chunk(MaxInList))
            {
                foreach (var school in await connection.QueryAsync<ProjectSchools.Row>(ProjectSchools.FindSql, new { Uais = chunk }, transaction))
                {
                    known[school.Uai] = school;
                }
            }

            var outcome = new ImportBatchOutcome();
            var placed = new List<(Pending Pending, string Academie)>(batch.Count);
            foreach (var pending in batch)
            {
                var academie = pending.NamedAcademie ?? ProjectSchools.AcademieOf(pending.Uais, known);
                if (academie is not null && !Import.Caller.Sees(academie))
                {
                    outcome.Rejections.Add(new ImportRejection(pending.Line, [new ImportError(pending.Line, pending.SchoolsColumn,
                        $"This project belongs to académie {academie}: your credential is limited to académie {Import.Caller.Academie}.")]));
                    continue;
                }

                if (academie is null)
                {
                    // No school is known: every one of them is reported.
                    outcome.Rejections.Add(new ImportRejection(pending.Line, [.. ProjectSchools.Problems(pending.Uais, known, null, [])
                        .Select(p => new ImportError(pending.Line, pending.SchoolsColumn, p.Message))]));
                    continue;
                }

                placed.Add((pending, academie));
            }

            var existing = await FindExistingAsync(connection, transaction, placed);
            var inserts = new List<ProjectTable.Record>();
            var updates = new List<(Existing Current, ProjectTable.Record Next)>();
            foreach (var (pending, academie) in placed)
            {
                var reference = pending.Draft.ExternalReference!.Trim();
                var current = existing.GetValueOrDefault((academie, reference));
                // Checked once the project is known: a closed school may stay on the project it already belonged to.
                var problems = ProjectSchools.Problems(pending.Uais, known, academie, current?.Schools ?? []).ToList();
                if (problems.Count > 0)
                {
                    outcome.Rejections.Add(new ImportRejection(pending.Line,
                        [.. problems.Select(p => new ImportError(pending.Line, pending.SchoolsColumn, p.Message))]));
                    continue;
                }

                var next = ProjectTable.Record.From(current?.Row.Id ?? Guid.CreateVersion7(), pending.Draft, academie, current?.Row.StatusCode
                    ?? ProjectStatus.Draft);
                if (current is null)
                {
                    inserts.Add(next);
                    continue;
                }

                next.Row.HasExperimentation = current.Row.HasExperimentation; // not the import's to change
                if (SameData(current, next))
                {
                    outcome.Unchanged++;
                }
                else if (!EditableStatuses.Contains(current.Row.StatusCode))
                {
                    outcome.Rejections.Add(new ImportRejection(pending.Line, [new ImportError(pending.Line, pending.ReferenceColumn,
                        $"Project {current.Row.Id} ('{current.Row.ExternalReference}') is {StableCode.Of(current.Row.StatusCode)}: "
                        + "an import only changes draft or returnedForChanges projects. Leave this row out or make it identical to the project.")]));
                }
                else
                {
                    updates.Add((current, next));
                }
            }

            (outcome.Created, outcome.Updated) = (inserts.Count, updates.Count);
            if (Writes(transaction, outcome))
            {
                // ProjectTable's own writes, so whatever a project write maintains (history, search terms…) holds for imported
                // projects too. Inside the batch's one transaction; a batched variant saved too little to be worth a second write path (ADR 0014).
                var now = time.GetUtcNow();
                foreach (var record in inserts)
                {
                    await ProjectTable.InsertAsync(connection, transaction!, record, Import.Caller.Id, now);
                }

                foreach (var (current, next) in updates)
                {
                    if (!await ProjectTable.ReplaceAsync(connection, transaction!, current.Row, next, Import.Caller.Id, now))
                    {
                        throw ProblemException.Conflict("import_conflict",
                            "A project of this file changed while the import ran; send the file again.");
                    }
                }

                await ProjectAudit.RecordManyAsync(connection, transaction!, [
                    .. inserts.Select(r => ((ProjectTable.Record?)null, r)),
                    .. updates.Select(u => ((ProjectTable.Record?)u.Current.ToRecord(), u.Next))], Import.Caller, now);
            }

            return outcome;
        }

        /// <summary>The existing projects the batch's references name, with their lists, by (académie, reference as written in the file).</summary>
        private async Task<Dictionary<(string Academie, string Reference), Existing>> FindExistingAsync(
            DbConnection connection, DbTransaction? transaction, IReadOnlyList<(Pending Pending, string Academie)> placed)
        {
            var found = new Dictionary<(string, string), Existing>();
            foreach (var group in placed.GroupBy(p => p.Academie, StringComparer.Ordinal))
            {
                var references = group.Select(p => p.Pending.Draft.ExternalReference!.Trim()).ToList();
                foreach (var chunk in references.Chunk(MaxInList))
                {
                    var matches = (await connection.QueryAsync<ProjectTable.Row>(FindByReferencesSql,
                        new { Academie = group.Key, References = chunk }, transaction)).ToList();

                    // Exact match first; a case variant only when the engine's collation matched it (SQL Server's default).
                    var exact = matches.ToDictionary(r => r.ExternalReference!, StringComparer.Ordinal);
                    var folded = new Dictionary<string, ProjectTable.Row>(StringComparer.OrdinalIgnoreCase);
                    foreach (var match in matches)
                    {
                        folded.TryAdd(match.ExternalReference!, match);
                    }

                    foreach (var reference in chunk)
                    {
                        if ((exact.GetValueOrDefault(reference) ?? folded.GetValueOrDefault(reference)) is { } row)
                        {
                            found[(group.Key, reference)] = new Existing(row, [], [], [], []);
                        }
                    }
                }
            }

            var byId = found.Values.GroupBy(e => e.Row.Id).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var chunk in byId.Keys.Chunk(MaxInList))
            {
                // As text: Dapper expands a list without the Guid type handler, and both engines compare text with their id column.
                using var reader = await connection.QueryMultipleAsync(ListsSql, new { Ids = chunk.Select(id => id.ToString("D")).ToList() },
                    transaction);
                foreach (var school in (await reader.ReadAsync<ListRow>()).OrderBy(s => s.Position))
                {
                    byId[school.ProjectId].ForEach(e => e.Schools.Add(school.Value));
                }

                foreach (var theme in await reader.ReadAsync<ListRow>())
                {
                    byId[theme.ProjectId].ForEach(e => e.Themes.Add(theme.Value));
                }

                foreach (var tag in await reader.ReadAsync<ListRow>())
                {
                    byId[tag.ProjectId].ForEach(e => e.Tags.Add(tag.Value));
                }

                foreach (var member in (await reader.ReadAsync<MemberListRow>()).OrderBy(m => m.Position))
                {
                    byId[member.ProjectId].ForEach(e => e.Team.Add(member));
                }
            }

            return found;
        }

        protected override async Task<Pending?> CheckAsync(ImportCheck row)
        {
            var reference = row.Text(ExternalReference);
            var named = row.Text(Academie);
            var canvasItems = new[]
            {
                row.Text(Needs), row.Text(Objectives), row.Text(Actors), row.Text(Resources), row.Text(KeySteps), row.Text(EvaluationIndicators),
            };
            var draft = new ProjectDraft(
                row.Text(Title),
                row.Text(Summary),
                named,
                Texts(row, Schools),
                Codes<ProjectTheme>(row, Themes),
                Texts(row, Tags),
                Codes<EducationLevel>(row, Levels),
                row.Value(PupilsConcerned,
                    static t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null,
                    static t => $"'{t}' is not a whole number."),
                row.Value(PlannedStart, ProjectImportCells.ParseDate, static t => $"'{t}' is not a date (yyyy-MM-dd)."),
                row.Value(PlannedEnd, ProjectImportCells.ParseDate, static t => $"'{t}' is not a date (yyyy-MM-dd)."),
                row.Value(IsPublic, ProjectImportCells.ParseBoolean, static t => $"'{t}' is not true or false (or 1/0, oui/non)."),
                reference,
                Members(row),
                canvasItems.All(i => i is null) ? null : new Canvas(canvasItems[0], canvasItems[1], canvasItems[2], canvasItems[3], canvasItems[4],
                    canvasItems[5]));

            if (reference is null && !row.IsUnreadable(ExternalReference))
            {
                row.Unreadable(ExternalReference,
                    "The external reference is required: the import creates or updates the project of your académie that has this reference.");
            }

            await row.ValidateAsync(validator, draft, CancellationToken);
            if (reference is not null && !_seen.TryAdd(reference, row.Line))
            {
                row.Error(ExternalReference,
                    $"External reference '{reference}' already appears on line {_seen[reference]} of this file: a project may appear only once.");
            }

            string? academie = null;
            if (named is not null && !row.IsUnreadable(Academie))
            {
                academie = await AcademieCodeAsync(named);
                if (academie is null)
                {
                    row.Error(Academie, $"Unknown académie '{named}'. Use a code from GET /api/v1/academies.");
                }
                else if (!Import.Caller.Sees(academie))
                {
                    row.Error(Academie,
                        $"This project belongs to académie {academie}: your credential is limited to académie {Import.Caller.Academie}.");
                }
            }

            return row.HasErrors ? null : new Pending(row.Line, row.Column(Schools), row.Column(ExternalReference), draft, academie,
                [.. draft.Schools!.Select(u => u.Trim().ToUpperInvariant())]);
        }

        private async Task<string?> AcademieCodeAsync(string named)
        {
            if (!_academies.TryGetValue(named, out var code))
            {
                code = (await mediator.Send(new FindAcademie(named), CancellationToken))?.Code;
                _academies[named] = code;
            }

            return code;
        }
    }

    /// <summary>True when the replacement would write exactly what the project already holds.</summary>
    internal static bool SameData(Existing current, ProjectTable.Record next)
    {
        var (a, b) = (current.Row, next.Row);
        return a.Title == b.Title && a.Summary == b.Summary && a.ExternalReference == b.ExternalReference && a.Levels == b.Levels
            && a.PupilsConcerned == b.PupilsConcerned && a.PlannedStart == b.PlannedStart && a.PlannedEnd == b.PlannedEnd && a.IsPublic == b.IsPublic
            && a.Needs == b.Needs && a.Objectives == b.Objectives && a.Actors == b.Actors && a.Resources == b.Resources
            && a.KeySteps == b.KeySteps && a.EvaluationIndicators == b.EvaluationIndicators
            && current.Schools.SequenceEqual(next.Schools.Select(s => s.Uai), StringComparer.Ordinal)
            && current.Themes.Order(StringComparer.Ordinal).SequenceEqual(next.Themes.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            && current.Tags.Order(StringComparer.Ordinal).SequenceEqual(next.Tags.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            && current.Team.Count == next.Team.Count
            && current.Team.Zip(next.Team).All(p => p.First.ErasedAt is null && p.First.Role == p.Second.Role && p.First.Name == p.Second.Name
                && p.First.Email == p.Second.Email);
    }

    /// <summary>A list: a text delimited by '|', or (NDJSON) a JSON array of texts.</summary>
    private static List<string>? Texts(ImportCheck row, ImportField field)
    {
        var cell = row[field];
        if (string.IsNullOrWhiteSpace(cell.Text))
        {
            return null;
        }

        if (!cell.IsStructured)
        {
            return [.. cell.Text.Split(ProjectImportCells.ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        }

        using var json = JsonDocument.Parse(cell.Text);
        if (json.RootElement.ValueKind == JsonValueKind.Array && json.RootElement.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
        {
            return [.. json.RootElement.EnumerateArray().Select(e => e.GetString()!.Trim()).Where(s => s.Length > 0)];
        }

        row.Unreadable(field, $"Expected texts delimited by '{ProjectImportCells.ListSeparator}', or a JSON array of texts.");
        return null;
    }

    /// <summary>A list of codes (themes, levels), in any case, with or without separators.</summary>
    private static List<TEnum>? Codes<TEnum>(ImportCheck row, ImportField field) where TEnum : struct, Enum
    {
        var texts = Texts(row, field);
        var values = new List<TEnum>(texts?.Count ?? 0);
        foreach (var text in texts ?? [])
        {
            if (ProjectImportCells.ParseCode<TEnum>(text) is not { } value)
            {
                row.Unreadable(field, $"Unknown value '{text}': use {string.Join(", ", Enum.GetValues<TEnum>().Select(v => StableCode.Of(v)))}.");
                return null;
            }

            values.Add(value);
        }

        return texts is null ? null : values;
    }

    private static List<TeamMemberDraft>? Members(ImportCheck row)
    {
        var cell = row[Team];
        if (string.IsNullOrWhiteSpace(cell.Text))
        {
            return null;
        }

        var (members, problem) = cell.IsStructured ? ProjectImportCells.ParseTeamJson(cell.Text) : ProjectImportCells.ParseTeamText(cell.Text);
        if (problem is not null)
        {
            row.Unreadable(Team, problem);
        }

        return members;
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapImport("/imports/projects", import => new Command(import), StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable)
            .WithName("ImportProjects")
            .WithSummary("Import projects from a CSV or NDJSON file")
            .WithDescription(Description);

    internal const string Description = 
        "Upserts projects on the académie's external reference from a file streamed in the body, in constant memory whatever its size (e.g. " +
        "`curl --data-binary @projects.csv -H \"Content-Type: text/csv\" …/api/v1/imports/projects?dryRun=true`). A row whose `external_reference` " +
        "already names a project of its académie replaces that project's data (version + 1, only when something differs); otherwise it creates a " +
        "Draft. The import never changes a status, and only changes projects still in `draft` or `returnedForChanges` (a different row for a " +
        "project in any other status is rejected; an identical one counts as unchanged).\n\n" +
        "**Formats.** `text/csv`: RFC 4180, UTF-8 with or without BOM, a header line, `,` or `;` as separator (detected on the header line); " +
        "quoted fields may hold separators, quotes (doubled) and line breaks. `application/x-ndjson`: one JSON object per line, blank lines " +
        "ignored. Any other Content-Type is a 415; bytes that are not UTF-8 reject the file.\n\n" +
        "**Columns** (case-insensitive; aliases in brackets): `external_reference` (externalReference, reference, reference_externe), `title` " +
        "(titre), `summary` (resume), `academie` (code_academie; optional: it follows from the schools), `schools` (uais, uai, etablissements), " +
        "`themes` (thematiques), `tags` (mots_cles), `levels` (niveaux), `pupils_concerned` (pupilsConcerned, nombre_eleves), `planned_start` " +
        "(plannedStart, date_debut), `planned_end` (plannedEnd, date_fin), `is_public` (isPublic, public), `team` (equipe), `canvas_needs` " +
        "(needs, besoins), `canvas_objectives` (objectives, objectifs), `canvas_actors` (actors, acteurs), `canvas_resources` (resources, " +
        "ressources), `canvas_key_steps` (keySteps, etapes_cles), `canvas_evaluation_indicators` (evaluationIndicators, indicateurs_evaluation). " +
        "A CSV without `external_reference`, `title`, `summary`, `schools`, `themes` or `team` is refused; other columns (`status` included: an " +
        "import never sets a status) are ignored and listed in `ignoredColumns`.\n\n" +
        "**Values.** Lists (`schools`, `themes`, `tags`, `levels`, `team`) are delimited by `|` (in NDJSON also JSON arrays). Themes and levels " +
        "are the API's codes in any case, with or without `-`/`_` (`wellBeing`, `well-being`). A team member is `role:name:email` — the role up " +
        "to the first `:`, the e-mail after the last one, the name in between — e.g. `carrier:Ada " +
        "Lovelace:ada.lovelace@ac-versailles.fr|headOfSchoolSponsor:Blaise Pascal:blaise.pascal@ac-versailles.fr`; roles `carrier`, `coCarrier`, " +
        "`contributor`, `headOfSchoolSponsor` (or porteur, co-porteur, contributeur, chef d'établissement); in NDJSON the team may also be an " +
        "array of `{\"role\",\"name\",\"email\"}` objects. Dates are `yyyy-MM-dd`; `is_public` is true/false, 1/0 or oui/non; an empty cell is no " +
        "value. Every row is checked by the rules of `POST /api/v1/projects` (schools known, open unless already on the project, all in one " +
        "académie); an external reference may appear only once per file (a repeat names the first line); a row of another académie than the " +
        "caller's is rejected and never written.\n\n" +
        "**Modes.** `mode=atomic` (default): one transaction, all or nothing; if any row is rejected nothing is written and the answer is a 422 " +
        "`import_rejected` problem carrying the report (its `created`, `updated` and `unchanged` then say what the valid rows would have done). " +
        "`mode=partial`: the valid rows are written (in committed batches of 500) and the rejected ones reported, with a 200. `dryRun=true`: " +
        "every check runs, including the comparison with the existing projects, and nothing is written; a dry run answers 200 even with rejected " +
        "rows.\n\n" +
        "**Report.** `created`, `updated`, `unchanged`, `rejected` (rows), and `errors`: one `{line, column, message}` per problem. `line` " +
        "counts the CSV header as line 1 and each record as one line, even when a quoted field holds a line break (NDJSON: the physical line). " +
        "`column` is the column as the file names it. At most 1,000 errors are listed: beyond, `errorsTruncated` is true and `rejected` still " +
        "counts every row.\n\n" +
        "**File errors** (empty file, missing required column on line 1, duplicated header column, invalid UTF-8, broken CSV quoting, a CSV " +
        "record over 1 MiB) answer 422 `import_rejected` in every mode, dry run included; in partial mode the valid rows read before the error " +
        "stay written. A CSV record with the wrong number of fields, or an NDJSON line that is not one JSON object, only rejects that row.\n\n" +
        "Created projects get a `create` line in their history; no event is published (the lifecycle events are for transitions). With " +
        "`Idempotency-Key`, a retry replays the first report without importing again.";
}
