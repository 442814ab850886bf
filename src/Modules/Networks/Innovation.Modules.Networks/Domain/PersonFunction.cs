namespace Innovation.Modules.Networks.Domain;

/// <summary>What a staff member does (a person may hold several functions).</summary>
internal enum PersonFunction
{
    Teacher,
    HeadOfSchool,
    Cpc,
    Ien,
    IaIpr,
    Trainer,
    Researcher,
    Aesh,
    Administrative,
    Other,
}

/// <summary>
/// Functions as stored: their codes between pipes (<c>|teacher|cpc|</c>), so one portable LIKE
/// <c>'%|cpc|%'</c> finds a function on both engines.
/// </summary>
internal static class PersonFunctions
{
    public static string Code(PersonFunction function) => StableCode.Of(function);

    /// <summary>The stored form of <paramref name="functions"/>: distinct, in the enum's order.</summary>
    public static string Store(IEnumerable<PersonFunction> functions)
    {
        var codes = functions.Distinct().Order().Select(Code).ToList();
        return codes.Count == 0 ? "" : "|" + string.Join('|', codes) + "|";
    }

    public static IReadOnlyList<string> Codes(string stored) =>
        stored.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static IReadOnlyList<PersonFunction> Parse(string stored) =>
        Codes(stored).Select(StableCode.Parse<PersonFunction>).ToList();

    /// <summary>The LIKE pattern that finds <paramref name="function"/> in the stored form.</summary>
    public static string Pattern(PersonFunction function) => "%|" + Code(function) + "|%";

    /// <summary>
    /// A function from an import cell: the API code in any case, or a common French label
    /// (<paramref name="key"/> is <see cref="TextKey.Of"/> of the cell: lower case, no accents).
    /// </summary>
    public static PersonFunction? FromLabel(string key) => key.Replace(" ", "").Replace("-", "").Replace("'", "") switch
    {
        "teacher" or "enseignant" or "enseignante" or "professeur" or "pe" => PersonFunction.Teacher,
        "headofschool" or "directeur" or "directrice" or "chefdetablissement" or "principal" or "proviseur" => PersonFunction.HeadOfSchool,
        "cpc" => PersonFunction.Cpc,
        "ien" => PersonFunction.Ien,
        "iaipr" => PersonFunction.IaIpr,
        "trainer" or "formateur" or "formatrice" => PersonFunction.Trainer,
        "researcher" or "chercheur" or "chercheuse" => PersonFunction.Researcher,
        "aesh" => PersonFunction.Aesh,
        "administrative" or "administratif" => PersonFunction.Administrative,
        "other" or "autre" => PersonFunction.Other,
        _ => null,
    };
}
