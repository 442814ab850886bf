using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Infrastructure;

/// <summary>The real API (real pipeline, real database) in memory, on its own data directory.</summary>
public sealed class ApiFactory(
    Engine engine, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    /// <summary>The bootstrap national administrator key of every test API.</summary>
    public const string AdminKey = "test-national-admin-key-0123456789abcdef";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "innovation-tests", Guid.NewGuid().ToString("N"));

    public Engine Engine { get; } = engine;

    /// <summary>
    /// A client of this API as <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> makes it (redirects followed,
    /// cookies kept), whose every response is also checked against the OpenAPI document (<see cref="ResponseConformance"/>).
    /// </summary>
    public new HttpClient CreateClient() => CreateDefaultClient(ClientOptions.BaseAddress,
        new RedirectHandler(ClientOptions.MaxAutomaticRedirections), new CookieContainerHandler(), new ResponseConformance());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Engine.ToString(),
            ["Database:DataDirectory"] = DataDirectory,
            ["ConnectionStrings:SqlServer"] = Engines.SqlServerConnectionString,
            // SQLite keeps the Data Protection keys under its data directory by itself; SQL Server needs the directory named.
            ["DataProtection:KeysDirectory"] = Engine == Engine.SqlServer ? Path.Combine(DataDirectory, "keys") : null,
            ["Auth:BootstrapApiKey"] = AdminKey,
            ["Messaging:PollInterval"] = "00:00:00.050",
            ["RateLimiting:PermitsPerSecond"] = "100000",
            ["RateLimiting:Burst"] = "100000",
            ["RateLimiting:AnonymousPermitsPerSecond"] = "100000",
            ["RateLimiting:AnonymousBurst"] = "100000",
            ["RateLimiting:FailedAuthenticationsPerMinute"] = "100000",
            ["RateLimiting:FailedAuthenticationBurst"] = "100000",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // UseSetting, not ConfigureAppConfiguration: Program reads some settings before Build(), and only
        // host settings reach the builder's configuration that early.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a finishing background task: the temp folder is cleaned by the OS.
            }
        }
    }
}
