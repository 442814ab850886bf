using System.Data.Common;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.BuildingBlocks.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>What an import endpoint received: the body to stream and how to treat it; <c>Kind</c> names the import in metrics.</summary>
public sealed record ImportRequest(Stream Body, string? ContentType, ImportMode Mode, bool DryRun, Caller Caller, string Kind = "");

/// <summary>One rejected row and its errors (a row may have several).</summary>
public sealed record ImportRejection(int Line, IReadOnlyList<ImportError> Errors);

/// <summary>What one batch did (or, in a dry run or after a rejection, would do).</summary>
public sealed class ImportBatchOutcome
{
    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public List<ImportRejection> Rejections { get; } = [];

    /// <summary>Rejects the row of <paramref name="error"/> with that one error.</summary>
    public void Reject(ImportError error) => Rejections.Add(new ImportRejection(error.Line, [error]));

    /// <summary>Rejects row <paramref name="line"/> with one error per message, all on <paramref name="column"/>.</summary>
    public void Reject(int line, string? column, IEnumerable<string> messages) =>
        Rejections.Add(new ImportRejection(line, [.. messages.Select(message => new ImportError(line, column, message))]));

    /// <summary>
    /// Counts a row compared with the one the database holds (<paramref name="current"/>, null when none): created, else unchanged
    /// when <paramref name="same"/> says so, else updated; true when it is to be written.
    /// </summary>
    public bool Compare<TRow>(TRow? current, TRow row, Func<TRow, TRow, bool> same) where TRow : class
    {
        var change = current is null ? ImportChange.Created : same(current, row) ? ImportChange.Unchanged : ImportChange.Updated;
        Count(change);
        return change != ImportChange.Unchanged;
    }

    /// <summary>Counts what one row applied on its own did.</summary>
    public void Count(ImportChange change)
    {
        switch (change)
        {
            case ImportChange.Created:
                Created++;
                break;
            case ImportChange.Updated:
                Updated++;
                break;
            default:
                Unchanged++;
                break;
        }
    }
}

/// <summary>What writing one row did to the row the database held.</summary>
public enum ImportChange
{
    Unchanged,
    Created,
    Updated,
}

/// <summary>An import the pipeline runs (<see cref="ImportHandler{TCommand, TRun}"/>): an <see cref="ImportRun{TPending}"/>.</summary>
public abstract class ImportRun
{
    internal abstract Task<ImportReport> RunAsync(Db db);
}

/// <summary>
/// One bulk import, the pipeline every import runs: streams the body through <see cref="ImportReader"/>,
/// hands each row to the module's <see cref="CheckAsync"/> (the checks that need no database), groups
/// the rows that pass into batches of <c>batchSize</c> for the module's <see cref="ApplyAsync"/>,
/// tallies the outcomes and decides the answer: the report, or the 422 <c>import_rejected</c> of a
/// refused file or of an atomic import with rejected rows. The module keeps its mapping, its checks
/// and its writes; this keeps the loop, the transactions and the report.
/// </summary>
public abstract class ImportRun<TPending>(ImportRequest import, IReadOnlyList<ImportField> fields, int batchSize, CancellationToken cancellationToken)
    : ImportRun
    where TPending : class
{
    private int _started;

    // KeepsLineOrder: rows rejected by their checks, waiting for their batch's outcome.
    private readonly List<ImportRejection> _held = [];

    // Rows read and checked, and how many of them the rows metric has counted (a batch at a time, not a row at a time).
    private long _rowsRead;
    private long _rowsCounted;

    private ImportTally Tally { get; } = new(import.DryRun, import.Mode);

    protected ImportRequest Import => import;

    protected CancellationToken CancellationToken => cancellationToken;

    internal override async Task<ImportReport> RunAsync(Db db)
    {
        await StartAsync();
        try
        {
            return await ExecuteAsync(db);
        }
        finally
        {
            await FinishAsync(db);
        }
    }

    /// <summary>What the run reads once before its first row (a snapshot of the territory, say).</summary>
    protected virtual Task StartAsync() => Task.CompletedTask;

    /// <summary>What the run does once it ended, whatever its outcome: committed, rolled back or refused.</summary>
    protected virtual Task FinishAsync(Db db) => Task.CompletedTask;

    /// <summary>
    /// Runs the import on <paramref name="db"/>: a dry run on one read-only connection, an atomic
    /// import in one transaction (the 422 is thrown inside it, so it rolls back), a partial one in
    /// one transaction per batch (a batch is in memory, so a transient failure retries it).
    /// </summary>
    private Task<ImportReport> ExecuteAsync(Db db)
    {
        if (import.DryRun)
        {
            return db.ReadAsync(async c =>
            {
                // DryRunWrites: every write happens in a transaction that is never committed.
                await using var t = DryRunWrites ? await c.BeginTransactionAsync(cancellationToken) : null;
                return await ExecuteAsync(batch => ApplyAsync(c, t, batch));
            }, cancellationToken);
        }

        // Alone, not in a group commit: the writes grouped with an import would wait for its end.
        return import.Mode == ImportMode.Atomic
            ? db.WriteAloneAsync((c, t) => ExecuteAsync(batch => ApplyAsync(c, t, batch)), cancellationToken)
            : ExecuteAsync(batch => db.WriteAloneAsync((c, t) => ApplyAsync(c, t, batch), cancellationToken));
    }

    /// <summary>
    /// Every check of one row that needs no database, recorded on <paramref name="row"/>: the row is
    /// rejected when it holds an error; otherwise the value returned joins the batch.
    /// </summary>
    protected abstract Task<TPending?> CheckAsync(ImportCheck row);

    /// <summary>
    /// Compares a batch with the database and, when <see cref="Writes"/>, writes it; counts what it did
    /// (or would do) and rejects the rows the database refuses. Must change nothing of the run's own
    /// state, so that a transaction retried after a transient failure is harmless.
    /// </summary>
    protected abstract Task<ImportBatchOutcome> ApplyAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<TPending> batch);

    /// <summary>
    /// True when a batch is to be written: not a dry run, and a partial import or an atomic one with
    /// no row rejected so far (else it will roll back anyway, and the batch is only compared).
    /// </summary>
    protected bool Writes(DbTransaction? transaction, ImportBatchOutcome outcome) =>
        transaction is not null && !import.DryRun
        && (import.Mode == ImportMode.Partial || (Tally.Rejected == 0 && _held.Count == 0 && outcome.Rejections.Count == 0));

    /// <summary>The error of a row outside the caller's académie: <paramref name="what"/> names it ("This person").</summary>
    protected string OutsideAcademie(string what) =>
        $"{what} is outside your académie: your credential is limited to académie {import.Caller.Academie}.";

    /// <summary>
    /// The 409 <c>import_conflict</c> of a write that found a row changed since its batch was compared; <paramref name="aRow"/>
    /// names it ("A school").
    /// </summary>
    protected static ProblemException ChangedMeanwhile(string aRow) =>
        ProblemException.Conflict("import_conflict", $"{aRow} of this file changed while the import ran; send the file again.");

    /// <summary>
    /// Writes a compared batch when <see cref="Writes"/>: <paramref name="write"/> runs in the batch's transaction and returns false
    /// when it finds a row changed since the batch was compared, the 409 of <see cref="ChangedMeanwhile"/> naming <paramref name="aRow"/>.
    /// Returns <paramref name="outcome"/>, what the batch did or would do.
    /// </summary>
    protected async Task<ImportBatchOutcome> WriteAsync(
        DbTransaction? transaction, ImportBatchOutcome outcome, string aRow, Func<DbTransaction, Task<bool>> write)
    {
        if (Writes(transaction, outcome) && !await write(transaction!))
        {
            throw ChangedMeanwhile(aRow);
        }

        return outcome;
    }

    /// <summary>The error of a cell that holds a JSON object or array.</summary>
    protected virtual string StructuredCellProblem => "Expected a text or a number, not a JSON object or array.";

    /// <summary>
    /// True when a full batch may be written on another thread while the next one is read and checked,
    /// so an import keeps two cores busy (reading and checking a row costs about as much as writing
    /// it; ADR 0010). One batch is written at a time, in file order, and each batch's outcome is
    /// counted before the errors of the rows read meanwhile are listed, so the report is the same.
    /// Only for an import whose <see cref="CheckAsync"/> reads nothing a write changes, whose write
    /// changes nothing <see cref="CheckAsync"/> writes, and which does not keep line order.
    /// </summary>
    protected virtual bool OverlapsWrites => false;

    /// <summary>
    /// True when the errors are listed in line order: the rows a check rejects are held until their
    /// batch's outcome is counted (a full batch of them goes to the database at once, which keeps the
    /// held errors bounded). Otherwise a check's errors are listed at once, before those of its batch.
    /// </summary>
    protected virtual bool KeepsLineOrder => false;

    /// <summary>True when a dry run writes, in a transaction it never commits: for rows applied one by one that see the rows before them.</summary>
    protected virtual bool DryRunWrites => false;

    /// <summary>Reads the whole body, handing each full batch to <paramref name="apply"/>; returns the report or throws the 422.</summary>
    private async Task<ImportReport> ExecuteAsync(Func<IReadOnlyList<TPending>, Task<ImportBatchOutcome>> apply)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            // A transient database failure made the retry policy run the work again, but the body is already consumed.
            throw new ProblemException(StatusCodes.Status503ServiceUnavailable, "import_interrupted", "Import interrupted",
                "A transient database failure interrupted the import; nothing was written. Send the file again.");
        }

        IReadOnlyList<string> ignored = [];
        var batch = new List<TPending>(batchSize);
        var check = new ImportCheck(fields, StructuredCellProblem);
        ImportFileException? fileError = null;
        Task<ImportBatchOutcome>? writing = null;

        // Counts the batch written in the background, then lists the errors of the rows read meanwhile.
        async Task CountWrittenAsync()
        {
            if (writing is { } written)
            {
                writing = null;
                var outcome = await written;
                var held = Tally.StopHolding();
                Count(outcome);
                Tally.Release(held);
            }
        }

        try
        {
            await using var reader = await ImportReader.OpenAsync(import.Body, import.ContentType, fields, cancellationToken);
            ignored = reader.IgnoredColumns;
            await foreach (var row in reader.ReadAsync(cancellationToken))
            {
                if (row.Malformed is { } why)
                {
                    Reject(row.Line, [new ImportError(row.Line, row.MalformedColumn, why)]);
                }
                else
                {
                    check.Start(row);
                    var pending = await CheckAsync(check);
                    if (check.HasErrors)
                    {
                        Reject(row.Line, check.Errors);
                    }
                    else if (pending is not null)
                    {
                        batch.Add(pending);
                    }
                }

                _rowsRead++;
                if (OverlapsWrites && batch.Count == batchSize)
                {
                    await CountWrittenAsync();
                    var full = batch;
                    batch = new List<TPending>(batchSize);
                    writing = Task.Run(() => apply(full), CancellationToken.None);
                    Tally.Hold();
                }
                else if (batch.Count == batchSize || _held.Count == batchSize)
                {
                    Count(batch.Count > 0 ? await apply(batch) : new ImportBatchOutcome());
                    batch.Clear();
                }
            }
        }
        catch (ImportFileException e)
        {
            fileError = e;
        }
        catch when (writing is not null)
        {
            // Never leave a write running on a connection that its owner is about to roll back and close.
            try
            {
                await writing;
            }
            catch (Exception)
            {
                // The failure already on its way out is the one reported.
            }

            throw;
        }

        await CountWrittenAsync();
        Count(batch.Count > 0 ? await apply(batch) : new ImportBatchOutcome());

        // After the last batch, so the errors stay in line order: the file error comes after every row read before it.
        if (fileError is not null)
        {
            Tally.RejectFile(fileError.Errors);
        }

        var report = Tally.Report(ignored.ToList());
        if (Tally.FileRejected)
        {
            throw report.ToProblem(import.DryRun || import.Mode == ImportMode.Atomic
                ? "The file cannot be imported (see errors); nothing was written."
                : "The file cannot be imported past the first error listed; the valid rows before it were written (see the counts).");
        }

        if (!import.DryRun && import.Mode == ImportMode.Atomic && Tally.Rejected > 0)
        {
            throw report.ToProblem(
                $"{Tally.Rejected} row(s) rejected, so nothing was written (atomic import). Fix the rows listed in errors and send the file again, "
                + "or send mode=partial to write the valid rows. created, updated and unchanged say what the valid rows would have done.");
        }

        return report;
    }

    /// <summary>Rejects a row its checks refused: at once, or held for its batch when <see cref="KeepsLineOrder"/>.</summary>
    private void Reject(int line, IReadOnlyList<ImportError> errors)
    {
        if (KeepsLineOrder)
        {
            _held.Add(new ImportRejection(line, [.. errors]));
        }
        else
        {
            Tally.Reject(errors);
        }
    }

    /// <summary>Adds a batch's outcome to the tally, with the rejections held before it, in line order.</summary>
    private void Count(ImportBatchOutcome outcome)
    {
        Tally.Created += outcome.Created;
        Tally.Updated += outcome.Updated;
        Tally.Unchanged += outcome.Unchanged;
        var rejections = KeepsLineOrder ? _held.Concat(outcome.Rejections).OrderBy(r => r.Line).ToList() : outcome.Rejections;
        foreach (var rejection in rejections)
        {
            Tally.Reject(rejection.Errors);
        }

        _held.Clear();
        ApiTelemetry.ImportRows.Add(_rowsRead - _rowsCounted, new KeyValuePair<string, object?>("innovation.import.kind", import.Kind));
        _rowsCounted = _rowsRead;
    }
}
