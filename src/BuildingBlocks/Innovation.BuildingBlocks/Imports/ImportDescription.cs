namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// The parts of an import endpoint's OpenAPI description that the pipeline decides, so every import
/// states them alike: the formats, the modes, the report and the file errors, and the columns as the
/// import declares its <see cref="ImportField"/>s. The import writes what is its own around them.
/// </summary>
public static class ImportDescription
{
    public const string Formats =
        "**Formats.** `text/csv`: RFC 4180, UTF-8 with or without BOM, a header line, `,` or `;` as separator (detected on the header line); " +
        "quoted fields may hold separators, quotes (doubled) and line breaks. `application/x-ndjson`: one JSON object per line, blank lines " +
        "ignored. Any other Content-Type is a 415; bytes that are not UTF-8 reject the file.\n\n";

    public const string Report =
        "**Report.** `created`, `updated`, `unchanged`, `rejected` (rows), and `errors`: one `{line, column, message}` per problem. `line` " +
        "counts the CSV header as line 1 and each record as one line, even when a quoted field holds a line break (NDJSON: the physical line; " +
        "for invalid UTF-8, the physical line of the bad byte). `column` is the column as the file names it. At most 1,000 errors are listed: " +
        "beyond, `errorsTruncated` is true and `rejected` still counts every row.\n\n";

    public const string FileErrors =
        "**File errors** (empty file, missing required column on line 1, duplicated header column, invalid UTF-8, broken CSV quoting, a CSV " +
        "record over 1 MiB) answer 422 `import_rejected` in every mode, dry run included; in partial mode the valid rows read before the error " +
        "stay written. A CSV record with the wrong number of fields, or an NDJSON line that is not one JSON object or is over 1 MiB, only " +
        "rejects that row.\n\n";

    // Not a const: the T-SQL test parses every const text that starts like a statement ("With").
    /// <summary>The closing sentence of an import: a retry replays its report.</summary>
    public static readonly string Replay = "With `Idempotency-Key`, a retry replays the first report without importing again.";

    /// <summary>
    /// A description in the usual order: <paramref name="intro"/>, the formats, <paramref name="columns"/>, the
    /// <paramref name="values"/> paragraph (the import's own), the modes, the report, the file errors, then <paramref name="events"/>
    /// (what the import publishes, if anything) and <see cref="Replay"/>.
    /// </summary>
    public static string Of(string intro, string columns, string values, string comparedWith, int batchSize, string events = "") =>
        intro + "\n\n" + Formats + columns + "**Values.** " + values + "\n\n" + Modes(comparedWith, batchSize) + Report + FileErrors
        + (events.Length > 0 ? events + " " : "") + Replay;

    /// <summary>
    /// The opening sentence: what the import upserts (<paramref name="what"/>: "schools on their UAI"), and the example of a dry run
    /// of <c>POST /api/v1/imports/{kind}</c> with <paramref name="file"/>, by default <c>{kind}.csv</c>.
    /// </summary>
    public static string Upserts(string what, string kind, bool constantMemory = false, string? file = null) =>
        $"Upserts {what} from a file streamed in the body{(constantMemory ? ", in constant memory whatever its size" : "")} (e.g. " +
        $"`curl --data-binary @{file ?? kind + ".csv"} -H \"Content-Type: text/csv\" …/api/v1/imports/{kind}?dryRun=true`).";

    /// <summary>The modes paragraph; a dry run runs every check, including the comparison with <paramref name="comparedWith"/>.</summary>
    public static string Modes(string comparedWith, int batchSize) =>
        "**Modes.** `mode=atomic` (default): one transaction, all or nothing; if any row is rejected nothing is written and the answer is a 422 " +
        "`import_rejected` problem carrying the report (its `created`, `updated` and `unchanged` then say what the valid rows would have done). " +
        $"`mode=partial`: the valid rows are written (in committed batches of {batchSize}) and the rejected ones reported, with a 200. " +
        $"`dryRun=true`: every check runs, including the comparison with {comparedWith}, and nothing is written; a dry run answers 200 even " +
        "with rejected rows.\n\n";

    /// <summary>
    /// The columns paragraph: every field with the other names it accepts in brackets (<paramref name="otherNames"/> says which:
    /// "accepted French names"), and the rule of a CSV without a required column.
    /// </summary>
    public static string ColumnsParagraph(IReadOnlyList<ImportField> fields, string otherNames) =>
        $"**Columns** (case-insensitive; {otherNames} in brackets): {Columns(fields)}. A CSV without a {Required(fields)} column is refused; " +
        "other columns are ignored and listed in `ignoredColumns`.\n\n";

    /// <summary>
    /// The fields as a list for the columns paragraph: <c>`name` (alias, alias)</c>, or <c>`name` (note)</c> for a field with
    /// a <see cref="ImportField.Note"/>, separated by commas.
    /// </summary>
    public static string Columns(IEnumerable<ImportField> fields) => string.Join(", ", fields.Select(f =>
        (f.Note ?? string.Join(", ", f.Names.Skip(1))) is { Length: > 0 } brackets ? $"`{f.Name}` ({brackets})" : $"`{f.Name}`"));

    /// <summary>The required fields, <c>`a`, `b` or `c`</c>: a CSV without one of their columns is refused.</summary>
    public static string Required(IEnumerable<ImportField> fields)
    {
        var names = fields.Where(f => f.Required).Select(f => $"`{f.Name}`").ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
    }
}
