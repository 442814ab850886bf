using System.Globalization;
using System.Text;

namespace Innovation.BuildingBlocks.Search;

/// <summary>
/// Accent- and case-insensitive form of a text ("Lycée Évariste-Galois" → "lycee evariste-galois"),
/// stored beside names so the same LIKE finds it on both engines whatever their collation. Search
/// terms (<see cref="SearchTerms"/>) are words of this form.
/// </summary>
public static class TextKey
{
    /// <summary>Characters below this one (Latin-1, Latin Extended-A and B) have a key of their own; see <see cref="Of"/>.</summary>
    internal const char LatinEnd = '\u0250';

    // Each Latin character's key, computed once by the general path.
    private static readonly string[] LatinKeys = Enumerable.Range(0, LatinEnd).Select(c => Normalized(((char)c).ToString())).ToArray();

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

        // A Latin text's key is its characters' keys put together: each character decomposes on its
        // own, and once the marks are gone nothing composes again (TextKeyTests checks every pair).
        // French names are Latin; this spares them two ICU normalisations.
        return text.AsSpan().ContainsAnyInRange(LatinEnd, char.MaxValue) ? Normalized(text) : OfLatin(text);
    }

    /// <summary>The general path: decompose, drop the accents, lower-case, recompose.</summary>
    internal static string Normalized(string text)
    {
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

    private static string OfLatin(string text)
    {
        var length = 0;
        foreach (var c in text)
        {
            length += LatinKeys[c].Length;
        }

        return string.Create(length, text, static (key, text) =>
        {
            var at = 0;
            foreach (var c in text)
            {
                var part = LatinKeys[c];
                part.CopyTo(key[at..]);
                at += part.Length;
            }
        });
    }

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, with wildcards escaped (ESCAPE '\').</summary>
    public static string Contains(string text) => "%" + EscapeLike(Of(text)) + "%";

    /// <summary><paramref name="text"/> with LIKE's wildcards escaped (ESCAPE '\'): '[' too, a wildcard on SQL Server.</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").Replace("[", "\\[");
}
