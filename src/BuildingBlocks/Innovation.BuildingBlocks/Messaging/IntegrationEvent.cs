using Innovation.Abstractions;
using MediatR;

namespace Innovation.BuildingBlocks.Messaging;

/// <summary>What subscribers receive: the payload with its envelope (the id is what inboxes record).</summary>
public sealed record IntegrationEvent<TPayload>(Guid Id, DateTimeOffset OccurredAt, TPayload Payload) : INotification
    where TPayload : IIntegrationEvent;
