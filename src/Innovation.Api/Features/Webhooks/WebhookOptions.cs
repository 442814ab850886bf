namespace Innovation.Api.Features.Webhooks;

/// <summary>Bound from the <c>Webhooks</c> configuration section.</summary>
internal sealed class WebhookOptions
{
    /// <summary>
    /// Hosts (names or IP literals, as written in the URL) exempt from the address checks, over http or https:
    /// a receiver on the local network, or the tests' receiver on 127.0.0.1. Empty in production unless decided.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>How often the delivery worker looks for events to deliver.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for a receiver's answer to one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First delay after a failed attempt; doubles with each consecutive failure (with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest delay between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Consecutive failed attempts after which the subscription is disabled (about a day with the default delays).</summary>
    public int MaxConsecutiveFailures { get; set; } = 15;

    /// <summary>How long the previous secret still signs deliveries after a rotation.</summary>
    public TimeSpan SecretRotationGrace { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Subscriptions delivered to at the same time; each one's events go out one by one, in feed order.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Events one subscription delivers before yielding its slot to the others.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long one instance holds the delivery lease before another may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}
