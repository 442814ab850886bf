using System.Data.Common;
using System.Globalization;
using Innovation.BuildingBlocks.Imports;
using Innovation.BuildingBlocks.Messaging;

namespace Innovation.Modules.Networks.Features.Schools;

/// <summary>
/// <c>POST /api/v1/imports/schools</c>: upserts schools on their UAI from a CSV or NDJSON body,
/// streamed row by row (the building block's <see cref="ImportReader"/>), mapped to a
/// <see cref="SchoolDraft"/>, checked by the same validator as the create endpoint, and written in
/// batches of <see cref="BatchSize"/>. Only the batch and the UAIs already seen (7 digits → line)
/// are held in memory.
/// </summary>
internal static class ImportSchools
{
    public const int BatchSize = 500;

    internal static readonly ImportField Uai = new("uai", true, "identifiant_de_l_etablissement");
    internal static readonly ImportField Name = new("name", true, "nom_etablissement");
    internal static readonly ImportField Type = new("type", true, "type_etablissement");
    internal static readonly ImportField Sector = new("sector", true, "statut_public_prive");
    internal static readonly ImportField Address = new("address", false, "adresse_1");
    internal static readonly ImportField Postcode = new("postcode", false, "code_postal");
    internal static readonly ImportField Commune = new("commune", false, "nom_commune");
    internal static readonly ImportField Departement = new("departement", true, "code_departement");
    internal static readonly ImportField Academie = new("academie", false, "code_academie", "libelle_academie")
    {
        Note = "code_academie, else libelle_academie",
    };
    internal static readonly ImportField Circonscription = new("circonscription", false, "nom_circonscription");
    internal static readonly ImportField PriorityEducation = new("priorityEducation", false, "appartenance_education_prioritaire");
    internal static readonly ImportField Latitude = new("latitude");
    internal static readonly ImportField Longitude = new("longitude");
    internal static readonly ImportField Status = new("status", false, "etat");

    internal static readonly IReadOnlyList<ImportField> Fields =
    [
        Uai, Name, Type, Sector, Address, Postcode, Commune, Departement, Academie, Circonscription, PriorityEducation, Latitude, Longitude, Status,
    ];

    internal sealed record Command(ImportRequest Import) : ImportCommand(Import);

    internal sealed class Handler(IServiceProvider services) : ImportHandler<Command, Run>(services);

    /// <summary>
    /// A row that passed every check that needs no database, waiting for its batch; with its search
    /// text, its SchoolRegistered event and its audit changes computed on the reading thread, in case
    /// the row is new (the usual case), so that the thread writing the previous batch only binds them.
    /// </summary>
    internal sealed record Pending(int Line, string UaiColumn, SchoolTable.Row Row, OutboxPayload Registered, string? CreatedChanges);

    /// <summary>One import: its body, its tally, and the UAIs seen so far.</summary>
    internal sealed class Run(ImportRequest import, Territory territory, IValidator<SchoolDraft> validator, TimeProvider time,
        CancellationToken cancellationToken)
        : ImportRun<Pending>(import, Fields, BatchSize, cancellationToken)
    {
        // By their 7-digit number.
        private readonly ImportKeys<int> _seen = new("a school");
        private Territory.Snapshot _territory = null!;

        // The checks read only the row, the territory and _seen; a batch's write reads only the caller
        // and the rejections so far (a row rejected meanwhile in an atomic import only means an earlier batch
        // is written and then rolled back with the rest). So the next batch can be read while one is written.
        protected override bool OverlapsWrites => true;

        protected override async Task StartAsync() => _territory = await territory.GetAsync(CancellationToken);

        /// <summary>Compares a batch with the directory (one query) and, when this import is writing, inserts and updates it.</summary>
        protected override async Task<ImportBatchOutcome> ApplyAsync(
            DbConnection connection, DbTransaction? transaction, IReadOnlyList<Pending> batch)
        {
            var existing = (await SchoolTable.FindManyAsync(connection, transaction, batch.Select(p => p.Row.Uai).ToList()))
                .ToDictionary(r => r.Uai, StringComparer.Ordinal);
            var changes = new ImportChanges<(SchoolTable.Row, OutboxPayload, string?), SchoolTable.Row>(batch.Count);
            foreach (var pending in batch)
            {
                if (!existing.TryGetValue(pending.Row.Uai, out var current))
                {
                    changes.Insert((pending.Row, pending.Registered, pending.CreatedChanges));
                }
                else if (!Import.Caller.Sees(current.Academie))
                {
                    // Worded exactly as for a new school of another académie: nothing more leaks.
                    changes.Reject(new ImportError(pending.Line, pending.UaiColumn, OutsideAcademie($"School {pending.Row.Uai}")));
                }
                else
                {
                    changes.Update(current, pending.Row, current.SameDataAs(pending.Row));
                }
            }

            return await WriteAsync(transaction, changes.Outcome, "A school", async t =>
            {
                var now = time.GetUtcNow();
                await SchoolTable.InsertManyAsync(connection, t, changes.Inserts, Import.Caller.Id, now);
                return await SchoolTable.UpdateManyAsync(connection, t, changes.Updates, Import.Caller.Id, now);
            });
        }

        protected override async Task<Pending?> CheckAsync(ImportCheck row)
        {
            var draft = new SchoolDraft(
                row.Text(Uai),
                row.Text(Name),
                row.Value(Type, ParseType,
                    static t => $"Unknown value '{t}': use ecole, college, lycee, erea or other "
                        + "(or the annuaire's École, Collège, Lycée, EREA…)."),
                row.Value(Sector, ParseSector, static t => $"Unknown value '{t}': use public or private (or the annuaire's Public, Privé)."),
                row.Text(Address),
                row.Text(Postcode),
                row.Text(Commune),
                row.Text(Departement),
                row.Text(Academie),
                row.Text(Circonscription),
                row.Value(PriorityEducation, ParsePriority,
                    static t => $"Unknown value '{t}': use none, rep or repPlus (or the annuaire's REP, REP+, Hors EP, or an empty cell)."),
                row.Value(Latitude, ImportValues.Number, NotANumber),
                row.Value(Longitude, ImportValues.Number, NotANumber),
                row.Value(Status, ParseStatus,
                    static t => $"Unknown value '{t}': use open or closed (or the annuaire's OUVERT, A OUVRIR, A FERMER, FERME)."));

            // The validator words the errors; rows it would accept (nearly all) skip it.
            if (row.HasErrors || !SchoolDraftValidator.Accepts(draft, _territory))
            {
                await row.ValidateAsync(validator, draft, CancellationToken);
            }

            if (Domain.Uai.Normalize(draft.Uai, out _) is { } uai)
            {
                _seen.Check(row, Uai, int.Parse(uai.AsSpan(0, 7), CultureInfo.InvariantCulture), uai, static u => $"UAI {u}");
            }

            if (row.HasErrors)
            {
                return null;
            }

            var school = SchoolTable.Row.From(draft, _territory);
            if (!Import.Caller.Sees(school.Academie))
            {
                row.Error(Uai, OutsideAcademie($"School {school.Uai}"));
                return null;
            }

            _ = school.SearchText;
            return new Pending(row.Line, row.Column(Uai), school, SchoolTable.Registered(school), school.CreatedChanges());
        }
    }

    private static string NotANumber(string text) => $"'{text}' is not a number (use a dot or a comma for decimals, e.g. 48.85 or 48,85).";

    // Value mappers of a cell's text, compared as TextKey.Of(text) (lower case, accents removed).
    internal static SchoolType? ParseType(string text) => TextKey.Of(text) switch
    {
        "ecole" => SchoolType.Ecole,
        "college" => SchoolType.College,
        "lycee" => SchoolType.Lycee,
        "erea" => SchoolType.Erea,
        _ => SchoolType.Other, // the annuaire's other kinds: "Médico-social", "Information et orientation"…
    };

    internal static SchoolSector? ParseSector(string text) => TextKey.Of(text) switch
    {
        "public" => SchoolSector.Public,
        "private" or "prive" => SchoolSector.Private,
        _ => null,
    };

    internal static PriorityEducation? ParsePriority(string text) => TextKey.Of(text) switch
    {
        "none" or "hors ep" or "non" => Domain.PriorityEducation.None,
        "rep" => Domain.PriorityEducation.Rep,
        "repplus" or "rep+" => Domain.PriorityEducation.RepPlus,
        _ => null,
    };

    internal static SchoolStatus? ParseStatus(string text) => TextKey.Of(text) switch
    {
        "open" or "ouvert" or "a ouvrir" or "a fermer" => SchoolStatus.Open,
        "closed" or "ferme" or "fermee" => SchoolStatus.Closed,
        _ => null,
    };

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapImport("/imports/schools", import => new Command(import), "ImportSchools", "Import schools from a CSV or NDJSON file", Description);

    internal static readonly string Description = ImportDescription.Of(
        ImportDescription.Upserts("schools on their UAI", "schools", true),
        "**Columns** (case-insensitive; the national *annuaire de l'éducation* names in brackets are accepted too): " +
        $"{ImportDescription.Columns(Fields)}. A CSV without a {ImportDescription.Required(Fields)} column is refused; other columns are " +
        "ignored and listed in `ignoredColumns`.\n\n",
        "The API's codes (any case), or the annuaire's labels: type École / Collège / Lycée / EREA (any other label is `other`); " +
        "sector Public / Privé; priority education REP / REP+ / Hors EP (empty is `none`); etat OUVERT, A OUVRIR, A FERMER (`open`) or FERME " +
        "(`closed`). Numbers take a dot or a decimal comma. An empty cell is no value. Every row is checked by the same rules as `POST " +
        "/api/v1/schools`; a value that cannot be read (latitude `abc`, sector `maybe`) is an error on its column; a UAI may appear only once " +
        "per file (a repeat names the first line); a school outside the caller's académie is rejected and never written.",
        "the directory that counts created / updated / unchanged", BatchSize,
        "New schools publish `SchoolRegistered`, changed ones `SchoolUpdated` (or `SchoolClosed`); unchanged ones publish nothing.");
}
