using System.Collections.Concurrent;

namespace Innovation.Api.Auth;

/// <summary>
/// Keys found valid, remembered for <c>Auth:ApiKeyCacheDuration</c> (5 s by default; zero turns the
/// cache off) so that a burst of requests does not read <c>host.api_key</c> once per request: the
/// bench measured that read as about a third of a single-row GET (ADR 0010). A revocation through
/// this instance evicts the key at once; another instance of a scaled-out deployment refuses it
/// within the duration. Unknown keys are never remembered, and the cache is bounded.
/// </summary>
internal sealed class ApiKeyCache(TimeProvider time, IConfiguration configuration)
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _duration = configuration.GetValue("Auth:ApiKeyCacheDuration", TimeSpan.FromSeconds(5));

    public bool TryGet(string hash, out ApiKeyAuthenticationHandler.StoredKey key)
    {
        if (_entries.TryGetValue(hash, out var entry) && time.GetUtcNow() < entry.ExpiresAt)
        {
            key = entry.Key;
            return true;
        }

        key = null!;
        return false;
    }

    public void Remember(string hash, ApiKeyAuthenticationHandler.StoredKey key)
    {
        if (_duration <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[hash] = new Entry(key, time.GetUtcNow() + _duration);
    }

    /// <summary>Forgets a key (after its revocation), whatever its hash.</summary>
    public void Evict(Guid id)
    {
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Key.Id == id)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }

    private sealed record Entry(ApiKeyAuthenticationHandler.StoredKey Key, DateTimeOffset ExpiresAt);
}
