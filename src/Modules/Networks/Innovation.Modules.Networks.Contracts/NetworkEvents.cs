using Innovation.Abstractions;

namespace Innovation.Modules.Networks.Contracts;

/// <summary>A network as other modules need it: no member names, only ids and codes.</summary>
/// <param name="NetworkId">The network's id.</param>
/// <param name="Kind">educationNetwork, bassin, circonscription, professionalCollective, communityOfPractice or mutualisationGroup.</param>
/// <param name="Name">The network's name.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="Departement">Département code, when the network belongs to one.</param>
/// <param name="Version">The network's version after the change (consumers ignore older versions).</param>
public sealed record NetworkSnapshot(Guid NetworkId, string Kind, string Name, string Academie, string? Departement, int Version) : IAggregateSnapshot
{
    string IAggregateSnapshot.AggregateKey => NetworkId.ToString();
}

/// <summary>A change of a network's own data: it carries the network after the change.</summary>
public abstract record NetworkSnapshotEvent(NetworkSnapshot Network) : ISnapshotEvent<NetworkSnapshot>
{
    NetworkSnapshot ISnapshotEvent<NetworkSnapshot>.Snapshot => Network;
}

/// <summary>A network was created.</summary>
public sealed record NetworkCreated(NetworkSnapshot Network) : NetworkSnapshotEvent(Network);

/// <summary>A network's own data (name, kind, description, years…) changed.</summary>
public sealed record NetworkUpdated(NetworkSnapshot Network) : NetworkSnapshotEvent(Network);

/// <summary>A member school and its membership period (dates inclusive; null = open-ended).</summary>
public sealed record NetworkSchoolMember(string Uai, DateOnly? From, DateOnly? To);

/// <summary>A member person, by id only, with the role and the membership period.</summary>
/// <param name="PersonId">The person's id in the people directory.</param>
/// <param name="Role">coordinator, facilitator, referent, member or relay.</param>
/// <param name="Domain">The referent's domain (culture, digital, e3d…), if any.</param>
/// <param name="From">First day of the membership, if known.</param>
/// <param name="To">Last day of the membership; null while it lasts.</param>
public sealed record NetworkPersonMember(Guid PersonId, string Role, string? Domain, DateOnly? From, DateOnly? To);

/// <summary>
/// The network's membership changed. Carries the whole membership (every school and person with
/// their periods, past ones included) so a consumer replaces its copy from any one event.
/// </summary>
public sealed record NetworkMembershipChanged(
    Guid NetworkId, string Academie, IReadOnlyList<NetworkSchoolMember> Schools, IReadOnlyList<NetworkPersonMember> People, int Version)
    : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => NetworkId.ToString();

    string IIntegrationEvent.Academie => Academie;
}
