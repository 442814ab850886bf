namespace Innovation.BuildingBlocks.Imports;

/// <summary>One field's value in one row.</summary>
/// <param name="Column">The column as the file names it, or the field's API name when the file has no such column.</param>
/// <param name="Text">The value; null for an empty cell or an absent column.</param>
/// <param name="IsStructured">True when an NDJSON value is an object or an array (<see cref="Text"/> then holds its JSON).</param>
public readonly record struct ImportCell(string Column, string? Text, bool IsStructured = false);

/// <summary>
/// One record of an import file: its line, and each known field's cell; or, when the record could
/// not be read (wrong field count, invalid JSON, over-long line), why.
/// </summary>
public sealed class ImportRow
{
    private readonly IReadOnlyDictionary<ImportField, int>? _fields;
    private readonly string?[] _columns;
    private readonly string?[] _values;
    private readonly bool[]? _structured;

    internal ImportRow(int line, IReadOnlyDictionary<ImportField, int> fields, string?[] columns, string?[] values, bool[]? structured)
    {
        Line = line;
        _fields = fields;
        _columns = columns;
        _values = values;
        _structured = structured;
    }

    private ImportRow(int line, string? column, string malformed)
    {
        Line = line;
        MalformedColumn = column;
        Malformed = malformed;
        _columns = [];
        _values = [];
    }

    /// <summary>CSV: the record number, the header being line 1. NDJSON: the physical line.</summary>
    public int Line { get; }

    /// <summary>Why the record could not be read; its cells are then all empty.</summary>
    public string? Malformed { get; }

    /// <summary>The column a <see cref="Malformed"/> record's problem lies in, when known.</summary>
    public string? MalformedColumn { get; }

    public ImportCell this[ImportField field]
    {
        get
        {
            if (_fields is null || !_fields.TryGetValue(field, out var index))
            {
                return new ImportCell(field.Name, null);
            }

            return new ImportCell(_columns[index] ?? field.Name, _values[index], _structured?[index] ?? false);
        }
    }

    internal static ImportRow Broken(int line, string? column, string why) => new(line, column, why);
}
