using System.Globalization;
using Innovation.BuildingBlocks.Http;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// How every import reads a cell's text as a typed value: each returns null when the text is not
/// such a value, and the import words the error (<see cref="ImportCheck.Value{T}"/>). Nothing here
/// allocates for a valid cell beyond what the value needs.
/// </summary>
public static class ImportValues
{
    /// <summary>An ISO date, <c>yyyy-MM-dd</c>.</summary>
    public static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>A whole number, invariant culture.</summary>
    public static int? Integer(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>true/false, 1/0, oui/non, yes/no, vrai/faux, in any case.</summary>
    public static bool? Boolean(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "oui" or "yes" or "vrai" => true,
        "false" or "0" or "non" or "no" or "faux" => false,
        _ => null,
    };

    /// <summary>An invariant-culture number, or one with a decimal comma ("48,85"); never infinite or NaN.</summary>
    public static double? Number(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        return text.Count(c => c == ',') == 1 && !text.Contains('.')
            && double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)
            ? value
            : null;
    }

    /// <summary>An id (a GUID).</summary>
    public static Guid? Id(string text) => Guid.TryParse(text, out var id) ? id : null;

    /// <summary>A <see cref="StableCode"/> of <typeparamref name="TEnum"/>, in any case (<c>repPlus</c>, <c>REPPLUS</c>); never a number.</summary>
    public static TEnum? Code<TEnum>(string text) where TEnum : struct, Enum =>
        Codes<TEnum>.ByCode.TryGetValue(text, out var value) ? value : null;

    /// <summary>
    /// A <see cref="StableCode"/> in any case, with or without separators (<c>wellBeing</c>, <c>well-being</c>,
    /// <c>WELL_BEING</c>); never a number.
    /// </summary>
    public static TEnum? LooseCode<TEnum>(string text) where TEnum : struct, Enum =>
        Code<TEnum>(text.All(char.IsLetterOrDigit) ? text : new string([.. text.Where(char.IsLetterOrDigit)]));

    /// <summary>Every code of <typeparamref name="TEnum"/>, comma-separated, for an error message.</summary>
    public static string CodeList<TEnum>() where TEnum : struct, Enum => Codes<TEnum>.List;

    // Computed once per enum: an import reads several codes per row.
    private static class Codes<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> ByCode =
            Enum.GetValues<TEnum>().ToDictionary(v => StableCode.Of(v), v => v, StringComparer.OrdinalIgnoreCase);

        public static readonly string List = string.Join(", ", Enum.GetValues<TEnum>().Select(v => StableCode.Of(v)));
    }
}
