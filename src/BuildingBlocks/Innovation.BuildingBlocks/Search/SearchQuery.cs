using Innovation.BuildingBlocks.Http;

namespace Innovation.BuildingBlocks.Search;

/// <summary>
/// A search text as the words it asks for. Each word matches the terms it begins ("pedago" finds
/// "pédagogique"): a LIKE prefix pattern (ESCAPE '\') for the module's term table.
/// </summary>
public static class SearchQuery
{
    /// <summary>Longest search text accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>Most words a search may hold: a module's SQL has one slot per word.</summary>
    public const int MaxWords = 5;

    /// <summary>
    /// The LIKE prefix patterns of <paramref name="text"/>'s distinct words, at most <see cref="MaxWords"/>;
    /// none for a blank text or one made only of punctuation; a 400 naming <paramref name="parameter"/> otherwise.
    /// </summary>
    public static IReadOnlyList<string> PrefixPatterns(string? text, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        if (text.Length > MaxLength)
        {
            throw RequestValidationException.For(parameter, $"Search text is at most {MaxLength} characters.");
        }

        var words = SearchTerms.Words(text).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count > MaxWords)
        {
            throw RequestValidationException.For(parameter, $"Search at most {MaxWords} words at once.");
        }

        return [.. words.Select(word => TextKey.EscapeLike(SearchTerms.Cut(word)) + "%")];
    }
}
