namespace Innovation.Api.Messaging;

/// <summary>Bound from the <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    /// <summary>How often the dispatcher looks at the outboxes when no commit woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries tried before an event is parked for an administrator.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First delay between failed deliveries; doubles each attempt (with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest delay between failed deliveries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An undelivered event older than this makes readiness fail.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one instance holds the dispatch lease before another may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; set; } = 200;
}
