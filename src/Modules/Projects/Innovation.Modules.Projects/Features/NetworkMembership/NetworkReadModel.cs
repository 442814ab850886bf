using System.Data.Common;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Projects.Features.NetworkMembership;

/// <summary>
/// Projects' copy of the networks and their member schools (with membership periods), kept from
/// the Networks events so the project list can filter on a network without reading the Networks
/// schema. Each membership event carries the whole membership and replaces the copy; an event
/// older than the copy (by the network's version) changes nothing. People are not kept: the
/// filter needs schools only.
/// </summary>
internal sealed class NetworkReadModel(Db db, TimeProvider time) :
    ISnapshotReadModel<NetworkSnapshot>, INotificationHandler<IntegrationEvent<NetworkMembershipChanged>>
{
    internal const string UpsertNetworkSql = """
        UPDATE projects.network
        SET academie = @Academie, kind = @Kind, name = @Name, departement = @Departement, version = @Version
        WHERE id = @NetworkId AND version < @Version;
        INSERT INTO projects.network (id, academie, kind, name, departement, version, membership_version)
        SELECT @NetworkId, @Academie, @Kind, @Name, @Departement, @Version, 0
        WHERE NOT EXISTS (SELECT 1 FROM projects.network WHERE id = @NetworkId);
        """;

    internal const string ClaimMembershipSql = """
        UPDATE projects.network SET membership_version = @Version
        WHERE id = @NetworkId AND membership_version < @Version
        """;

    internal const string InsertMembershipNetworkSql = """
        INSERT INTO projects.network (id, academie, kind, name, departement, version, membership_version)
        SELECT @NetworkId, @Academie, NULL, NULL, NULL, 0, @Version
        WHERE NOT EXISTS (SELECT 1 FROM projects.network WHERE id = @NetworkId)
        """;

    internal const string DeleteMembersSql = "DELETE FROM projects.network_school WHERE network_id = @NetworkId";

    internal const string InsertMemberSql = """
        INSERT INTO projects.network_school (network_id, uai, valid_from, valid_to) VALUES (@NetworkId, @Uai, @From, @To)
        """;

    public Task Handle(IntegrationEvent<NetworkMembershipChanged> notification, CancellationToken cancellationToken)
    {
        var membership = notification.Payload;
        return db.ProcessOnceAsync(ProjectsModule.Schema, nameof(NetworkReadModel) + ".Membership", notification.Id, time.GetUtcNow(), async (c, t) =>
        {
            var parameters = new { membership.NetworkId, membership.Academie, membership.Version };
            if (await ReadModelLists.ClaimAsync(c, t, ClaimMembershipSql, InsertMembershipNetworkSql, parameters))
            {
                var schools = membership.Schools.Select(s => new { membership.NetworkId, Uai = s.Uai.Trim().ToUpperInvariant(), s.From, s.To });
                await ReadModelLists.ReplaceAsync(c, t, DeleteMembersSql, parameters, InsertMemberSql, schools);
            }
        }, cancellationToken);
    }

    public static string Schema => ProjectsModule.Schema;

    public static Task ApplyAsync(DbConnection c, DbTransaction t, NetworkSnapshot network) => c.ExecuteAsync(UpsertNetworkSql, network, t);
}
