using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Innovation.Api.Tests.Data;

/// <summary>
/// Instances started together on one SQLite data directory migrate it one at a time, as on SQL Server: without that, each
/// found a script not yet journaled, and all but the first failed on it ("table project already exists") and did not start.
/// </summary>
public sealed class MigrationTogetherTests
{
    private const int Instances = 4;

    [Test]
    public async Task Instances_migrating_one_data_directory_at_once_all_succeed_and_apply_each_script_once()
    {
        IReadOnlyList<ModuleSchema> schemas;
        using (var factory = new ApiFactory(Engine.Sqlite))
        {
            schemas = [.. factory.Services.GetServices<ModuleSchema>()];
        }

        var options = new DatabaseOptions { DataDirectory = Directory.CreateTempSubdirectory("migrate-together-").FullName };
        var dbs = Enumerable.Range(0, Instances).Select(_ => new Db(options, schemas, new OutboxSignal())).ToList();
        try
        {
            using var together = new Barrier(Instances);
            await Task.WhenAll(dbs.Select(db => Task.Run(() =>
            {
                together.SignalAndWait();
                new SchemaMigrator(db, options, schemas, NullLogger<SchemaMigrator>.Instance).Migrate();
            })));

            await dbs[0].ReadAsync(async c =>
            {
                foreach (var schema in schemas)
                {
                    var journaled = await c.QueryAsync<string>($"SELECT ScriptName FROM {schema.Name}.{SchemaMigrator.JournalTable}");
                    journaled.Should().BeEquivalentTo(schema.Migrations(DatabaseProvider.Sqlite).Select(m => m.Name), "each script once");
                }

                return true;
            }, CancellationToken.None);
        }
        finally
        {
            dbs.ForEach(db => db.Dispose());
            Directory.Delete(options.DataDirectory, recursive: true);
        }
    }
}
