using Innovation.BuildingBlocks.Search;

namespace Innovation.Api.Tests.Networks;

/// <summary>
/// TextKey puts together the keys of Latin characters instead of normalising the whole text. That
/// holds only if no two Latin characters interact in the normalisation: checked here for every pair.
/// </summary>
public sealed class TextKeyTests
{
    [Test]
    public void Every_pair_of_latin_characters_has_the_key_of_the_general_path()
    {
        var mismatches = new List<string>();
        Span<char> pair = stackalloc char[2];
        for (var first = 0; first < TextKey.LatinEnd; first++)
        {
            for (var second = 0; second < TextKey.LatinEnd; second++)
            {
                pair[0] = (char)first;
                pair[1] = (char)second;
                var text = pair.ToString();
                if (TextKey.Of(text) != TextKey.Normalized(text) && mismatches.Count < 20)
                {
                    mismatches.Add($"U+{first:X4} U+{second:X4}");
                }
            }
        }

        mismatches.Should().BeEmpty();
    }

    [TestCase("Lycée Évariste-Galois", "lycee evariste-galois")]
    [TestCase("ÉCOLE ŒUVRE ÆTHER ß", "ecole œuvre æther ß")]
    [TestCase("Collège Saint-Exupéry 12", "college saint-exupery 12")]
    [TestCase("Ελληνικό σχολείο", "ελληνικο σχολειο")]
    [TestCase("école\u0301 e\u0301", "ecole e")]
    public void Accents_and_case_are_ignored(string text, string key)
    {
        TextKey.Of(text).Should().Be(key);
        TextKey.Of(text).Should().Be(TextKey.Normalized(text));
    }
}
