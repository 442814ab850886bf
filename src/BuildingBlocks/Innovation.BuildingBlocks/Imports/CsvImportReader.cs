using System.Runtime.CompilerServices;
using System.Text;
using Sylvan.Data.Csv;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// CSV rows through Sylvan.Data.Csv: RFC 4180 quoting (separators, quotes and line breaks inside
/// quoted fields), the separator (<c>,</c> or <c>;</c>) detected on the header line, no comment
/// lines, blank records skipped. A record with another field count than the header is malformed;
/// broken quoting stops the file (the reader cannot find the next record reliably).
/// </summary>
internal sealed class CsvImportReader : ImportReader
{
    private readonly StreamReader _text;
    private readonly CsvDataReader _csv;
    private readonly int _headerCount;
    private readonly string[] _header;
    private readonly int[] _ordinals;
    private readonly string?[] _columns;

    private CsvImportReader(IReadOnlyList<ImportField> fields, StreamReader text, CsvDataReader csv) : base(fields)
    {
        _text = text;
        _csv = csv;
        _headerCount = csv.FieldCount;
        _header = new string[_headerCount];
        for (var i = 0; i < _headerCount; i++)
        {
            var name = csv.GetName(i).Trim();
            _header[i] = i == 0 ? name.TrimStart('\uFEFF').Trim() : name;
        }

        var duplicates = _header.Where(h => h.Length > 0).GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => new ImportError(1, g.Key, $"Column '{g.Key}' appears {g.Count()} times in the header; keep one.")).ToList();
        if (duplicates.Count > 0)
        {
            throw new ImportFileException(duplicates);
        }

        // Each field reads the first of its names present in the header.
        _ordinals = new int[fields.Count];
        _columns = new string?[fields.Count];
        var best = new int[fields.Count];
        Array.Fill(_ordinals, -1);
        Array.Fill(best, int.MaxValue);
        for (var i = 0; i < _headerCount; i++)
        {
            if (ColumnIndex.TryGetValue(_header[i], out var match) && match.Rank < best[match.Field])
            {
                best[match.Field] = match.Rank;
                _ordinals[match.Field] = i;
                _columns[match.Field] = _header[i];
            }
        }

        for (var i = 0; i < _headerCount; i++)
        {
            if (!_ordinals.Contains(i))
            {
                NoteIgnored(_header[i]);
            }
        }

        var missing = fields.Select((f, i) => (f, i)).Where(p => p.f.Required && _ordinals[p.i] < 0)
            .Select(p => new ImportError(1, p.f.Name, p.f.Names.Count == 1
                ? $"Required column '{p.f.Name}' is missing from the header."
                : $"Required column '{p.f.Name}' (or {string.Join(", ", p.f.Names.Skip(1).Select(n => $"'{n}'"))}) is missing from the header."))
            .ToList();
        if (missing.Count > 0)
        {
            throw new ImportFileException(missing);
        }
    }

    public static async Task<CsvImportReader> OpenAsync(Stream body, IReadOnlyList<ImportField> fields, CancellationToken cancellationToken)
    {
        var text = new StreamReader(body, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        try
        {
            var (prefix, delimiter) = await ReadHeaderLineAsync(text, cancellationToken);
            CsvDataReader csv;
            try
            {
                csv = await CsvDataReader.CreateAsync(new ReplayReader(prefix, text), new CsvDataReaderOptions
                {
                    Delimiter = delimiter,
                    Comment = '\0',
                    HasHeaders = true,
                    BufferSize = 64 * 1024,
                    MaxBufferSize = MaxRecordLength,
                    OwnsReader = false,
                }, cancellationToken);
            }
            catch (CsvMissingHeadersException)
            {
                throw Empty();
            }
            catch (CsvFormatException e)
            {
                throw Broken(e, line: 1, header: null);
            }

            return new CsvImportReader(fields, text, csv);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    public override async IAsyncEnumerable<ImportRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var line = 1;
        while (true)
        {
            bool more;
            try
            {
                more = await _csv.ReadAsync(cancellationToken);
            }
            catch (CsvFormatException e)
            {
                throw Broken(e, line + 1, _header);
            }

            if (!more)
            {
                yield break;
            }

            line++;
            if (_csv.RowFieldCount == 0 || (_csv.RowFieldCount == 1 && _csv.GetFieldSpan(0).IsWhiteSpace()))
            {
                continue;
            }

            if (_csv.RowFieldCount != _headerCount)
            {
                yield return ImportRow.Broken(line, null,
                    $"This record has {_csv.RowFieldCount} fields but the header has {_headerCount}: check for an unquoted separator, a missing " +
                        $"one, or a stray quote.");
                continue;
            }

            var values = new string?[_ordinals.Length];
            for (var i = 0; i < _ordinals.Length; i++)
            {
                if (_ordinals[i] >= 0 && _csv.GetFieldSpan(_ordinals[i]) is { IsEmpty: false } span)
                {
                    values[i] = span.ToString();
                }
            }

            yield return new ImportRow(line, FieldIndex, _columns, values, null);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _csv.DisposeAsync();
        _text.Dispose();
    }

    /// <summary>
    /// Reads up to the end of the header line (a line break outside quotes) and picks the separator
    /// that occurs more often on it outside quotes: <c>;</c> or <c>,</c> (the default on a tie).
    /// Returns everything read, for the CSV reader to read again.
    /// </summary>
    private static async Task<(string Prefix, char Delimiter)> ReadHeaderLineAsync(TextReader text, CancellationToken cancellationToken)
    {
        var read = new StringBuilder();
        var chunk = new char[4096];
        int commas = 0, semicolons = 0, scanned = 0;
        var quoted = false;
        while (true)
        {
            var count = await text.ReadAsync(chunk, cancellationToken);
            if (count == 0)
            {
                break;
            }

            read.Append(chunk, 0, count);
            var ended = false;
            for (; scanned < read.Length && !ended; scanned++)
            {
                switch (read[scanned])
                {
                    case '"':
                        quoted = !quoted;
                        break;
                    case ',' when !quoted:
                        commas++;
                        break;
                    case ';' when !quoted:
                        semicolons++;
                        break;
                    case '\n' or '\r' when !quoted:
                        ended = true;
                        break;
                }
            }

            if (ended)
            {
                break;
            }

            if (read.Length > MaxRecordLength)
            {
                throw new ImportFileException(1, null, "The header line is longer than 1 MiB: is this a CSV file?");
            }
        }

        var prefix = read.ToString();
        if (prefix.TrimStart('\uFEFF').Trim().Length == 0)
        {
            throw Empty();
        }

        return (prefix, semicolons > commas ? ';' : ',');
    }

    private static ImportFileException Empty() =>
        new(1, null, "The file is empty: its first line must name the columns.");

    private static ImportFileException Broken(CsvFormatException e, int line, string[]? header)
    {
        // Sylvan numbers data records from 1; the header is our line 1.
        var at = e.RowNumber > 0 ? e.RowNumber + 1 : line;
        var column = header is not null && e.FieldOrdinal >= 0 && e.FieldOrdinal < header.Length ? header[e.FieldOrdinal] : null;
        var message = e switch
        {
            CsvRecordTooLargeException =>
                "This record is longer than 1 MiB, usually because a quoted field is never closed: check the quotes from here on.",
            _ when e.Message.Contains("without a closing quote", StringComparison.Ordinal) =>
                "A quoted field starts on this record and is never closed: add the closing \" (write \"\" for a quote inside a quoted field).",
            _ when e.Message.Contains("after a closing quote", StringComparison.Ordinal) =>
                "A quoted field is followed by other characters: a quoted field must end at a separator or a line break (write \"\" for a quote " +
                    "inside it).",
            _ => $"This record is not valid CSV: {e.Message}",
        };
        return new ImportFileException(at, column, message + " Nothing after this point was read.");
    }

    /// <summary>Gives back the text already read (the header line and a little more), then the rest.</summary>
    private sealed class ReplayReader(string prefix, TextReader rest) : TextReader
    {
        private int _position;

        public override int Peek() => _position < prefix.Length ? prefix[_position] : rest.Peek();

        public override int Read() => _position < prefix.Length ? prefix[_position++] : rest.Read();

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_position < prefix.Length)
            {
                return Replay(buffer);
            }

            return rest.Read(buffer);
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) =>
            ReadAsync(buffer.AsMemory(index, count)).AsTask();

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            _position < prefix.Length ? ValueTask.FromResult(Replay(buffer.Span)) : rest.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadBlockAsync(char[] buffer, int index, int count) =>
            ReadBlockAsync(buffer.AsMemory(index, count)).AsTask();

        private int Replay(Span<char> buffer)
        {
            var count = Math.Min(buffer.Length, prefix.Length - _position);
            prefix.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }
    }
}
