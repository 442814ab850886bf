using System.Text.RegularExpressions;

namespace Innovation.Modules.Accompaniment.Domain;

/// <summary>The five kinds of resource the guide offers under each of its sections (AUDIO, VIDEO, DOCUMENT, SCHEMA, SITEWEB).</summary>
internal enum BankResourceKind
{
    Audio,
    Video,
    Document,
    Schema,
    SiteWeb,
}

/// <summary>The training and collaboration formats of the guide's section II 3.3.</summary>
internal enum BankResourceFormat
{
    HybridTrainingModule,
    Mooc,
    Webinar,
    CommunityOfPractice,
    PracticalSheet,
    Video,
    Tutorial,
    PedagogicalScenario,
}

/// <summary>
/// The guide's sections that offer resources, coded as the guide prints them above its resource kinds: part (I or II), then
/// the section's number (<c>I 3.1</c> … <c>II 4.3</c>).
/// </summary>
internal static partial class GuideSections
{
    /// <summary>Every section code, in the guide's order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "I 3.1", "I 3.2", "I 3.3",
        "II 1.1", "II 1.2", "II 1.3",
        "II 2.1", "II 2.2", "II 2.3", "II 2.4", "II 2.5",
        "II 3.1", "II 3.2", "II 3.3",
        "II 4.1", "II 4.2", "II 4.3",
    ];

    public const string Rule = "A guide section is one of I 3.1–I 3.3, II 1.1–II 1.3, II 2.1–II 2.5, II 3.1–II 3.3, II 4.1–II 4.3.";

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    /// <summary>The section's code as the guide writes it ("ii1.2", "II  1.2" → "II 1.2"), or null when the guide has no such section.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null || Pattern().Match(code.Trim().ToUpperInvariant()) is not { Success: true } match)
        {
            return null;
        }

        var normalized = $"{match.Groups[1].Value} {match.Groups[2].Value}";
        return Known.Contains(normalized) ? normalized : null;
    }

    [GeneratedRegex(@"^(I|II)\s*([0-9]\.[0-9])$")]
    private static partial Regex Pattern();
}
