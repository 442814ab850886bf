using System.Data.Common;
using Innovation.BuildingBlocks.Imports;
using Innovation.Modules.Networks.Features.Schools;

namespace Innovation.Modules.Networks.Features.People;

/// <summary>
/// <c>POST /api/v1/imports/people</c>: upserts people on their e-mail within their académie from a
/// CSV or NDJSON body, exactly as <see cref="ImportSchools"/> does for schools: streamed row by row,
/// each row mapped to a <see cref="PersonDraft"/> and checked by the create endpoint's validator,
/// then compared with the directory and written in batches of <see cref="BatchSize"/>. Only the
/// batch and the e-mails already seen are held in memory.
/// </summary>
internal static class ImportPeople
{
    public const int BatchSize = 500;

    internal static readonly ImportField Email = new("email", true, "e-mail", "mail", "courriel");
    internal static readonly ImportField FirstName = new("firstName", true, "prenom", "prénom");
    internal static readonly ImportField LastName = new("lastName", true, "nom");
    internal static readonly ImportField Academie = new("academie", false, "académie", "code_academie");
    internal static readonly ImportField SchoolUai = new("schoolUai", false, "uai");
    internal static readonly ImportField Functions = new("functions", true, "fonctions");

    internal static readonly IReadOnlyList<ImportField> Fields = [Email, FirstName, LastName, Academie, SchoolUai, Functions];

    internal sealed record Command(ImportRequest Import) : ImportCommand(Import);

    internal sealed class Handler(IServiceProvider services) : ImportHandler<Command, Run>(services);

    /// <summary>
    /// A row that passed every check that needs no database, waiting for its batch. Its académie is
    /// empty when it is to follow from the school (a national credential and no académie column).
    /// </summary>
    internal sealed record Pending(int Line, ImportRow Source, PersonTable.Row Row);

    /// <summary>One import: its body, its tally, and the e-mails seen so far.</summary>
    internal sealed class Run(ImportRequest import, Territory territory, IValidator<PersonDraft> validator, TimeProvider time,
        CancellationToken cancellationToken)
        : ImportRun<Pending>(import, Fields, BatchSize, cancellationToken)
    {
        // By their normalised e-mail.
        private readonly ImportKeys<string> _seen = new("a person", StringComparer.Ordinal);
        private Territory.Snapshot _territory = null!;

        protected override string StructuredCellProblem => "Expected a text, not a JSON object or array.";

        protected override async Task StartAsync() => _territory = await territory.GetAsync(CancellationToken);

        /// <summary>
        /// Checks a batch against the school directory and compares it with the people directory
        /// (two queries) and, when this import is writing, inserts and updates it.
        /// </summary>
        protected override async Task<ImportBatchOutcome> ApplyAsync(
            DbConnection connection, DbTransaction? transaction, IReadOnlyList<Pending> batch)
        {
            var uais = batch.Select(p => p.Row.SchoolUai).OfType<string>().Distinct().ToList();
            var schools = (await SchoolTable.FindManyAsync(connection, transaction, uais))
                .ToDictionary(s => s.Uai, s => s.Academie, StringComparer.Ordinal);
            var changes = new ImportChanges<PersonTable.Row>(batch.Count);
            var accepted = new List<Pending>(batch.Count);
            foreach (var pending in batch)
            {
                var row = pending.Row;
                if (row.Academie == "" && row.SchoolUai is { } uai && schools.TryGetValue(uai, out var schoolAcademie))
                {
                    row.Academie = schoolAcademie;
                }

                if (row.Academie != "" && !Import.Caller.Sees(row.Academie))
                {
                    changes.Reject(new ImportError(pending.Line, pending.Source[Email].Column, OutsideAcademie("This person")));
                }
                else if (row.SchoolUai is { } school && (row.Academie == "" || schools.GetValueOrDefault(school) != row.Academie))
                {
                    changes.Reject(new ImportError(pending.Line, pending.Source[SchoolUai].Column,
                        row.Academie == "" ? $"No school {school} in the directory." : PersonTable.UnknownSchool(school, row.Academie)));
                }
                else
                {
                    accepted.Add(pending);
                }
            }

            var existing = await PersonTable.FindManyByEmailAsync(connection, transaction, accepted.Select(p => p.Row.EmailNormalized!));
            foreach (var pending in accepted)
            {
                changes.Upsert(existing.GetValueOrDefault((pending.Row.Academie, pending.Row.EmailNormalized!)), pending.Row,
                    static (current, row) => current.SameDataAs(row));
            }

            return await WriteAsync(transaction, changes.Outcome, "A person", async t =>
            {
                var now = time.GetUtcNow();
                await PersonTable.InsertManyAsync(connection, t, changes.Inserts, Import.Caller, now);
                return await PersonTable.UpdateManyAsync(connection, t, changes.Updates, Import.Caller, now);
            });
        }

        protected override async Task<Pending?> CheckAsync(ImportCheck row)
        {
            var draft = new PersonDraft(
                row.Text(FirstName), row.Text(LastName), row.Text(Email), row.Text(Academie), row.Text(SchoolUai), ReadFunctions(row));
            var result = await row.ValidateAsync(validator, draft, CancellationToken);
            if (draft.Email is { } email && result.Errors.All(f => f.PropertyName != nameof(PersonDraft.Email)))
            {
                _seen.Check(row, Email, PersonTable.NormalizeEmail(email), email, static e => $"E-mail {e}");
            }

            if (!row.HasErrors && Import.Caller.IsNational && draft.Academie is null && draft.SchoolUai is null)
            {
                row.Error(Academie, "A national credential must give each person's académie (an academie column) or their school.");
            }

            // An empty académie is resolved from the school when the batch is applied.
            return row.HasErrors ? null : new Pending(row.Line, row.Row, PersonTable.Row.From(draft, _territory, Import.Caller, _ => "")!);
        }

        /// <summary>
        /// The functions cell: codes or French labels separated by <c>|</c> or <c>,</c> (a CSV cell
        /// holding commas is quoted), or in NDJSON a JSON array of them.
        /// </summary>
        private static List<PersonFunction>? ReadFunctions(ImportCheck row) =>
            row.Values(Functions, "|,", "Expected function codes as text or as a JSON array of texts.",
                static t => PersonFunctions.FromLabel(TextKey.Of(t)),
                static t => $"Unknown function '{t}': use {ImportValues.CodeList<PersonFunction>()}, separated by | or ,.");
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapImport("/imports/people", import => new Command(import), "ImportPeople", "Import people from a CSV or NDJSON file", Description);

    // Older than ImportDescription's shared paragraphs, and shorter: the published document keeps it as it is.
    internal static readonly string Description =
        ImportDescription.Upserts("staff members on their professional e-mail within their académie (ignoring case)", "people", true) +
        " Same formats, modes, report and guarantees as `POST /api/v1/imports/schools`.\n\n" +
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
        $"report, and nothing is written. `mode=partial`: the valid rows are written (in committed batches of {BatchSize}) and the rejected ones " +
        "reported, with a 200. `dryRun=true`: every check runs and nothing is written; it answers 200 even with rejected rows.\n\n" +
        "**Report.** `created`, `updated`, `unchanged`, `rejected`, and `errors`: one `{line, column, message}` per problem (at most 1,000). " +
        "File errors (empty file, missing required column, invalid UTF-8, broken quoting) answer 422 `import_rejected` in every mode.\n\n" +
        "New people publish `PersonRegistered`, changed ones `PersonUpdated` (ids and codes only, never names or e-mails). " +
        ImportDescription.Replay;
}
