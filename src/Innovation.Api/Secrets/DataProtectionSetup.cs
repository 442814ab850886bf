using Innovation.BuildingBlocks.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Innovation.Api.Secrets;

/// <summary>
/// ASP.NET Core Data Protection encrypts what must not be readable in the database (Accompaniment's confidential notes). Its
/// keys are persisted where every instance reads them, under one fixed application name, so a note written by one instance
/// opens on another and after a restart: <c>DataProtection:KeysDirectory</c> when set, else <c>keys/</c> in the SQLite data
/// directory (one machine). On SQL Server, where instances are several, the shared directory must be named: the API refuses to
/// start rather than let each instance make keys the others cannot read.
/// </summary>
internal static class DataProtectionSetup
{
    public const string ApplicationName = "Innovation.Api";

    public static IServiceCollection AddInnovationDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration["DataProtection:KeysDirectory"];
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<Db, ILoggerFactory>((options, db, logs) =>
            {
                var keys = !string.IsNullOrWhiteSpace(configured) ? configured
                    : db.DataDirectory is { } data ? Path.Combine(data, "keys")
                    : throw new InvalidOperationException("DataProtection:KeysDirectory is required when Database:Provider is SqlServer: name "
                        + "a directory every API instance shares, so that what one instance encrypts the others can read.");
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.GetFullPath(keys)), logs);
            })
            .ValidateOnStart();
        return services;
    }
}
