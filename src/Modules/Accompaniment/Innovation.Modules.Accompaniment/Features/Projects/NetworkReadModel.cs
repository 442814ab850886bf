using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Accompaniment.Features.Projects;

/// <summary>
/// Accompaniment's copy of the networks' member schools (with their periods), from <c>NetworkMembershipChanged</c>,
/// so the queue filters on a network: a project belongs to a network while one of its schools is a current member,
/// as in the project list. Each event carries the whole membership and replaces the copy; an older one changes nothing.
/// </summary>
internal sealed class NetworkReadModel(Db db, TimeProvider time) : INotificationHandler<IntegrationEvent<NetworkMembershipChanged>>
{
    internal const string ClaimSql = """
        UPDATE accompaniment.network SET membership_version = @Version WHERE id = @NetworkId AND membership_version < @Version
        """;

    internal const string InsertSql = """
        INSERT INTO accompaniment.network (id, academie, membership_version)
        SELECT @NetworkId, @Academie, @Version
        WHERE NOT EXISTS (SELECT 1 FROM accompaniment.network WHERE id = @NetworkId)
        """;

    internal const string DeleteMembersSql = "DELETE FROM accompaniment.network_school WHERE network_id = @NetworkId";

    internal const string InsertMemberSql = """
        INSERT INTO accompaniment.network_school (network_id, uai, valid_from, valid_to) VALUES (@NetworkId, @Uai, @From, @To)
        """;

    private static readonly ListCopy Membership = new(ClaimSql, InsertSql, DeleteMembersSql, InsertMemberSql);

    public Task Handle(IntegrationEvent<NetworkMembershipChanged> notification, CancellationToken cancellationToken)
    {
        var membership = notification.Payload;
        var schools = membership.Schools.Select(s => new { membership.NetworkId, Uai = s.Uai.Trim().ToUpperInvariant(), s.From, s.To });
        return db.ProcessOnceAsync(AccompanimentModule.Schema, nameof(NetworkReadModel), notification.Id, time.GetUtcNow(), (c, t) =>
            Membership.ReplaceAsync(c, t, new { membership.NetworkId, membership.Academie, membership.Version }, schools), cancellationToken);
    }
}
