using System.Data.Common;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Evaluation.Features.ReadModels;

/// <summary>
/// Evaluation's copy of the networks: académie, kind and département from <c>NetworkCreated</c>/<c>NetworkUpdated</c>, the
/// member schools with their periods from <c>NetworkMembershipChanged</c> (each carries the whole membership and replaces the
/// copy). A project belongs to a network while one of its schools is a current member, as in the project list. The two
/// kinds of event carry their own version; an older one changes nothing.
/// </summary>
internal sealed class NetworkReadModel(Db db, TimeProvider time) :
    ISnapshotReadModel<NetworkSnapshot>, INotificationHandler<IntegrationEvent<NetworkMembershipChanged>>
{
    internal const string FindSql = """
        SELECT id AS Id, academie AS Academie, kind AS Kind, departement AS Departement, version AS Version FROM evaluation.network WHERE id = @Id
        """;

    internal const string UpdateSql = """
        UPDATE evaluation.network SET academie = @Academie, kind = @Kind, departement = @Departement, version = @Version
        WHERE id = @NetworkId AND version < @Version
        """;

    internal const string InsertSql = """
        INSERT INTO evaluation.network (id, academie, kind, departement, version, membership_version)
        SELECT @NetworkId, @Academie, @Kind, @Departement, @Version, 0
        WHERE NOT EXISTS (SELECT 1 FROM evaluation.network WHERE id = @NetworkId)
        """;

    internal const string ClaimMembershipSql = """
        UPDATE evaluation.network SET membership_version = @Version WHERE id = @NetworkId AND membership_version < @Version
        """;

    internal const string InsertForMembershipSql = """
        INSERT INTO evaluation.network (id, academie, kind, departement, version, membership_version)
        SELECT @NetworkId, @Academie, NULL, NULL, 0, @Version
        WHERE NOT EXISTS (SELECT 1 FROM evaluation.network WHERE id = @NetworkId)
        """;

    internal const string DeleteMembersSql = "DELETE FROM evaluation.network_school WHERE network_id = @NetworkId";

    internal const string InsertMemberSql = """
        INSERT INTO evaluation.network_school (network_id, uai, valid_from, valid_to) VALUES (@NetworkId, @Uai, @From, @To)
        """;

    private static readonly ListCopy Membership = new(ClaimMembershipSql, InsertForMembershipSql, DeleteMembersSql, InsertMemberSql);

    public Task Handle(IntegrationEvent<NetworkMembershipChanged> notification, CancellationToken cancellationToken)
    {
        var membership = notification.Payload;
        var schools = membership.Schools.Select(s => new { membership.NetworkId, Uai = s.Uai.Trim().ToUpperInvariant(), s.From, s.To });
        return db.ProcessOnceAsync(EvaluationModule.Schema, nameof(NetworkReadModel), notification.Id, time.GetUtcNow(), (c, t) =>
            Membership.ReplaceAsync(c, t, new { membership.NetworkId, membership.Academie, membership.Version }, schools), cancellationToken);
    }

    /// <summary>The network visible to <paramref name="caller"/>, or the 404 of one Evaluation does not know or of another académie.</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null) =>
        await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t) is { } row && caller.Sees(row.Academie)
            ? row
            : throw ProblemException.NotFound("network", id.ToString());

    public static string Schema => EvaluationModule.Schema;

    public static async Task ApplyAsync(DbConnection c, DbTransaction t, NetworkSnapshot network)
    {
        if (await c.ExecuteAsync(UpdateSql, network, t) == 0)
        {
            await c.ExecuteAsync(InsertSql, network, t);
        }
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public string? Kind { get; set; }
        public string? Departement { get; set; }
        public int Version { get; set; }
    }
}
