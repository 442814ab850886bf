using Innovation.BuildingBlocks.Security;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// The académies the rows of one import name (a code or a name), each asked of the territorial frame (<paramref name="find"/>, the
/// module's call of its public query) once per distinct text. Only the académies that exist are kept, so memory stays bounded by the
/// territory whatever the file; a text that names none is asked again.
/// </summary>
public sealed class ImportAcademies(Func<string, Task<string?>> find, IEqualityComparer<string>? comparer = null)
{
    private readonly ImportLookup<string, string> _codes = new(comparer ?? StringComparer.Ordinal);

    /// <summary>The code of the académie <paramref name="named"/> in <paramref name="field"/>, or null with the row's error.</summary>
    public async Task<string?> CodeAsync(ImportCheck row, ImportField field, string named)
    {
        var code = await _codes.FindAsync(named, find);
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
