using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace Innovation.Api.Auth;

/// <summary>
/// Keys found valid, remembered for <c>Auth:ApiKeyCacheDuration</c> (5 s by default; zero turns the
/// cache off) so that a burst of requests does not read <c>host.api_key</c> once per request: the
/// that read is a large part of a single-row GET (ADR 0010). Each entry keeps the
/// key's authentication result too, built once: a hit allocates nothing, and nothing reads the
/// claims again (the principal carries its caller). The result's ticket, with its empty
/// properties, is shared by the key's requests, which only read it.
/// A revocation through this instance evicts the key at once; another instance of a scaled-out
/// deployment refuses it within the duration. Unknown keys are never remembered, and the cache is
/// bounded.
/// </summary>
internal sealed class ApiKeyCache
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Looked up by the hash's characters, so a hit allocates no string.
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _byHash;
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;

    public ApiKeyCache(TimeProvider time, IConfiguration configuration)
    {
        _time = time;
        _duration = configuration.GetValue("Auth:ApiKeyCacheDuration", TimeSpan.FromSeconds(5));
        _byHash = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The remembered result of the key whose secret is <paramref name="secret"/> (hashed here; a secret too long is never one).</summary>
    public bool TryGetBySecret(ReadOnlySpan<char> secret, out Task<AuthenticateResult> result)
    {
        if (secret.Length > ApiKeySecret.MaxSecretLength)
        {
            result = null!;
            return false;
        }

        Span<char> hash = stackalloc char[ApiKeySecret.HashLength];
        ApiKeySecret.Hash(secret, hash);
        return TryGet(hash, out result);
    }

    public bool TryGet(ReadOnlySpan<char> hash, out Task<AuthenticateResult> result)
    {
        if (_byHash.TryGetValue(hash, out var entry) && _time.GetUtcNow() < entry.ExpiresAt)
        {
            result = entry.Result;
            return true;
        }

        result = null!;
        return false;
    }

    public void Remember(string hash, Guid keyId, Task<AuthenticateResult> result)
    {
        if (_duration <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[hash] = new Entry(keyId, result, _time.GetUtcNow() + _duration);
    }

    /// <summary>Forgets a key (after its revocation), whatever its hash.</summary>
    public void Evict(Guid id)
    {
        foreach (var (hash, entry) in _entries)
        {
            if (entry.KeyId == id)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }

    private sealed record Entry(Guid KeyId, Task<AuthenticateResult> Result, DateTimeOffset ExpiresAt);
}
