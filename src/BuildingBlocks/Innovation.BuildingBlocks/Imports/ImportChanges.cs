namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// A batch compared with the rows the database holds: the new rows to insert, the changed ones to update (each with the row it
/// replaces), the others counted unchanged, and the rows the comparison rejects; its <c>Outcome</c> counts them as the report will.
/// </summary>
/// <typeparam name="TNew">What a new row is inserted from (the row, or the row with what was prepared for it).</typeparam>
/// <typeparam name="TRow">A row as the table reads it.</typeparam>
public sealed class ImportChanges<TNew, TRow>(int capacity) : ImportChanges<TNew, TRow, TRow>(capacity);

/// <summary>As <see cref="ImportChanges{TNew, TRow}"/>, for a table whose new rows are inserted as they are compared.</summary>
public sealed class ImportChanges<TRow>(int capacity) : ImportChanges<TRow, TRow, TRow>(capacity) where TRow : class
{
    /// <summary>
    /// A compared row: new when the database holds none (<paramref name="current"/> null), else updated, or unchanged when
    /// <paramref name="same"/> says so (without it, a held row is updated: the caller has counted the identical ones).
    /// </summary>
    public void Upsert(TRow? current, TRow row, Func<TRow, TRow, bool>? same = null)
    {
        if (current is null)
        {
            Insert(row);
        }
        else
        {
            Update(current, row, same?.Invoke(current, row) ?? false);
        }
    }
}

/// <summary>
/// As <see cref="ImportChanges{TNew, TRow}"/>, for a table whose existing row (<typeparamref name="TCurrent"/>) is read with more than
/// a row is written with.
/// </summary>
public class ImportChanges<TNew, TCurrent, TRow>(int capacity)
{
    public ImportBatchOutcome Outcome { get; } = new();

    public List<TNew> Inserts { get; } = new(capacity);

    public List<(TCurrent Current, TRow Row)> Updates { get; } = [];

    /// <summary>A row the database does not hold yet.</summary>
    public void Insert(TNew row)
    {
        Inserts.Add(row);
        Outcome.Created++;
    }

    /// <summary>A row the database holds as <paramref name="current"/>: unchanged when <paramref name="same"/>, else updated.</summary>
    public void Update(TCurrent current, TRow row, bool same)
    {
        if (same)
        {
            Outcome.Unchanged++;
            return;
        }

        Updates.Add((current, row));
        Outcome.Updated++;
    }

    /// <summary>A row identical to the one the database holds.</summary>
    public void Unchanged() => Outcome.Unchanged++;

    /// <summary>Rejects a row the comparison refuses, with that one error.</summary>
    public void Reject(ImportError error) => Outcome.Reject(error);
}
