using System.Text.Json;

namespace Innovation.BuildingBlocks.Http;

/// <summary>
/// The stable string code of each value of a domain enum (<c>RepPlus</c> → <c>repPlus</c>): what the
/// API's JSON writes, what query parameters and imports accept, and what the database stores.
/// One set of rules for every module, so a code never differs between a column and an answer.
/// </summary>
public static class StableCode
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        CodesOf<TEnum>.ByValue.TryGetValue(value, out var code) ? code : Name(value.ToString());

    /// <summary>The value a stored code names (codes are compared ignoring case).</summary>
    public static TEnum Parse<TEnum>(string code) where TEnum : struct, Enum => Enum.Parse<TEnum>(code, ignoreCase: true);

    /// <summary>Every code of the enum, in declaration order.</summary>
    public static IReadOnlyList<string> All(Type enumType) => [.. Enum.GetNames(enumType).Select(Name)];

    private static string Name(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    // Computed once per enum: a bulk import asks for several codes per row.
    private static class CodesOf<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().ToDictionary(v => v, v => Name(v.ToString()));
    }
}
