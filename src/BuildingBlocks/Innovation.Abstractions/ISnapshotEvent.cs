namespace Innovation.Abstractions;

/// <summary>The state of one aggregate as its events carry it: ids and codes, with the version consumers compare.</summary>
public interface IAggregateSnapshot
{
    /// <summary>The aggregate's key: events of one key are delivered in order.</summary>
    string AggregateKey { get; }

    /// <summary>The académie of the aggregate.</summary>
    string Academie { get; }

    /// <summary>The aggregate's version after the change (a read model ignores versions it already holds).</summary>
    int Version { get; }
}

/// <summary>
/// An event that carries its aggregate's whole state as one snapshot (a lifecycle event): its key and académie are the
/// snapshot's, and a read model applies every such event the same way, whichever happened.
/// </summary>
public interface ISnapshotEvent<out TSnapshot> : IIntegrationEvent
    where TSnapshot : IAggregateSnapshot
{
    TSnapshot Snapshot { get; }

    string IIntegrationEvent.AggregateKey => Snapshot.AggregateKey;

    string IIntegrationEvent.Academie => Snapshot.Academie;
}
