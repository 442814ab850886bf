using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.BuildingBlocks;

/// <summary>The data access and messaging every module stands on: one database, outboxes, the dispatcher.</summary>
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
        services.AddSingleton<OutboxMonitor>();
        services.AddSingleton<IntegrationEventTypes>();
        services.Configure<MessagingOptions>(configuration.GetSection("Messaging"));
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
