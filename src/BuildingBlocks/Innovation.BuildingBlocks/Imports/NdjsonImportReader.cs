using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// NDJSON rows: one JSON object per line, blank lines ignored, line numbers physical. A line is
/// read into one fixed buffer of <see cref="ImportReader.MaxRecordLength"/> bytes; a longer line
/// is reported as malformed and skipped up to the next line break without being kept.
/// </summary>
internal sealed class NdjsonImportReader(Stream body, IReadOnlyList<ImportField> fields) : ImportReader(fields)
{
    private byte[]? _buffer;

    public override async IAsyncEnumerable<ImportRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One line and its line break; a longer line fills it without a break.
        const int capacity = MaxRecordLength + 1;
        var buffer = _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        int start = 0, end = 0, line = 0;
        bool endOfBody = false, skipping = false, first = true;
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline >= 0 || (endOfBody && start < end))
            {
                var stop = newline >= 0 ? newline : end;
                var (from, length) = (start, stop - start);
                start = newline >= 0 ? newline + 1 : end;
                if (skipping)
                {
                    // The rest of an over-long line, already reported.
                    skipping = false;
                    continue;
                }

                line++;
                if (first)
                {
                    first = false;
                    if (buffer.AsSpan(from, length).StartsWith("\uFEFF"u8))
                    {
                        from += 3;
                        length -= 3;
                    }
                }

                if (Parse(buffer.AsSpan(from, length), line) is { } row)
                {
                    yield return row;
                }

                continue;
            }

            if (endOfBody)
            {
                yield break;
            }

            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == capacity)
            {
                if (!skipping)
                {
                    line++;
                    first = false;
                    skipping = true;
                    yield return ImportRow.Broken(line, null, "This line is longer than 1 MiB; it was skipped.");
                }

                end = 0;
            }

            var read = await body.ReadAsync(buffer.AsMemory(end, capacity - end), cancellationToken);
            if (read == 0)
            {
                endOfBody = true;
            }

            end += read;
        }
    }

    public override ValueTask DisposeAsync()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The row a line holds; null for a blank line.</summary>
    private ImportRow? Parse(ReadOnlySpan<byte> text, int line)
    {
        text = text.Trim(" \t\r"u8);
        if (text.IsEmpty)
        {
            return null;
        }

        var columns = new string?[Fields.Count];
        var values = new string?[Fields.Count];
        var ranks = new int[Fields.Count];
        bool[]? structured = null;
        try
        {
            var json = new Utf8JsonReader(text, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                return ImportRow.Broken(line, null, "Each line must hold one JSON object ({\"name\": value, ...}).");
            }

            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var name = json.GetString()!;
                json.Read();
                string? value;
                var isStructured = false;
                switch (json.TokenType)
                {
                    case JsonTokenType.String:
                        value = json.GetString();
                        break;
                    case JsonTokenType.Number:
                        value = Encoding.UTF8.GetString(json.ValueSpan);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        value = json.TokenType == JsonTokenType.True ? "true" : "false";
                        break;
                    case JsonTokenType.Null:
                        value = null;
                        break;
                    default:
                        var begin = (int)json.TokenStartIndex;
                        json.Skip();
                        value = Encoding.UTF8.GetString(text[begin..(int)json.BytesConsumed]);
                        isStructured = true;
                        break;
                }

                if (!ColumnIndex.TryGetValue(name, out var match))
                {
                    NoteIgnored(name);
                    continue;
                }

                if (columns[match.Field] is { } taken)
                {
                    if (ranks[match.Field] == match.Rank)
                    {
                        return ImportRow.Broken(line, name, $"'{taken}' and '{name}' name the same field: keep one.");
                    }

                    if (ranks[match.Field] < match.Rank)
                    {
                        NoteIgnored(name);
                        continue;
                    }

                    NoteIgnored(taken);
                }

                columns[match.Field] = name;
                ranks[match.Field] = match.Rank;
                values[match.Field] = string.IsNullOrEmpty(value) ? null : value;
                if (isStructured)
                {
                    (structured ??= new bool[Fields.Count])[match.Field] = true;
                }
                else if (structured is not null)
                {
                    structured[match.Field] = false;
                }
            }

            if (json.TokenType != JsonTokenType.EndObject || json.Read())
            {
                return ImportRow.Broken(line, null, "Each line must hold exactly one JSON object.");
            }
        }
        catch (JsonException e)
        {
            return ImportRow.Broken(line, null, $"This line is not valid JSON: {e.Message}");
        }

        return new ImportRow(line, FieldIndex, columns, values, structured);
    }
}
