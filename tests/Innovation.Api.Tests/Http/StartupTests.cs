using System.Net;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Http;

public sealed class StartupTests
{
    [Test]
    public async Task A_second_start_applies_no_migration_and_keeps_the_data()
    {
        var folder = Path.Combine(Path.GetTempPath(), "innovation-tests", "restart-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Database:DataDirectory"] = folder };
        int journaled;
        using (var first = new ApiFactory(Engine.Sqlite, settings))
        {
            var client = first.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.AdminKey);
            var created = await client.PostAsync("/api/v1/schools", System.Net.Http.Json.JsonContent.Create(
                new { uai = "0951099D", name = "Lycée", type = "lycee", sector = "public", departement = "095" }));
            created.StatusCode.Should().Be(HttpStatusCode.Created);
            journaled = await JournalCount(first);
        }

        using var second = new ApiFactory(Engine.Sqlite, settings);
        var pending = await second.Services.GetRequiredService<SchemaMigrator>().PendingAsync(CancellationToken.None);
        pending.Values.Should().OnlyContain(count => count == 0);
        (await JournalCount(second)).Should().Be(journaled, "nothing is applied twice");
        var again = second.CreateClient();
        again.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.AdminKey);
        (await again.GetAsync("/api/v1/schools/0951099D")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase("dev-national-admin-key")]
    [TestCase("short-secret")]
    public void Outside_development_a_well_known_or_short_bootstrap_key_stops_the_start(string secret)
    {
        using var factory = new ApiFactory(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Auth:BootstrapApiKey"] = secret,
        });
        var start = () => factory.CreateClient();
        start.Should().Throw<InvalidOperationException>().WithMessage("*Auth:BootstrapApiKey*");
    }

    [Test]
    public async Task A_process_that_cannot_start_says_why_in_one_line_and_exits_with_1()
    {
        var data = Path.Combine(Path.GetTempPath(), "innovation-tests", "refused-" + Guid.NewGuid().ToString("N"));
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__BootstrapApiKey"] = "short-secret";
        start.Environment["Database__DataDirectory"] = data;
        start.Environment["DataProtection__KeysDirectory"] = Path.Combine(data, "keys");
        using var api = System.Diagnostics.Process.Start(start)!;
        var output = api.StandardOutput.ReadToEndAsync();
        var errors = await api.StandardError.ReadToEndAsync();
        await api.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        api.ExitCode.Should().Be(1);
        errors.Trim().Should().StartWith("Innovation API could not start: Auth:BootstrapApiKey must be a secret of at least 32 characters")
            .And.NotContain("\n", "one line").And.NotContain("   at ", "no stack trace");
        (await output).Should().NotContain("Unhandled exception");
    }

    private static Task<int> JournalCount(ApiFactory factory)
    {
        var db = factory.Services.GetRequiredService<Db>();
        return db.ReadAsync(async c =>
        {
            var total = 0;
            foreach (var schema in db.Schemas)
            {
                total += await c.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {schema}.{SchemaMigrator.JournalTable}");
            }

            return total;
        }, CancellationToken.None);
    }
}
