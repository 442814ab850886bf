using System.Data.Common;
using Innovation.BuildingBlocks.Imports;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Projects.Features.Lifecycle;

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

    internal static readonly ImportField ExternalReference = new("external_reference", true, "externalReference", "reference", "reference_externe");
    internal static readonly ImportField Title = new("title", true, "titre");
    internal static readonly ImportField Summary = new("summary", true, "resume");
    internal static readonly ImportField Academie = new("academie", false, "code_academie")
    {
        Note = "code_academie; optional: it follows from the schools",
    };
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

    internal sealed record Command(ImportRequest Import) : ImportCommand(Import);

    internal sealed class Handler(IServiceProvider services) : ImportHandler<Command, Run>(services);

    /// <summary>A row that passed every check that needs no database, waiting for its batch.</summary>
    internal sealed record Pending(int Line, string SchoolsColumn, string ReferenceColumn, ProjectDraft Draft, string? NamedAcademie,
        IReadOnlyList<string> Uais);

    /// <summary>One import: its body, its tally, the references seen so far and the académies named so far.</summary>
    internal sealed class Run(ImportRequest import, IMediator mediator, IValidator<ProjectDraft> validator, TimeProvider time,
        CancellationToken cancellationToken)
        : ImportRun<Pending>(import, Fields, BatchSize, cancellationToken)
    {
        // By external reference (case-insensitive).
        private readonly ImportKeys<string> _seen = new("a project", StringComparer.OrdinalIgnoreCase);

        // A file names few académies, in any case.
        private readonly ImportAcademies _academies =
            new(async named => (await mediator.Send(new FindAcademie(named), cancellationToken))?.Code, StringComparer.OrdinalIgnoreCase);

        protected override bool KeepsLineOrder => true;

        /// <summary>
        /// Checks a batch against Projects' copy of the directory and the existing projects (one read
        /// of each) and, when this import is writing, creates and replaces the projects.
        /// </summary>
        protected override async Task<ImportBatchOutcome> ApplyAsync(
            DbConnection connection, DbTransaction? transaction, IReadOnlyList<Pending> batch)
        {
            var known = await ExistingProjects.SchoolsAsync(connection, transaction, batch.SelectMany(p => p.Uais));
            var changes = new ImportChanges<ProjectTable.Record, ExistingProjects.Existing, ProjectTable.Record>(batch.Count);
            var outcome = changes.Outcome;
            var placed = new List<(Pending Pending, string Academie)>(batch.Count);
            foreach (var pending in batch)
            {
                var academie = pending.NamedAcademie ?? ProjectSchools.AcademieOf(pending.Uais, known);
                if (academie is not null && !Import.Caller.Sees(academie))
                {
                    outcome.Reject(new ImportError(pending.Line, pending.SchoolsColumn, OfAnotherAcademie(academie)));
                    continue;
                }

                if (academie is null)
                {
                    // No school is known: every one of them is reported.
                    outcome.Reject(pending.Line, pending.SchoolsColumn,
                        ProjectSchools.Problems(pending.Uais, known, null, []).Select(p => p.Message));
                    continue;
                }

                placed.Add((pending, academie));
            }

            var existing = await ExistingProjects.FindAsync(connection, transaction,
                placed.Select(p => (p.Academie, p.Pending.Draft.ExternalReference!.Trim())));
            foreach (var (pending, academie) in placed)
            {
                var reference = pending.Draft.ExternalReference!.Trim();
                var current = existing.GetValueOrDefault((academie, reference));
                // Checked once the project is known: a closed school may stay on the project it already belonged to.
                var problems = ProjectSchools.Problems(pending.Uais, known, academie, current?.Schools ?? []).ToList();
                if (problems.Count > 0)
                {
                    outcome.Reject(pending.Line, pending.SchoolsColumn, problems.Select(p => p.Message));
                    continue;
                }

                var next = ProjectTable.Record.From(current?.Row.Id ?? SortableId.New(), pending.Draft, academie, current?.Row.StatusCode
                    ?? ProjectStatus.Draft);
                if (current is null)
                {
                    changes.Insert(next);
                    continue;
                }

                next.Row.HasExperimentation = current.Row.HasExperimentation; // not the import's to change
                if (ExistingProjects.SameData(current, next))
                {
                    changes.Unchanged();
                }
                else if (!ProjectLifecycle.CarriersMayEdit(current.Row.StatusCode))
                {
                    outcome.Reject(new ImportError(pending.Line, pending.ReferenceColumn,
                        $"Project {current.Row.Id} ('{current.Row.ExternalReference}') is {StableCode.Of(current.Row.StatusCode)}: "
                        + "an import only changes draft or returnedForChanges projects. Leave this row out or make it identical to the project."));
                }
                else
                {
                    changes.Update(current, next, same: false);
                }
            }

            return await WriteAsync(transaction, outcome, "A project",
                t => ExistingProjects.SaveAsync(connection, t, changes.Inserts, changes.Updates, Import.Caller, time.GetUtcNow()));
        }

        protected override async Task<Pending?> CheckAsync(ImportCheck row)
        {
            var reference = row.Text(ExternalReference);
            var named = row.Text(Academie);
            var canvas = ProjectImportCells.CanvasOf(row, Needs, Objectives, Actors, Resources, KeySteps, EvaluationIndicators);
            var draft = new ProjectDraft(
                row.Text(Title),
                row.Text(Summary),
                named,
                ProjectImportCells.Texts(row, Schools),
                ProjectImportCells.Codes<ProjectTheme>(row, Themes),
                ProjectImportCells.Texts(row, Tags),
                ProjectImportCells.Codes<EducationLevel>(row, Levels),
                row.Value(PupilsConcerned, ImportValues.Integer, static t => $"'{t}' is not a whole number."),
                row.Value(PlannedStart, ImportValues.Date, static t => $"'{t}' is not a date (yyyy-MM-dd)."),
                row.Value(PlannedEnd, ImportValues.Date, static t => $"'{t}' is not a date (yyyy-MM-dd)."),
                row.Value(IsPublic, ImportValues.Boolean, static t => $"'{t}' is not true or false (or 1/0, oui/non)."),
                reference,
                ProjectImportCells.Team(row, Team),
                canvas);

            if (reference is null && !row.IsUnreadable(ExternalReference))
            {
                row.Unreadable(ExternalReference,
                    "The external reference is required: the import creates or updates the project of your académie that has this reference.");
            }

            await row.ValidateAsync(validator, draft, CancellationToken);
            if (reference is not null)
            {
                _seen.Check(row, ExternalReference, reference, reference, static r => $"External reference '{r}'");
            }

            var academie = named is null || row.IsUnreadable(Academie) ? null : await _academies.CodeAsync(row, Academie, named);
            if (academie is not null && !Import.Caller.Sees(academie))
            {
                row.Error(Academie, OfAnotherAcademie(academie));
            }

            return row.HasErrors ? null : new Pending(row.Line, row.Column(Schools), row.Column(ExternalReference), draft, academie,
                [.. draft.Schools!.Select(u => u.Trim().ToUpperInvariant())]);
        }

        private string OfAnotherAcademie(string academie) =>
            $"This project belongs to académie {academie}: your credential is limited to académie {Import.Caller.Academie}.";
    }

    public static void Map(IEndpointRouteBuilder api) => api.MapImport("/imports/projects", import => new Command(import), "ImportProjects",
        "Import projects from a CSV or NDJSON file", Description, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);

    internal static readonly string Description =
        ImportDescription.Upserts("projects on the académie's external reference", "projects", true) + " A row whose " +
        "`external_reference` already names a project of its académie replaces that project's data (version + 1, only when something " +
        "differs); otherwise it creates a Draft. The import never changes a status, and only changes projects still in `draft` or " +
        "`returnedForChanges` (a different row for a project in any other status is rejected; an identical one counts as unchanged).\n\n" +
        ImportDescription.Formats +
        $"**Columns** (case-insensitive; aliases in brackets): {ImportDescription.Columns(Fields)}. " +
        $"A CSV without {ImportDescription.Required(Fields)} is refused; other columns (`status` included: an " +
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
        ImportDescription.Modes("the existing projects", BatchSize) +
        // Its report and file errors paragraphs predate the shared ones and say less; the published document keeps them.
        "**Report.** `created`, `updated`, `unchanged`, `rejected` (rows), and `errors`: one `{line, column, message}` per problem. `line` " +
        "counts the CSV header as line 1 and each record as one line, even when a quoted field holds a line break (NDJSON: the physical line). " +
        "`column` is the column as the file names it. At most 1,000 errors are listed: beyond, `errorsTruncated` is true and `rejected` still " +
        "counts every row.\n\n" +
        "**File errors** (empty file, missing required column on line 1, duplicated header column, invalid UTF-8, broken CSV quoting, a CSV " +
        "record over 1 MiB) answer 422 `import_rejected` in every mode, dry run included; in partial mode the valid rows read before the error " +
        "stay written. A CSV record with the wrong number of fields, or an NDJSON line that is not one JSON object, only rejects that row.\n\n" +
        "Created projects get a `create` line in their history; no event is published (the lifecycle events are for transitions). " +
        ImportDescription.Replay;
}
