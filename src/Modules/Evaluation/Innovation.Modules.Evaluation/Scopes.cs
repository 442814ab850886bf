namespace Innovation.Modules.Evaluation;

/// <summary>
/// The scopes of the Evaluation endpoints. In the module's root namespace, so its features find these
/// before the platform's <c>Innovation.BuildingBlocks.Security.Scopes</c>. None yet: a scope is
/// declared with the first endpoint that requires it (docs/adding-a-module.md).
/// </summary>
internal static class Scopes
{
    public static readonly IReadOnlyList<string> All = [];
}
