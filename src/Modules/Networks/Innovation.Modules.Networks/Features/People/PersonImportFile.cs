using Innovation.BuildingBlocks.Imports;

namespace Innovation.Modules.Networks.Features.People;

/// <summary>
/// The file <see cref="ImportPeople"/> reads: its columns, with the other names each accepts, and what the endpoint's
/// OpenAPI description says of them and of the import.
/// </summary>
internal static class PersonImportFile
{
    internal static readonly ImportField Email = new("email", true, "e-mail", "mail", "courriel");
    internal static readonly ImportField FirstName = new("firstName", true, "prenom", "prénom");
    internal static readonly ImportField LastName = new("lastName", true, "nom");
    internal static readonly ImportField Academie = new("academie", false, "académie", "code_academie");
    internal static readonly ImportField SchoolUai = new("schoolUai", false, "uai");
    internal static readonly ImportField Functions = new("functions", true, "fonctions");

    internal static readonly IReadOnlyList<ImportField> Fields = [Email, FirstName, LastName, Academie, SchoolUai, Functions];

    internal static readonly string Description =
        "Upserts staff members on their professional e-mail within their académie (ignoring case) from a file streamed in the body, in constant " +
        "memory whatever its size (e.g. `curl --data-binary @people.csv -H \"Content-Type: text/csv\" …/api/v1/imports/people?dryRun=true`). " +
        "Same formats, modes, report and guarantees as `POST /api/v1/imports/schools`.\n\n" +
        "**Formats.** `text/csv`: RFC 4180, UTF-8 with or without BOM, a header line, `,` or `;` as separator. `application/x-ndjson`: one JSON " +
        "object per line. Any other Content-Type is a 415.\n\n" +
        "**Columns** (case-insensitive; accepted French names in brackets): `email` (courriel, mail), `firstName` (prenom), `lastName` (nom), " +
        "`academie` (optional: defaults to the caller's académie, else the school's), `schoolUai` (uai; optional, must be a school of the " +
        "directory in the same académie), `functions` (fonctions). " +
        $"A CSV without an {ImportDescription.Required(Fields)} column is refused; other columns are ignored and listed in `ignoredColumns`.\n\n" +
        "**Functions.** One or more of teacher, headOfSchool, cpc, ien, iaIpr, trainer, researcher, aesh, administrative, other (any case; a few " +
        "French labels such as enseignant, formateur, directeur are accepted), separated by `|` or `,` (quote a CSV cell that holds commas: " +
        "`\"teacher,trainer\"`); in NDJSON also a JSON array. Every row is checked by the same rules as `POST /api/v1/people`; an e-mail may " +
        "appear only once per file (a repeat names the first line); a person outside the caller's académie is rejected and never written. An " +
        "existing person with the same e-mail in the same académie is updated (or counted unchanged); erased people are never matched.\n\n" +
        "**Modes.** `mode=atomic` (default): one transaction, all or nothing; any rejected row makes it a 422 `import_rejected` carrying the " +
        "report, and nothing is written. `mode=partial`: the valid rows are written (in committed batches of 500) and the rejected ones " +
        "reported, with a 200. `dryRun=true`: every check runs and nothing is written; it answers 200 even with rejected rows.\n\n" +
        "**Report.** `created`, `updated`, `unchanged`, `rejected`, and `errors`: one `{line, column, message}` per problem (at most 1,000). " +
        "File errors (empty file, missing required column, invalid UTF-8, broken quoting) answer 422 `import_rejected` in every mode.\n\n" +
        "New people publish `PersonRegistered`, changed ones `PersonUpdated` (ids and codes only, never names or e-mails). With " +
        "`Idempotency-Key`, a retry replays the first report without importing again.";
}
