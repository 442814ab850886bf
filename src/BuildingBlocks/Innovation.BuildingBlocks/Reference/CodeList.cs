using Innovation.BuildingBlocks.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.BuildingBlocks.Reference;

/// <summary>One code of a list, as <c>GET /api/v1/reference</c> serves it.</summary>
/// <param name="Code" example="wellBeing">The stable code the API reads and writes.</param>
/// <param name="Label" example="Bien-être et compétences psychosociales">What a French front end shows for it.</param>
public sealed record ReferenceCode(string Code, string Label);

/// <summary>
/// A stable code list (a domain enum, named as its schema in the OpenAPI document) with the French label of each code, so
/// a front end shows labels without copying our lists. A module declares its lists beside its enums and registers them
/// with <see cref="CodeListRegistration.AddCodeLists"/>; the host serves them all (<see cref="DeclaredCodeLists"/>).
/// </summary>
public sealed class CodeList
{
    private CodeList(string name, IReadOnlyList<ReferenceCode> codes) => (Name, Codes) = (name, codes);

    /// <summary>The enum's schema name in the OpenAPI document (<c>ProjectTheme</c>).</summary>
    public string Name { get; }

    public IReadOnlyList<ReferenceCode> Codes { get; }

    /// <summary>A list of string codes that is no enum of ours (the problem codes), named as its schema in the document.</summary>
    public static CodeList Named(string name, IReadOnlyList<ReferenceCode> codes) => new(name, codes);

    /// <summary>The list of <typeparamref name="TEnum"/>; every value must have a label (reading the lists fails otherwise).</summary>
    public static CodeList Of<TEnum>(IReadOnlyDictionary<TEnum, string> labels) where TEnum : struct, Enum
    {
        var missing = Enum.GetValues<TEnum>().Where(v => !labels.ContainsKey(v)).ToList();
        return missing.Count == 0
            ? new CodeList(typeof(TEnum).Name, [.. Enum.GetValues<TEnum>().Select(v => new ReferenceCode(StableCode.Of(v), labels[v]))])
            : throw new InvalidOperationException($"{typeof(TEnum).Name} has no French label for {string.Join(", ", missing)}.");
    }
}

/// <summary>
/// The code lists a module (or the host) declares, built on their first read rather than at start: building them compiles
/// a dictionary, an enum's values and their codes for each enum, about a second of a start (ADR 0031).
/// </summary>
public sealed class DeclaredCodeLists(Func<IReadOnlyList<CodeList>> declare)
{
    private readonly Lazy<IReadOnlyList<CodeList>> lists = new(declare);

    public IReadOnlyList<CodeList> Lists => lists.Value;
}

public static class CodeListRegistration
{
    /// <summary>Registers <paramref name="lists"/>, called on the lists' first read (a static field it reads is initialized then).</summary>
    public static IServiceCollection AddCodeLists(this IServiceCollection services, Func<IReadOnlyList<CodeList>> lists) =>
        services.AddSingleton(new DeclaredCodeLists(lists));
}
