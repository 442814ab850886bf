using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Innovation.Api;
using Innovation.Api.Auth;
using Innovation.Api.Features.ApiKeys;
using Innovation.Api.Features.Audit;
using Innovation.Api.Features.Events;
using Innovation.Api.Features.Outbox;
using Innovation.Api.Features.Reference;
using Innovation.Api.Features.Webhooks;
using Innovation.Api.Health;
using Innovation.Api.Http;
using Innovation.Api.Messaging;
using Innovation.Api.OpenApi;
using Innovation.Api.Secrets;
using Innovation.Api.Telemetry;
using Innovation.BuildingBlocks;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Reference;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Accompaniment;
using Innovation.Modules.Evaluation;
using Innovation.Modules.Experimentation;
using Innovation.Modules.Networks;
using Innovation.Modules.Projects;
using Microsoft.AspNetCore.ResponseCompression;

StartupFailure.Watch();
var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = configuration.GetValue("Http:MaxRequestBodyBytes", 1L << 20);
});

// Checked in Development and in the tests (not in Production, where the check costs on every
// resolution): no singleton, such as a validator, may hold a scoped service.
builder.Host.UseDefaultServiceProvider((context, provider) =>
{
    var checking = context.HostingEnvironment.IsDevelopment() || context.HostingEnvironment.IsEnvironment("Testing");
    provider.ValidateScopes = checking;
    provider.ValidateOnBuild = checking;
});

builder.AddInnovationTelemetry();

var services = builder.Services;
services.AddDataAndMessaging(configuration);
services.Configure<MessagingOptions>(configuration.GetSection("Messaging"));
services.AddSingleton<OutboxMonitor>();
services.AddHostedService<OutboxDispatcher>();
services.AddHostedService<IdempotencyPurge>();
services.AddInnovationWebhooks(configuration);

// The host's own schema comes first: the dispatcher and the feed live there.
services.AddModuleParts("host", typeof(Program).Assembly, typeof(Program).Assembly, Scopes.Platform);
services.AddNetworksModule();
services.AddProjectsModule();
services.AddAccompanimentModule();
services.AddExperimentationModule();
services.AddEvaluationModule();
services.AddCodeLists(() => [.. GetReference.HostLists, ProblemCatalogue.List]);

services.ConfigureHttpJsonOptions(json =>
{
    ApiJson.Configure(json.SerializerOptions);
    json.SerializerOptions.TypeInfoResolver = json.SerializerOptions.TypeInfoResolver!.WithAddedModifier(RequestBodyShape.Modify);
});
services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(json =>
    json.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
services.AddInnovationProblemDetails();
services.AddInnovationAuth(configuration, builder.Environment);
services.AddInnovationDataProtection(configuration);
services.AddInnovationRateLimiting(configuration);
services.AddInnovationHealth();
services.AddInnovationOpenApi();
services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
    .WithOrigins(configuration.GetSection("Http:CorsOrigins").Get<string[]>() ?? [])
    .AllowAnyHeader()
    .AllowAnyMethod()
    .WithExposedHeaders("ETag", "Location", "Retry-After", "Idempotent-Replayed", "RateLimit", "RateLimit-Policy")));
// Brotli or gzip when the client asks (fastest level). Over HTTPS too: the only secrets in bodies (a new key, a webhook
// secret) are new in each answer, so BREACH has nothing repeated to guess (ADR 0005).
services.AddResponseCompression(compression =>
{
    compression.EnableForHttps = true;
    compression.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "application/x-ndjson", "text/csv"];
});

var app = builder.Build();
StartupFailure.ReportUntilStarted(app);

app.UseResponseCompression();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseCors();
app.UseRouting();
RememberedKeyAuthentication.Use(app);
// Before authorization, which answers a failed credential at once: failed attempts are limited per client address too.
app.UseRateLimiter();
app.Use(app.Services.GetRequiredService<RateLimitHeaders>().Write);
// After the limiter: a 413 counts against the caller's bucket and carries the rate limit fields like any answer.
app.UseMiddleware<RequestBodyLimits>();
app.UseAuthorization();
app.UseMiddleware<IdempotencyMiddleware>();
app.Use(UnknownQueryParameters.Reject);

// Only requests under /swagger meet the two OpenAPI middlewares (every API request used to pass
// through their path matching).
app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger =>
{
    swagger.UseSwagger();
    swagger.UseSwaggerUI(ui => ui.SwaggerEndpoint("/swagger/v1/swagger.json", "Innovation API v1"));
});
app.MapInnovationHealth();
app.MapInnovationMetrics();

// A group per module, each its own data source, so that their endpoints can be built side by side (EndpointsBuiltOnce).
RouteGroupBuilder Api() => app.MapGroup("/api/v1").RequireAuthorization().RejectUnknownQueryParameters().RejectMalformedBodies();
var api = Api();
GetEventFeed.Map(api);
GetReference.Map(api);
ListAudit.Map(api);

var admin = api.MapGroup("/admin").RequireAuthorization(Scopes.Admin).WithTags("Administration");
CreateApiKey.Map(admin);
ListApiKeys.Map(admin);
RevokeApiKey.Map(admin);
ParkedEvents.Map(admin);
api.MapWebhookEndpoints();

Api().MapNetworksEndpoints();
Api().MapProjectsEndpoints();
Api().MapAccompanimentEndpoints();
Api().MapExperimentationEndpoints();
Api().MapEvaluationEndpoints();
EndpointsBuiltOnce.Apply(app);

// While the endpoints are built: the migrations' check, the bootstrap key, then the hosted services' start.
app.Services.GetRequiredService<SchemaMigrator>().Migrate();
BootstrapApiKey.Apply(app.Services, configuration, app.Environment);

app.Run();

/// <summary>The host's entry point (public so integration tests can start it).</summary>
public partial class Program;
