using Dapper;
using Innovation.Abstractions;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Api.Tests.Projects;

/// <summary>
/// The network filter reads Projects' copy of the networks, fed by the Networks events. The
/// networks endpoints come with another branch, so the events are enqueued here into the
/// networks outbox, exactly as Networks will write them.
/// </summary>
public sealed class ProjectNetworkFilterTests(Engine engine) : ProjectSearchApiTest(engine)
{
    internal const string NetworkVersionSql = "SELECT version FROM projects.network WHERE id = @Id";
    internal const string MembershipVersionSql = "SELECT membership_version FROM projects.network WHERE id = @Id";

    private static readonly Guid Network = Guid.CreateVersion7();

    [Test]
    public async Task The_network_filter_keeps_projects_with_a_school_that_is_a_member_today()
    {
        var (a, b, c, _) = await KnownProjects();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        await Publish(new NetworkCreated(new NetworkSnapshot(Network, "educationNetwork", "Réseau Val-d'Oise", "25", "095", 1)));
        await Publish(new NetworkMembershipChanged(Network, "25",
        [
            new NetworkSchoolMember(Galois, null, null),
            new NetworkSchoolMember(Jaures, new DateOnly(2020, 9, 1), new DateOnly(2021, 6, 30)),
            new NetworkSchoolMember(Lycee78, today.AddDays(10), null),
        ], [], 2));
        await MembershipVersion(2);

        (await ListIds(Admin, $"network={Network}")).Should().BeEquivalentTo([a, c],
            "Galois is a member today; Jaurès left in 2021 and the lycée joins only in ten days");
        (await ListIds(Admin, $"network={Network}&status=submitted")).Should().Equal(c);
        (await Ok(await Admin.GetAsync($"/api/v1/projects/facets?network={Network}"))).GetProperty("total").GetInt32().Should().Be(2);
        (await ListIds(Admin, $"network={Guid.CreateVersion7()}")).Should().BeEmpty("an unknown network has no member");

        await Publish(new NetworkMembershipChanged(Network, "25", [new NetworkSchoolMember(Jaures, new DateOnly(2020, 9, 1), null)], [], 3));
        await MembershipVersion(3);
        (await ListIds(Admin, $"network={Network}")).Should().Equal([b], "each membership event replaces the whole membership");
    }

    [Test]
    public async Task An_older_event_changes_nothing()
    {
        var (_, b, _, _) = await KnownProjects();

        await Publish(new NetworkCreated(new NetworkSnapshot(Network, "bassin", "Bassin de Gonesse", "25", "095", 1)));
        await Publish(new NetworkMembershipChanged(Network, "25", [new NetworkSchoolMember(Jaures, null, null)], [], 5));
        await Publish(new NetworkMembershipChanged(Network, "25", [new NetworkSchoolMember(Galois, null, null)], [], 4));
        await Publish(new NetworkUpdated(new NetworkSnapshot(Network, "bassin", "Bassin de Gonesse-Sarcelles", "25", "095", 6)));
        // Events of one network are delivered in order: once version 6 is in, version 4 was seen (and ignored).
        await Eventually(async () => await Db.ReadAsync(c => c.ExecuteScalarAsync<int?>(NetworkVersionSql, new { Id = Network }),
            CancellationToken.None) == 6,
            "the network's update reaches Projects");

        (await ListIds(Admin, $"network={Network}")).Should().Equal([b]);
        (await Db.ReadAsync(c => c.ExecuteScalarAsync<int>(MembershipVersionSql, new { Id = Network }), CancellationToken.None)).Should().Be(5);
    }

    private Task Publish(IIntegrationEvent payload) =>
        Db.WriteAsync((c, t) => Outbox.EnqueueAsync(c, t, "networks", payload, DateTimeOffset.UtcNow), CancellationToken.None);

    private Task MembershipVersion(int version) =>
        Eventually(async () => await Db.ReadAsync(c => c.ExecuteScalarAsync<int?>(MembershipVersionSql, new { Id = Network }),
            CancellationToken.None) == version,
            $"membership version {version} reaches Projects");
}
