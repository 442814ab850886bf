using System.Globalization;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// The checks of one row: reads its cells and keeps its errors, each on the column the file names.
/// The row is rejected when any error was recorded. One instance serves every row of an import (it is
/// reset before each), so checking a valid row allocates nothing here.
/// </summary>
public sealed class ImportCheck
{
    private readonly Dictionary<string, ImportField> _byProperty = new(StringComparer.Ordinal);
    private readonly string _structuredProblem;
    private readonly List<ImportError> _errors = [];
    private readonly List<ImportField> _unreadable = [];
    private ImportRow _row = null!;

    internal ImportCheck(IReadOnlyList<ImportField> fields, string structuredProblem)
    {
        _structuredProblem = structuredProblem;
        foreach (var field in fields)
        {
            _byProperty[PropertyOf(field.Name)] = field;
        }
    }

    public ImportRow Row => _row;

    public int Line => _row.Line;

    public bool HasErrors => _errors.Count > 0;

    internal IReadOnlyList<ImportError> Errors => _errors;

    public ImportCell this[ImportField field] => _row[field];

    /// <summary>The column as the file names it (the field's API name when the file has no such column).</summary>
    public string Column(ImportField field) => _row[field].Column;

    /// <summary>Rejects the row: <paramref name="message"/> on <paramref name="field"/>'s column, or on the whole line.</summary>
    public void Error(ImportField? field, string message) => _errors.Add(new ImportError(Line, field is null ? null : Column(field), message));

    /// <summary>The cell cannot be read: an error, and the validator's own errors on that field are left out (they would repeat it).</summary>
    public void Unreadable(ImportField field, string message)
    {
        Error(field, message);
        _unreadable.Add(field);
    }

    public bool IsUnreadable(ImportField field) => _unreadable.Contains(field);

    /// <summary>The cell's text, trimmed; null when it is empty, or a JSON object or array (then unreadable).</summary>
    public string? Text(ImportField field)
    {
        var cell = _row[field];
        if (cell.IsStructured)
        {
            Unreadable(field, _structuredProblem);
            return null;
        }

        return string.IsNullOrWhiteSpace(cell.Text) ? null : cell.Text.Trim();
    }

    /// <summary>The cell's text read by <paramref name="parse"/>; null when empty, or unreadable with <paramref name="problem"/>(text).</summary>
    public T? Value<T>(ImportField field, Func<string, T?> parse, Func<string, string> problem) where T : struct =>
        Text(field) is { } text ? Parse(field, text, parse, problem) : null;

    /// <summary><paramref name="text"/> read by <paramref name="parse"/>, or null and the field unreadable with <paramref
    /// name="problem"/>(text).</summary>
    public T? Parse<T>(ImportField field, string text, Func<string, T?> parse, Func<string, string> problem) where T : struct
    {
        var value = parse(text);
        if (value is null)
        {
            Unreadable(field, problem(text));
        }

        return value;
    }

    /// <summary>
    /// A list cell: texts delimited by any of <paramref name="separators"/>, or in NDJSON a JSON array of texts; each trimmed,
    /// empty ones left out. Null when the cell is empty, or unreadable with <paramref name="notTexts"/> when its JSON is not an
    /// array of texts.
    /// </summary>
    public List<string>? Texts(ImportField field, string separators, string notTexts)
    {
        var cell = _row[field];
        if (string.IsNullOrWhiteSpace(cell.Text))
        {
            return null;
        }

        if (!cell.IsStructured)
        {
            const StringSplitOptions options = StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries;
            return [.. separators.Length == 1 ? cell.Text.Split(separators[0], options) : cell.Text.Split(separators.ToCharArray(), options)];
        }

        using var json = JsonDocument.Parse(cell.Text);
        if (json.RootElement.ValueKind == JsonValueKind.Array && json.RootElement.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
        {
            return [.. json.RootElement.EnumerateArray().Select(e => e.GetString()!.Trim()).Where(s => s.Length > 0)];
        }

        Unreadable(field, notTexts);
        return null;
    }

    /// <summary>
    /// A list cell (<see cref="Texts"/>) of values read by <paramref name="parse"/>: null when the cell is empty, or unreadable
    /// with <paramref name="problem"/>(text) of the first item that cannot be read.
    /// </summary>
    public List<T>? Values<T>(ImportField field, string separators, string notTexts, Func<string, T?> parse, Func<string, string> problem)
        where T : struct
    {
        if (Texts(field, separators, notTexts) is not { } texts)
        {
            return null;
        }

        var values = new List<T>(texts.Count);
        foreach (var text in texts)
        {
            if (parse(text) is not { } value)
            {
                Unreadable(field, problem(text));
                return null;
            }

            values.Add(value);
        }

        return values;
    }

    /// <summary>
    /// Validates the row's draft with the single-row endpoint's validator and keeps its errors. A failure
    /// goes to the field whose name is its property in PascalCase, dots left out (<c>Uai</c> is <c>uai</c>,
    /// <c>Canvas.KeySteps</c> is <c>canvas_key_steps</c>), else to the whole line; one on a list item
    /// (<c>Team[1].Email</c>) is numbered when the field has an <see cref="ImportField.ItemName"/> ("Team member 2: …").
    /// </summary>
    public async Task<ValidationResult> ValidateAsync<T>(IValidator<T> validator, T draft, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(draft, cancellationToken);
        foreach (var failure in result.Errors)
        {
            var (field, item) = FieldOf(failure.PropertyName);
            if (field is null || !IsUnreadable(field))
            {
                var message = item is { } index && field!.ItemName is { } name ? $"{name} {index + 1}: {failure.ErrorMessage}" : failure.ErrorMessage;
                Error(field, message);
            }
        }

        return result;
    }

    internal void Start(ImportRow row)
    {
        _row = row;
        _errors.Clear();
        _unreadable.Clear();
    }

    /// <summary>The field a validator's property path names, and the list index it points into, if any.</summary>
    private (ImportField? Field, int? Item) FieldOf(string propertyName)
    {
        if (_byProperty.TryGetValue(propertyName.Replace(".", "", StringComparison.Ordinal), out var exact))
        {
            return (exact, null);
        }

        var bracket = propertyName.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0 && _byProperty.TryGetValue(propertyName[..bracket], out var list))
        {
            var close = propertyName.IndexOf(']', bracket);
            return (list, close > bracket && int.TryParse(propertyName.AsSpan(bracket + 1, close - bracket - 1), CultureInfo.InvariantCulture,
                out var item)
                ? item
                : null);
        }

        return (null, null);
    }

    /// <summary>A field's name as a draft's property: <c>firstName</c> and <c>first_name</c> are <c>FirstName</c>.</summary>
    private static string PropertyOf(string fieldName) =>
        string.Concat(fieldName.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
