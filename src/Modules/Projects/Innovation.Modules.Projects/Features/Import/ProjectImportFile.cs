using Innovation.BuildingBlocks.Imports;

namespace Innovation.Modules.Projects.Features.Import;

/// <summary>
/// The file <see cref="ImportProjects"/> reads: its columns, with the other names each accepts, and what the endpoint's
/// OpenAPI description says of them and of the import.
/// </summary>
internal static class ProjectImportFile
{
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

    internal static readonly string Description =
        "Upserts projects on the académie's external reference from a file streamed in the body, in constant memory whatever its size (e.g. " +
        "`curl --data-binary @projects.csv -H \"Content-Type: text/csv\" …/api/v1/imports/projects?dryRun=true`). A row whose " +
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
        ImportDescription.Modes("the existing projects", ImportProjects.BatchSize) +
        // Its report and file errors paragraphs predate the shared ones and say less; the published document keeps them.
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
