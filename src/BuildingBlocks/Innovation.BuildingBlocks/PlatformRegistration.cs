using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.BuildingBlocks;

/// <summary>
/// The data access and messaging every module stands on: one database, the outboxes and inboxes. The
/// host adds the dispatcher, which delivers into its own tables (the feed, the dispatch lease).
/// </summary>
public static class PlatformRegistration
{
    public static IServiceCollection AddDataAndMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        var database = new DatabaseOptions();
        configuration.GetSection("Database").Bind(database);
        database.SqlServerConnectionString = configuration.GetConnectionString("SqlServer");

        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Db>();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<IntegrationEventTypes>();
        return services;
    }
}
