using System.Security.Cryptography;
using System.Text;

namespace Innovation.Api.Features.Webhooks;

/// <summary>
/// Standard Webhooks signing (standardwebhooks.com): a secret <c>whsec_</c> + base64 of 32 random bytes, and per secret
/// a signature <c>v1,</c> + base64 of HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed by the secret's
/// decoded bytes. Several signatures (during a secret rotation) are sent space-separated.
/// </summary>
internal static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.").Concat(body).ToArray();
        return string.Join(' ', secrets.Select(secret =>
            "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret[SecretPrefix.Length..]), signed))));
    }
}
