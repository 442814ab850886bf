using Innovation.BuildingBlocks.Security;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// A batch compared with the rows the database holds: the new rows to insert, the changed ones to update (each with the row it
/// replaces), the others counted unchanged, and the rows the comparison rejects; <see cref="Outcome"/> counts them as the report will.
/// </summary>
/// <typeparam name="TNew">What a new row is inserted from (the row, or the row with what was prepared for it).</typeparam>
/// <typeparam name="TRow">A row as the table reads it.</typeparam>
public sealed class ImportChanges<TNew, TRow>(int capacity)
{
    public ImportBatchOutcome Outcome { get; } = new();

    public List<TNew> Inserts { get; } = new(capacity);

    public List<(TRow Current, TRow Row)> Updates { get; } = [];

    /// <summary>A row the database does not hold yet.</summary>
    public void Insert(TNew row)
    {
        Inserts.Add(row);
        Outcome.Created++;
    }

    /// <summary>A row the database holds as <paramref name="current"/>: unchanged when <paramref name="same"/>, else updated.</summary>
    public void Update(TRow current, TRow row, bool same)
    {
        if (same)
        {
            Outcome.Unchanged++;
            return;
        }

        Updates.Add((current, row));
        Outcome.Updated++;
    }

    /// <summary>Rejects a row the comparison refuses, with that one error.</summary>
    public void Reject(ImportError error) => Outcome.Reject(error);
}

/// <summary>
/// The keys a file has given so far, each with the line it first appeared on (the only state of an import that grows with the file):
/// a key may appear only once per file.
/// </summary>
/// <param name="aRow">What a row is, for the message ("a school").</param>
/// <param name="comparer">How keys compare (case-insensitive references, say).</param>
public sealed class ImportKeys<TKey>(string aRow, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly Dictionary<TKey, int> _firstLines = new(comparer);

    /// <summary>
    /// Keeps <paramref name="key"/> as seen on the row's line; when a line before gave it, records on <paramref name="field"/> the
    /// error that names that line, <paramref name="what"/> being the key as the message shows it ("This link").
    /// </summary>
    public void Check(ImportCheck row, ImportField field, TKey key, string what) => Check(row, field, key, what, static what => what);

    /// <summary>
    /// As <see cref="Check(ImportCheck, ImportField, TKey, string)"/>, the key as the message shows it ("UAI 0951099D") written by
    /// <paramref name="what"/> from <paramref name="shown"/> only for a repeat.
    /// </summary>
    public void Check<TShown>(ImportCheck row, ImportField field, TKey key, TShown shown, Func<TShown, string> what)
    {
        if (!_firstLines.TryAdd(key, row.Line))
        {
            row.Error(field, $"{what(shown)} already appears on line {_firstLines[key]} of this file: {aRow} may appear only once.");
        }
    }
}

/// <summary>
/// The académies the rows of one import name (a code or a name), each asked of the territorial frame (<paramref name="find"/>, the
/// module's call of its public query) once per distinct text. Only the académies that exist are kept, so memory stays bounded by the
/// territory whatever the file; a text that names none is asked again.
/// </summary>
public sealed class ImportAcademies(Func<string, Task<string?>> find, IEqualityComparer<string>? comparer = null)
{
    private readonly Dictionary<string, string> _codes = new(comparer ?? StringComparer.Ordinal);

    /// <summary>The code of the académie <paramref name="named"/> in <paramref name="field"/>, or null with the row's error.</summary>
    public async Task<string?> CodeAsync(ImportCheck row, ImportField field, string named)
    {
        if (!_codes.TryGetValue(named, out var code) && (code = await find(named)) is not null)
        {
            _codes[named] = code;
        }

        if (code is null)
        {
            row.Error(field, $"Unknown académie '{named}'. Use a code from GET /api/v1/academies.");
        }

        return code;
    }

    /// <summary>
    /// The académie of a row whose cell may stay empty: the one <paramref name="named"/>, else the caller's; a national caller must name
    /// one (the row's error <paramref name="required"/>, then asking for the column).
    /// </summary>
    public Task<string?> CodeOrCallersAsync(ImportCheck row, ImportField field, string? named, Caller caller, string required)
    {
        if (!string.IsNullOrWhiteSpace(named))
        {
            return CodeAsync(row, field, named);
        }

        if (caller.Academie is null)
        {
            row.Error(field, required + " Give an academie column.");
        }

        return Task.FromResult(caller.Academie);
    }
}
