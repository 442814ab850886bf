namespace Innovation.BuildingBlocks.Imports;

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

    /// <summary>
    /// As <see cref="Check(ImportCheck, ImportField, TKey, string)"/>, the error written by <paramref name="repeat"/> from the line
    /// before that gave the key.
    /// </summary>
    public void Check(ImportCheck row, ImportField field, TKey key, Func<int, string> repeat)
    {
        if (!_firstLines.TryAdd(key, row.Line))
        {
            row.Error(field, repeat(_firstLines[key]));
        }
    }
}
