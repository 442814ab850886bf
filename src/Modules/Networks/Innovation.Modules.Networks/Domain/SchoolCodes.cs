namespace Innovation.Modules.Networks.Domain;

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

/// <summary>The stable string codes stored and published for each enum (the API's JSON codes).</summary>
internal static class SchoolCodes
{
    public static string Code<TEnum>(TEnum value) where TEnum : struct, Enum =>
        CodesOf<TEnum>.ByValue.TryGetValue(value, out var code) ? code : CodeOf(value);

    private static string CodeOf<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>Each value's code, computed once: a bulk import asks for four codes per row.</summary>
    private static class CodesOf<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>().ToDictionary(v => v, CodeOf);
    }

    public static TEnum Parse<TEnum>(string code) where TEnum : struct, Enum => Enum.Parse<TEnum>(code, ignoreCase: true);
}
