namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// What the rows of one import name (an académie, an indicator, a person), each asked once for the whole import. Only what exists is
/// kept, so memory stays bounded by the database whatever the file; a key that names nothing is asked again when a later row repeats it.
/// </summary>
public sealed class ImportLookup<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
    where TValue : class
{
    private readonly Dictionary<TKey, TValue> _found = new(comparer);

    /// <summary>What <paramref name="key"/> names, asked of <paramref name="find"/> unless known; null when it names nothing.</summary>
    public async ValueTask<TValue?> FindAsync(TKey key, Func<TKey, Task<TValue?>> find)
    {
        if (!_found.TryGetValue(key, out var value) && (value = await find(key)) is not null)
        {
            _found[key] = value;
        }

        return value;
    }

    /// <summary>Asks <paramref name="findMany"/> once for those of <paramref name="keys"/> not known yet (not at all when every one is).</summary>
    public async Task KnowAsync(IEnumerable<TKey> keys, Func<List<TKey>, Task<IEnumerable<KeyValuePair<TKey, TValue>>>> findMany)
    {
        var unknown = keys.Distinct(_found.Comparer).Where(key => !_found.ContainsKey(key)).ToList();
        if (unknown.Count > 0)
        {
            foreach (var (key, value) in await findMany(unknown))
            {
                _found[key] = value;
            }
        }
    }

    /// <summary>What <paramref name="key"/> names, when known.</summary>
    public TValue? this[TKey key] => _found.GetValueOrDefault(key);
}
