using Innovation.BuildingBlocks.Security;

namespace Innovation.Api.Auth;

/// <summary>
/// Every scope a credential can carry: the platform's and those each module declared when it was
/// added. Each is an authorization policy; a key can be granted only these.
/// </summary>
internal sealed class KnownScopes
{
    public KnownScopes(IEnumerable<ModuleScopes> declared)
    {
        var all = new List<string>();
        foreach (var (owner, names) in declared.Select(d => (d.Owner, d.Names)))
        {
            var repeated = names.FirstOrDefault(all.Contains);
            if (repeated is not null)
            {
                throw new InvalidOperationException($"Scope '{repeated}' of {owner} is already declared: each scope has one owner.");
            }

            all.AddRange(names);
        }

        All = all;
        _set = new HashSet<string>(all, StringComparer.Ordinal);
    }

    private readonly HashSet<string> _set;

    public IReadOnlyList<string> All { get; }

    public bool Contains(string scope) => _set.Contains(scope);
}
