using System.Text.Json.Serialization;
using Innovation.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>How an import treats rejected rows.</summary>
public enum ImportMode
{
    /// <summary>All or nothing: one rejected row and nothing is written.</summary>
    Atomic,

    /// <summary>The valid rows are written, the rejected ones reported.</summary>
    Partial,
}

/// <summary>Why a row (or the whole file) was rejected.</summary>
/// <param name="Line" example="3">Line of the file: the CSV header is line 1 and each record counts as one line, even when a quoted field holds a
/// line break; for NDJSON, the physical line.</param>
/// <param name="Column" example="identifiant_de_l_etablissement">The column as the file names it (e.g. <c>identifiant_de_l_etablissement</c>); null
/// when the error concerns the whole line or file.</param>
/// <param name="Message" example="Check letter &apos;E&apos; is wrong for 0951099: expected &apos;D&apos; (0951099D).">What is wrong, and how to fix
/// it.</param>
public sealed record ImportError(int Line, string? Column, string Message);

/// <summary>The outcome of a bulk import.</summary>
/// <param name="DryRun">True when nothing was written: every check ran and the counts say what the import would do.</param>
/// <param name="Mode"><c>atomic</c> (all or nothing) or <c>partial</c> (valid rows written, rejected ones reported).</param>
/// <param name="Created" example="1250">Rows that are (or would be) new.</param>
/// <param name="Updated" example="37">Rows that change an existing entry.</param>
/// <param name="Unchanged" example="8420">Rows identical to the existing entry (nothing to write).</param>
/// <param name="Rejected" example="1">Rows rejected, all counted even when <c>errors</c> is truncated.</param>
/// <param name="Errors">One entry per problem (a rejected row may have several), at most 1,000.</param>
/// <param name="ErrorsTruncated">Present and true when more problems were found than <c>errors</c> lists.</param>
/// <param name="IgnoredColumns">Columns of the file that the import does not use.</param>
public sealed record ImportReport(
    bool DryRun,
    ImportMode Mode,
    int Created,
    int Updated,
    int Unchanged,
    int Rejected,
    IReadOnlyList<ImportError> Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? ErrorsTruncated,
    IReadOnlyList<string> IgnoredColumns)
{
    public const string RejectedCode = "import_rejected";

    /// <summary>The 422 <c>import_rejected</c> problem carrying this report's members as extensions.</summary>
    public ProblemException ToProblem(string detail)
    {
        var problem = new ProblemException(StatusCodes.Status422UnprocessableEntity, RejectedCode, "Import rejected", detail)
            .With("dryRun", DryRun)
            .With("mode", Mode)
            .With("created", Created)
            .With("updated", Updated)
            .With("unchanged", Unchanged)
            .With("rejected", Rejected)
            .With("errors", Errors);
        if (ErrorsTruncated == true)
        {
            problem.With("errorsTruncated", true);
        }

        return problem.With("ignoredColumns", IgnoredColumns);
    }
}

/// <summary>Counts an import as it runs, keeping at most <c>maxErrors</c> errors so memory stays bounded.</summary>
public sealed class ImportTally(bool dryRun, ImportMode mode, int maxErrors = 1000)
{
    private readonly List<ImportError> _errors = [];
    private bool _truncated;

    // Errors found while an earlier batch was still being written: listed after that batch's own.
    private List<ImportError>? _held;
    private bool _heldOverflow;

    public bool DryRun => dryRun;

    public ImportMode Mode => mode;

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Rejected { get; private set; }

    /// <summary>True once the file itself was refused (no row after it was read).</summary>
    public bool FileRejected { get; private set; }

    /// <summary>Counts one rejected row and keeps its errors.</summary>
    public void Reject(IEnumerable<ImportError> errors)
    {
        Rejected++;
        foreach (var error in errors)
        {
            Add(error);
        }
    }

    public void Reject(ImportError error) => Reject([error]);

    /// <summary>Records errors that concern the file rather than one row (a missing column, broken encoding).</summary>
    public void RejectFile(IEnumerable<ImportError> errors)
    {
        FileRejected = true;
        foreach (var error in errors)
        {
            Add(error);
        }
    }

    public ImportReport Report(IReadOnlyList<string> ignoredColumns) =>
        new(dryRun, mode, Created, Updated, Unchanged, Rejected, _errors.ToList(), _truncated ? true : null, ignoredColumns);

    /// <summary>
    /// From now on, keeps new errors aside until <see cref="StopHolding"/>: the rows read while a batch
    /// is written come after it in the file, so their errors are listed after the batch's own. Rejected
    /// rows are still counted at once.
    /// </summary>
    internal void Hold() => _held ??= [];

    /// <summary>Stops keeping errors aside; returns those kept, for <see cref="Release"/> once the batch is counted.</summary>
    internal (List<ImportError> Errors, bool Overflow)? StopHolding()
    {
        if (_held is not { } held)
        {
            return null;
        }

        var overflow = _heldOverflow;
        (_held, _heldOverflow) = (null, false);
        return (held, overflow);
    }

    /// <summary>Lists the errors kept aside, in the order they came.</summary>
    internal void Release((List<ImportError> Errors, bool Overflow)? held)
    {
        if (held is not { } kept)
        {
            return;
        }

        foreach (var error in kept.Errors)
        {
            Add(error);
        }

        // Those left out would have been past the cap anyway: the list only grows before they are released.
        _truncated |= kept.Overflow;
    }

    private void Add(ImportError error)
    {
        if (_held is not null)
        {
            if (_errors.Count + _held.Count < maxErrors)
            {
                _held.Add(error);
            }
            else
            {
                _heldOverflow = true;
            }

            return;
        }

        if (_errors.Count < maxErrors)
        {
            _errors.Add(error);
        }
        else
        {
            _truncated = true;
        }
    }
}

/// <summary>The file as a whole cannot be imported (a missing column, invalid UTF-8, broken CSV quoting).</summary>
public sealed class ImportFileException(IReadOnlyList<ImportError> errors) : Exception(errors.Count > 0 ? errors[0].Message : "The file cannot be " +
    "imported.")
{
    public ImportFileException(int line, string? column, string message)
        : this([new ImportError(line, column, message)])
    {
    }

    public IReadOnlyList<ImportError> Errors { get; } = errors;
}
