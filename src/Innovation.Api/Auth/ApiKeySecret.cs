using System.Security.Cryptography;
using System.Text;

namespace Innovation.Api.Auth;

/// <summary>
/// API key secrets: 256 random bits, shown once, stored only as a SHA-256 hash. A fast hash is
/// enough because the secret is random, not a password (no dictionary to attack), and it keeps the
/// per-request lookup a single indexed read.
/// </summary>
internal static class ApiKeySecret
{
    /// <summary>Characters of a hash: SHA-256 in lower-case hexadecimal.</summary>
    public const int HashLength = 64;

    /// <summary>The longest secret the handler accepts (longer headers are refused before hashing).</summary>
    public const int MaxSecretLength = 200;

    public static string Generate() => "ink_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>
    /// <see cref="Hash(string)"/> written into <paramref name="hash"/> (<see cref="HashLength"/> characters)
    /// without allocating: it runs on every authenticated request.
    /// </summary>
    public static void Hash(ReadOnlySpan<char> secret, Span<char> hash)
    {
        Span<byte> utf8 = stackalloc byte[MaxSecretLength * 3];
        var length = Encoding.UTF8.GetBytes(secret, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        Convert.TryToHexStringLower(digest, hash, out _);
    }
}
