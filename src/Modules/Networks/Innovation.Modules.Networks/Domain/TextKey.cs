using System.Globalization;
using System.Text;

namespace Innovation.Modules.Networks.Domain;

/// <summary>
/// Accent- and case-insensitive form of a text ("Lycée Évariste-Galois" → "lycee evariste-galois"),
/// stored beside names so the same LIKE finds it on both engines whatever their collation.
/// </summary>
internal static class TextKey
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // ASCII has nothing to decompose or recompose: lower-casing is the whole key. Most codes and
        // many names are ASCII, and the normalisations below cost a bulk import per row (ADR 0010).
        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, with wildcards escaped (ESCAPE '\').</summary>
    public static string Contains(string text) =>
        "%" + Of(text).Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").Replace("[", "\\[") + "%";
}
