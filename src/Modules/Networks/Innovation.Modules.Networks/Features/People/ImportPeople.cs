using System.Data.Common;
using Innovation.BuildingBlocks.Imports;
using Innovation.Modules.Networks.Features.Schools;
using static Innovation.Modules.Networks.Features.People.PersonImportFile;

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
            var changes = new ImportChanges<PersonTable.Row, PersonTable.Row>(batch.Count);
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
                if (!existing.TryGetValue((pending.Row.Academie, pending.Row.EmailNormalized!), out var current))
                {
                    changes.Insert(pending.Row);
                }
                else
                {
                    changes.Update(current, pending.Row, current.SameDataAs(pending.Row));
                }
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
}
