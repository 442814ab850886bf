using Innovation.Api.Secrets;
using Innovation.BuildingBlocks;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Innovation.Api.Tests.Http;

/// <summary>Where the Data Protection keys go: every instance must read the same key ring, or a note opens on one instance only.</summary>
public sealed class DataProtectionSetupTests
{
    private static KeyManagementOptions KeyOptions(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => s.Value)).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddDataAndMessaging(configuration);
        services.AddInnovationDataProtection(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
    }

    [Test]
    public void On_sql_server_the_shared_key_directory_must_be_named()
    {
        var act = () => KeyOptions(("Database:Provider", "SqlServer"), ("ConnectionStrings:SqlServer", "Server=nowhere"));
        act.Should().Throw<InvalidOperationException>().WithMessage("*DataProtection:KeysDirectory*");

        var shared = Path.Combine(Path.GetTempPath(), "innovation-tests", "keys-" + Guid.NewGuid().ToString("N"));
        var options = KeyOptions(("Database:Provider", "SqlServer"), ("ConnectionStrings:SqlServer", "Server=nowhere"),
            ("DataProtection:KeysDirectory", shared));
        options.XmlRepository.Should().BeOfType<FileSystemXmlRepository>().Which.Directory.FullName.Should().Be(shared);
    }

    [Test]
    public void On_sqlite_the_keys_default_to_the_data_directory()
    {
        var data = Path.Combine(Path.GetTempPath(), "innovation-tests", "data-" + Guid.NewGuid().ToString("N"));
        try
        {
            KeyOptions(("Database:DataDirectory", data)).XmlRepository.Should().BeOfType<FileSystemXmlRepository>()
                .Which.Directory.FullName.Should().Be(Path.Combine(data, "keys"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
