using System.Text;
using Innovation.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// Streams the rows of an import body, CSV (RFC 4180, <c>,</c> or <c>;</c>) or NDJSON, in constant
/// memory: one record at a time, each at most <see cref="MaxRecordLength"/>. The body must be UTF-8
/// (with or without BOM); invalid bytes are a file error, never silently replaced. Consumers name
/// the fields they understand; everything else is listed in <see cref="IgnoredColumns"/>.
/// </summary>
public abstract class ImportReader : IAsyncDisposable
{
    public const string CsvMediaType = "text/csv";
    public const string NdjsonMediaType = "application/x-ndjson";

    /// <summary>Longest record (CSV, in characters) or line (NDJSON, in bytes): 1 MiB.</summary>
    public const int MaxRecordLength = 1 << 20;

    /// <summary>At most this many ignored columns are listed (an NDJSON file may vary its keys on every line).</summary>
    public const int MaxIgnoredColumns = 100;

    /// <summary>Strict UTF-8: an invalid byte throws instead of becoming U+FFFD.</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly List<string> _ignored = [];
    private readonly HashSet<string> _ignoredSet = new(StringComparer.OrdinalIgnoreCase);

    private protected ImportReader(IReadOnlyList<ImportField> fields)
    {
        Fields = fields;
        FieldIndex = fields.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i);
        foreach (var (field, index) in FieldIndex)
        {
            for (var rank = 0; rank < field.Names.Count; rank++)
            {
                ColumnIndex.TryAdd(field.Names[rank], (index, rank));
            }
        }
    }

    /// <summary>Columns of the file that no field uses, in the order first seen (at most <see cref="MaxIgnoredColumns"/>).</summary>
    public IReadOnlyList<string> IgnoredColumns => _ignored;

    private protected IReadOnlyList<ImportField> Fields { get; }

    private protected Dictionary<ImportField, int> FieldIndex { get; }

    /// <summary>Every accepted column name → (field index, preference rank).</summary>
    private protected Dictionary<string, (int Field, int Rank)> ColumnIndex { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Opens <paramref name="body"/> by its media type: <c>text/csv</c> or <c>application/x-ndjson</c>
    /// (charset, if given, must be UTF-8), anything else a 415 problem. A CSV header is read and
    /// checked here (a missing required column is an <see cref="ImportFileException"/> on line 1).
    /// </summary>
    public static async Task<ImportReader> OpenAsync(
        Stream body, string? contentType, IReadOnlyList<ImportField> fields, CancellationToken cancellationToken)
    {
        var isCsv = IsCsv(contentType);
        var checkedBody = new Utf8CheckingStream(body);
        return isCsv
            ? await CsvImportReader.OpenAsync(checkedBody, fields, cancellationToken)
            : new NdjsonImportReader(checkedBody, fields);
    }

    /// <summary>True for CSV, false for NDJSON; a 415 problem for anything else.</summary>
    public static bool IsCsv(string? contentType)
    {
        if (MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            var charset = media.Charset.ToString().Trim('"');
            if (charset.Length > 0 && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                throw Unsupported($"The body must be UTF-8, not {charset}: convert the file and send charset=utf-8 (or no charset).");
            }

            if (media.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (media.MediaType.Equals(NdjsonMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        throw Unsupported(string.IsNullOrWhiteSpace(contentType)
            ? $"Send Content-Type: {CsvMediaType} or {NdjsonMediaType}."
            : $"Content-Type '{contentType}' is not accepted here: send {CsvMediaType} or {NdjsonMediaType}.");
    }

    /// <summary>The rows, in file order. File-level problems surface as <see cref="ImportFileException"/>.</summary>
    public abstract IAsyncEnumerable<ImportRow> ReadAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    private protected void NoteIgnored(string column)
    {
        if (column.Length > 0 && _ignored.Count < MaxIgnoredColumns && _ignoredSet.Add(column))
        {
            _ignored.Add(column);
        }
    }

    private static ProblemException Unsupported(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Unsupported media type", detail);
}
