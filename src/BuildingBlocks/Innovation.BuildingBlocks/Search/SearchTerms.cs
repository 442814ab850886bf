namespace Innovation.BuildingBlocks.Search;

/// <summary>A word of a searchable text as its term table stores it, and the weight of the field it came from.</summary>
/// <param name="Text">The word, folded (<see cref="TextKey"/>) and cut at <see cref="SearchTerms.MaxLength"/> characters.</param>
/// <param name="Weight">The highest weight of the fields the word occurs in (a title above a body, for example).</param>
public readonly record struct SearchTerm(string Text, int Weight);

/// <summary>
/// The terms of a searchable thing: each distinct word (a run of letters and digits) of its fields,
/// lower-cased and without accents, so the same LIKE finds it on both engines whatever their collation.
/// </summary>
public static class SearchTerms
{
    /// <summary>Longest term kept (longer words are cut; a prefix query still finds them).</summary>
    public const int MaxLength = 64;

    /// <summary>The distinct terms of <paramref name="fields"/>, each with the highest weight of the fields it occurs in.</summary>
    public static IReadOnlyCollection<SearchTerm> Of(params (string? Text, int Weight)[] fields)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (text, weight) in fields)
        {
            foreach (var word in Words(text))
            {
                var term = Cut(word);
                if (!weights.TryGetValue(term, out var known) || known < weight)
                {
                    weights[term] = weight;
                }
            }
        }

        return [.. weights.Select(w => new SearchTerm(w.Key, w.Value))];
    }

    /// <summary>The words of a text: runs of letters and digits of its <see cref="TextKey"/>.</summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var key = TextKey.Of(text);
        var start = -1;
        for (var i = 0; i <= key.Length; i++)
        {
            var inWord = i < key.Length && char.IsLetterOrDigit(key[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return key[start..i];
                start = -1;
            }
        }
    }

    internal static string Cut(string word) => word.Length > MaxLength ? word[..MaxLength] : word;
}
