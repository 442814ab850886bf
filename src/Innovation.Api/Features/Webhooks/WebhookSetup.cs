using Innovation.BuildingBlocks.Security;

namespace Innovation.Api.Features.Webhooks;

/// <summary>The webhook subscriptions: their registration, the delivery worker and its HTTP client, and their endpoints.</summary>
internal static class WebhookSetup
{
    public static IServiceCollection AddInnovationWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection("Webhooks"));
        services.AddSingleton<HostResolver>(_ => (host, ct) => System.Net.Dns.GetHostAddressesAsync(host, ct));
        services.AddSingleton<WebhookTargets>();
        services.AddHttpClient(WebhookDispatcher.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // A redirect is a failure (Standard Webhooks), and following one would leave the checked address.
                AllowAutoRedirect = false,
                // A proxy would receive the connection ConnectCallback makes to the checked address.
                UseProxy = false,
                UseCookies = false,
                ConnectCallback = provider.GetRequiredService<WebhookTargets>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }

    public static void MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/admin/webhooks").RequireAuthorization(Scopes.WebhooksAdmin).WithTags("Webhooks");
        CreateWebhook.Map(webhooks);
        ListWebhooks.Map(webhooks);
        GetWebhook.Map(webhooks);
        UpdateWebhook.Map(webhooks);
        DeleteWebhook.Map(webhooks);
        RotateWebhookSecret.Map(webhooks);
        WebhookDeliveries.Map(webhooks);
    }
}
