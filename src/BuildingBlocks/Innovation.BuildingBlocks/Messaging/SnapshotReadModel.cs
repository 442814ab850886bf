using System.Data.Common;
using System.Reflection;
using Innovation.Abstractions;
using Innovation.BuildingBlocks.Data;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Innovation.BuildingBlocks.Messaging;

/// <summary>
/// A module's copy of another module's aggregates, kept from the events that carry their snapshot (ADR 0004): every such
/// event (<see cref="ISnapshotEvent{TSnapshot}"/>) is applied by <see cref="ApplyAsync"/>, once (the inbox of
/// <see cref="Schema"/>, under the read model's class name), whichever event it is. The read model writes only what it keeps
/// and ignores versions it already holds; its read-your-writes catch-up (<see cref="ReadModelCatchUp"/>) applies the owner's
/// answer with the same <see cref="ApplyAsync"/>.
/// </summary>
public interface ISnapshotReadModel<TSnapshot>
    where TSnapshot : IAggregateSnapshot
{
    /// <summary>The consuming module's schema: its tables and its inbox.</summary>
    static abstract string Schema { get; }

    /// <summary>Writes the snapshot into the copy, in the event's transaction.</summary>
    static abstract Task ApplyAsync(DbConnection c, DbTransaction t, TSnapshot snapshot);
}

/// <summary>The handler of one snapshot event for one read model (registered by <see cref="SnapshotReadModels.Add"/>).</summary>
internal sealed class SnapshotConsumer<TReadModel, TEvent, TSnapshot>(Db db, TimeProvider time) : INotificationHandler<IntegrationEvent<TEvent>>
    where TReadModel : ISnapshotReadModel<TSnapshot>
    where TEvent : ISnapshotEvent<TSnapshot>
    where TSnapshot : IAggregateSnapshot
{
    public Task Handle(IntegrationEvent<TEvent> notification, CancellationToken cancellationToken) =>
        db.ProcessOnceAsync(TReadModel.Schema, typeof(TReadModel).Name, notification.Id, time.GetUtcNow(),
            (c, t) => TReadModel.ApplyAsync(c, t, notification.Payload.Snapshot), cancellationToken);
}

internal static class SnapshotReadModels
{
    /// <summary>
    /// Subscribes each read model of <paramref name="moduleAssembly"/> to every event that carries its snapshot: the concrete
    /// <see cref="ISnapshotEvent{TSnapshot}"/> records of the snapshot's own Contracts assembly.
    /// </summary>
    public static void Add(IServiceCollection services, Assembly moduleAssembly)
    {
        foreach (var readModel in moduleAssembly.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true }))
        {
            foreach (var snapshot in readModel.GetInterfaces()
                         .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISnapshotReadModel<>))
                         .Select(i => i.GetGenericArguments()[0]))
            {
                var carrier = typeof(ISnapshotEvent<>).MakeGenericType(snapshot);
                var payloads = snapshot.Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true } && carrier.IsAssignableFrom(t));
                foreach (var payload in payloads)
                {
                    services.TryAddEnumerable(ServiceDescriptor.Singleton(
                        typeof(INotificationHandler<>).MakeGenericType(typeof(IntegrationEvent<>).MakeGenericType(payload)),
                        typeof(SnapshotConsumer<,,>).MakeGenericType(readModel, payload, snapshot)));
                }
            }
        }
    }
}
