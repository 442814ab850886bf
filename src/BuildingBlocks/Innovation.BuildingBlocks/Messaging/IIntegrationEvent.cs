using MediatR;

namespace Innovation.BuildingBlocks.Messaging;

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

/// <summary>What subscribers receive: the payload with its envelope (the id is what inboxes record).</summary>
public sealed record IntegrationEvent<TPayload>(Guid Id, DateTimeOffset OccurredAt, TPayload Payload) : INotification
    where TPayload : IIntegrationEvent;
