using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Messaging;

/// <summary>
/// An instance that stops gives up its dispatch leases (outbox, webhooks): the next one, or the next start, takes
/// over at once instead of waiting for the lease to expire (the live suite starts one app per fixture on one database).
/// </summary>
public sealed class DispatchLeaseTests
{
    private const string OwnersSql = "SELECT name AS Name, owner AS Owner FROM host.dispatcher_lease";

    [Test]
    public async Task A_stopped_app_leaves_no_dispatch_lease_held()
    {
        var directory = Path.Combine(Path.GetTempPath(), "innovation-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var factory = new ApiFactory(Engine.Sqlite, new Dictionary<string, string?>
            {
                ["Database:DataDirectory"] = directory, ["Webhooks:PollInterval"] = "00:00:00.050",
            }))
            {
                var db = factory.Services.GetRequiredService<Db>();
                var deadline = DateTime.UtcNow.AddSeconds(10);
                List<Lease> held;
                do
                {
                    await Task.Delay(50);
                    held = (await db.ReadAsync(c => c.QueryAsync<Lease>(OwnersSql), CancellationToken.None)).ToList();
                }
                while (held.Any(l => l.Owner is null) && DateTime.UtcNow < deadline);

                held.Should().OnlyContain(l => l.Owner != null, "both dispatchers of a running app hold their lease");
            }

            await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "host.db")};Pooling=False");
            var after = (await connection.QueryAsync<Lease>(OwnersSql.Replace("host.", "", StringComparison.Ordinal))).ToList();

            after.Select(l => l.Name).Should().BeEquivalentTo("outbox", "webhooks");
            after.Should().OnlyContain(l => l.Owner == null, "a stopped app gives its leases up");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record Lease(string Name, string? Owner);
}
