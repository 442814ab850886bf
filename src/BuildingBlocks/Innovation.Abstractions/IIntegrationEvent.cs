namespace Innovation.Abstractions;

/// <summary>
/// The payload of an integration event, declared in a module's Contracts assembly. Its class
/// name is the event's public <c>type</c> in the feed, so it must be unique across modules.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Events of one aggregate are delivered in the order they were written.</summary>
    string AggregateKey { get; }

    /// <summary>The académie the event belongs to; the feed shows it only to that académie's callers.</summary>
    string Academie { get; }
}
