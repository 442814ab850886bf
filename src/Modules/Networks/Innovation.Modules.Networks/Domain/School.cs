namespace Innovation.Modules.Networks.Domain;

// A school's vocabulary: its national identifier (Uai) and the codes that describe it.

/// <summary>
/// A school's national identifier (UAI, ex-RNE): 7 digits then a check letter, the 7-digit number
/// mod 23 indexing <c>ABCDEFGHJKLMNPRSTUVWXYZ</c> (no I, O, Q). The first three digits are the
/// département (620/720 for Corse-du-Sud/Haute-Corse).
/// </summary>
internal static class Uai
{
    private const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";

    /// <summary>The canonical (upper-case) UAI, or null with the reason.</summary>
    public static string? Normalize(string? input, out string? error)
    {
        var text = input?.Trim().ToUpperInvariant() ?? "";
        if (text.Length != 8 || !text[..7].All(char.IsAsciiDigit) || !char.IsAsciiLetterUpper(text[7]))
        {
            error = "A UAI is 7 digits followed by a check letter, e.g. 0951099D.";
            return null;
        }

        var expected = CheckLetter(text[..7]);
        if (text[7] != expected)
        {
            error = $"Check letter '{text[7]}' is wrong for {text[..7]}: expected '{expected}' ({text[..7]}{expected}).";
            return null;
        }

        error = null;
        return text;
    }

    public static char CheckLetter(string sevenDigits) => Letters[(int)(long.Parse(sevenDigits,
        System.Globalization.CultureInfo.InvariantCulture) % 23)];

    /// <summary>The département a UAI's prefix designates, where the prefix names one (metropolitan, Corsica, DROM).</summary>
    public static string? DepartementOf(string uai) => uai[..3] switch
    {
        "620" => "02A",
        "720" => "02B",
        var prefix when prefix[0] == '0' => prefix,
        var prefix when prefix is "971" or "972" or "973" or "974" or "976" => prefix,
        _ => null,
    };
}

/// <summary>Kind of school.</summary>
internal enum SchoolType
{
    Ecole,
    College,
    Lycee,
    Erea,
    Other,
}

/// <summary>Public, or private under contract.</summary>
internal enum SchoolSector
{
    Public,
    Private,
}

/// <summary>Priority-education network membership.</summary>
internal enum PriorityEducation
{
    None,
    Rep,
    RepPlus,
}

/// <summary>Whether the school is open.</summary>
internal enum SchoolStatus
{
    Open,
    Closed,
}
