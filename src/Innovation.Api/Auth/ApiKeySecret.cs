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
    public static string Generate() => "ink_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
