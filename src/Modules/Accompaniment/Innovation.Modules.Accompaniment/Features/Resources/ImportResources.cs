using System.Data.Common;
using Innovation.BuildingBlocks.Imports;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Accompaniment.Features.Resources;

/// <summary>
/// <c>POST /api/v1/imports/resources</c>: upserts resources of the bank on their link within their académie from a CSV or
/// NDJSON body through the import pipeline (<see cref="ImportRun{TPending}"/>): each row mapped to a <see cref="BankResourceDraft"/>
/// and checked by the create endpoint's validator, then compared with the bank and written in batches of <see cref="BatchSize"/>.
/// </summary>
internal static class ImportResources
{
    public const int BatchSize = 200;

    internal static readonly ImportField Title = new("title", true, "titre");
    internal static readonly ImportField Description = new("description", true);
    internal static readonly ImportField Kind = new("kind", true, "type");
    internal static readonly ImportField Format = new("format", true);
    internal static readonly ImportField Themes = new("themes", false, "thèmes");
    internal static readonly ImportField Audience = new("audience", false, "public");
    internal static readonly ImportField GuideSections = new("guideSections", false, "sections");
    internal static readonly ImportField Link = new("link", true, "lien", "url");
    internal static readonly ImportField Language = new("language", true, "langue");
    internal static readonly ImportField Licence = new("licence", false, "license");
    internal static readonly ImportField Published = new("published", false, "publie");
    internal static readonly ImportField Academie = new("academie", false, "académie");

    internal static readonly IReadOnlyList<ImportField> Fields =
        [Title, Description, Kind, Format, Themes, Audience, GuideSections, Link, Language, Licence, Published, Academie];

    internal sealed record Command(ImportRequest Import) : ImportCommand(Import);

    internal sealed class Handler(IServiceProvider services) : ImportHandler<Command, Run>(services);

    /// <summary>A row that passed every check that needs no database, with the académie it belongs to.</summary>
    internal sealed record Pending(int Line, string LinkColumn, BankResourceDraft Draft, string Academie);

    /// <summary>One import: its body, its tally, the links seen so far and the académies named so far.</summary>
    internal sealed class Run(ImportRequest import, Db db, IMediator mediator, IValidator<BankResourceDraft> validator, TimeProvider time,
        CancellationToken cancellationToken)
        : ImportRun<Pending>(import, Fields, BatchSize, cancellationToken)
    {
        // By (académie, link).
        private readonly ImportKeys<(string, string)> _seen = new("a resource");
        private readonly ImportAcademies _academies = new(async named => (await mediator.Send(new FindAcademie(named), cancellationToken))?.Code);

        protected override async Task<ImportBatchOutcome> ApplyAsync(
            DbConnection connection, DbTransaction? transaction, IReadOnlyList<Pending> batch)
        {
            var outcome = new ImportBatchOutcome();
            var now = time.GetUtcNow();
            var writes = new List<(ResourceTable.Row Row, ResourceTable.Row? Existing)>();
            foreach (var academie in batch.GroupBy(p => p.Academie))
            {
                var current = (await connection.QueryAsync<ResourceTable.Row>(ResourceTable.FindByLinksSql,
                    new { Academie = academie.Key, Links = academie.Select(p => p.Draft.Link!.Trim()).ToList() }, transaction)).ToList();
                _ = await ResourceTable.LoadAsync(db, connection, current, transaction);
                var byLink = current.ToDictionary(r => r.Link, StringComparer.Ordinal);
                foreach (var pending in academie)
                {
                    var existing = byLink.GetValueOrDefault(pending.Draft.Link!.Trim());
                    var row = ResourceTable.Row.From(pending.Draft, academie.Key, now, existing);
                    if (outcome.Compare(existing, row, static (a, b) => a.SameDataAs(b)))
                    {
                        writes.Add((row, existing));
                    }
                }
            }

            return await WriteAsync(transaction, outcome, "A resource",
                t => ResourceTable.SaveManyAsync(connection, t, writes, Import.Caller, "import"));
        }

        protected override async Task<Pending?> CheckAsync(ImportCheck row)
        {
            var draft = new BankResourceDraft(
                row.Text(Title),
                row.Text(Description),
                row.Value(Kind, ImportValues.LooseCode<BankResourceKind>,
                    static t => $"Unknown kind '{t}': use {ImportValues.CodeList<BankResourceKind>()} (or the guide's AUDIO, VIDEO, SITEWEB…)."),
                row.Value(Format, ImportValues.LooseCode<BankResourceFormat>,
                    static t => $"Unknown format '{t}': use {ImportValues.CodeList<BankResourceFormat>()}."),
                row.Texts(Themes, "|,", "Expected theme codes as text or as a JSON array of texts."),
                row.Texts(Audience, "|", "Expected the audience as text or as a JSON array of texts."),
                row.Texts(GuideSections, "|,;", "Expected guide sections as text or as a JSON array of texts."),
                row.Text(Link),
                row.Text(Language)?.ToLowerInvariant(),
                row.Text(Licence),
                row.Value(Published, ImportValues.Boolean, static t => $"'{t}' is not true or false."),
                row.Text(Academie));
            await row.ValidateAsync(validator, draft, CancellationToken);

            var academie = await _academies.CodeOrCallersAsync(row, Academie, draft.Academie, Import.Caller,
                BankResourceDraftValidator.AcademieRequired);
            if (academie is not null && !Import.Caller.Sees(academie))
            {
                row.Error(Academie, OutsideAcademie("This resource"));
                academie = null;
            }

            if (academie is not null && draft.Link is { } link && !row.HasErrors)
            {
                _seen.Check(row, Link, (academie, link.Trim()), "This link");
            }

            return row.HasErrors || academie is null ? null : new Pending(row.Line, row.Column(Link), draft, academie);
        }
    }

    public static void Map(IEndpointRouteBuilder api) => api.MapImport("/imports/resources", import => new Command(import), "ImportBankResources",
        "Import resources of the bank from a CSV or NDJSON file", EndpointDescription);

    internal static readonly string EndpointDescription = ImportDescription.Of(
        ImportDescription.Upserts("resources of the bank on their link within their académie", "resources"),
        ImportDescription.ColumnsParagraph(Fields, "accepted French names"),
        "kind and format take the API's codes in any case and with or without separators (the guide's AUDIO, VIDEO, " +
        "DOCUMENT, SCHEMA, SITEWEB included); themes separated by `|` or `,`, audience by `|`, guide sections (`I 3.1` … `II 4.3`) by " +
        "`|`, `,` or `;`, or in NDJSON JSON arrays; published true or false (empty is false); academie defaults to the caller's (a national " +
        "credential must give it). Every row is checked by the same rules as `POST /api/v1/accompaniment/resources` (a link that is not " +
        "http(s) is an error on `link`; links are never fetched); a link may appear only once per académie in a file (a repeat names the " +
        "first line); a resource outside the caller's académie is rejected and never written. An existing resource of the académie with " +
        "the same link is updated (or counted unchanged).",
        "the bank that counts created / updated / unchanged", BatchSize, "A resource the import publishes publishes `ResourcePublished`.");
}
