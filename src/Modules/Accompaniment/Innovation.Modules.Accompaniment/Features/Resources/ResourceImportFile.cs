using Innovation.BuildingBlocks.Imports;

namespace Innovation.Modules.Accompaniment.Features.Resources;

/// <summary>
/// The file <see cref="ImportResources"/> reads: its columns, with the other names each accepts, and what the endpoint's
/// OpenAPI description says of them and of the import.
/// </summary>
internal static class ResourceImportFile
{
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

    internal static readonly string EndpointDescription = ImportDescription.Of(
        "Upserts resources of the bank on their link within their académie from a file streamed in the body (e.g. `curl --data-binary " +
        "@resources.csv -H \"Content-Type: text/csv\" …/api/v1/imports/resources?dryRun=true`).\n\n",
        ImportDescription.ColumnsParagraph(Fields, "accepted French names"),
        "**Values.** kind and format take the API's codes in any case and with or without separators (the guide's AUDIO, VIDEO, " +
        "DOCUMENT, SCHEMA, SITEWEB included); themes separated by `|` or `,`, audience by `|`, guide sections (`I 3.1` … `II 4.3`) by " +
        "`|`, `,` or `;`, or in NDJSON JSON arrays; published true or false (empty is false); academie defaults to the caller's (a national " +
        "credential must give it). Every row is checked by the same rules as `POST /api/v1/accompaniment/resources` (a link that is not " +
        "http(s) is an error on `link`; links are never fetched); a link may appear only once per académie in a file (a repeat names the " +
        "first line); a resource outside the caller's académie is rejected and never written. An existing resource of the académie with " +
        "the same link is updated (or counted unchanged).\n\n",
        "the bank that counts created / updated / unchanged", ImportResources.BatchSize,
        "A resource the import publishes publishes `ResourcePublished`. With `Idempotency-Key`, a retry replays the first report without " +
        "importing again.");
}
