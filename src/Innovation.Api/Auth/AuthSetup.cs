using System.Security.Claims;
using System.Text;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Networks.Contracts;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;

namespace Innovation.Api.Auth;

/// <summary>
/// Two ways in, one meaning: an API key (systems and scripts) or a JWT bearer (the front end).
/// Both yield the same claims: an id, an optional <c>academie</c>, an optional <c>departement</c> and <c>scope</c> claims. Each
/// scope is an authorization policy of the same name.
/// </summary>
internal static class AuthSetup
{
    private const string Selector = "ApiKeyOrBearer";

    /// <summary>The signing key of appsettings.Development.json, which <c>scripts/dev-token.sh</c> signs with.</summary>
    public const string DevelopmentSigningKey = "development-only-signing-key-never-in-production";

    /// <summary>A token's caller id is its subject after this prefix (an API key's is <c>key:</c> and its id).</summary>
    private const string JwtCallerPrefix = "jwt:";

    /// <summary>
    /// The longest subject a token may carry: its caller id is recorded as the author of changes (<c>updated_by</c>, audit
    /// and transition actors), whose narrowest SQL Server columns hold 100 characters (ADR 0005).
    /// </summary>
    internal const int MaxSubjectLength = 100 - 4;

    public static IServiceCollection AddInnovationAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var jwt = configuration.GetSection("Auth:Jwt");
        var signingKey = jwt["SigningKey"];
        var jwtEnabled = !string.IsNullOrWhiteSpace(signingKey);
        if (jwtEnabled && !environment.IsDevelopment() && (signingKey == DevelopmentSigningKey || Encoding.UTF8.GetByteCount(signingKey!) < 32))
        {
            throw new InvalidOperationException(
                "Auth:Jwt:SigningKey must be a secret of at least 32 bytes outside Development; refusing to start with the development key.");
        }

        services.AddSingleton<ApiKeyCache>();
        // Without a JWT signing key there is nothing to choose between: API keys are the default
        // scheme itself, and a request does not pay for a forwarding scheme and its handler.
        var authentication = services.AddAuthentication(jwtEnabled ? Selector : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        if (jwtEnabled)
        {
            authentication.AddPolicyScheme(Selector, Selector, options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? JwtBearerDefaults.AuthenticationScheme
                        : ApiKeyAuthenticationHandler.SchemeName;
            });
            authentication.AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt["Issuer"],
                    ValidAudience = jwt["Audience"],
                    ValidateIssuer = !string.IsNullOrWhiteSpace(jwt["Issuer"]),
                    ValidateAudience = !string.IsNullOrWhiteSpace(jwt["Audience"]),
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey!)),
                    // RFC 8725: the algorithm is pinned, never taken from the token's header.
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "sub",
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        // A JWT carries scopes space-separated in one claim (RFC 8693 style); split them
                        // so API keys and tokens are checked by the same policies.
                        var identity = (ClaimsIdentity)context.Principal!.Identity!;
                        foreach (var packed in identity.FindAll(InnovationClaims.Scope).Where(c => c.Value.Contains(' ')).ToList())
                        {
                            identity.RemoveClaim(packed);
                            foreach (var scope in packed.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                            {
                                identity.AddClaim(new Claim(InnovationClaims.Scope, scope));
                            }
                        }

                        if (identity.FindFirst("sub") is not { } sub)
                        {
                            Refuse(context, "The token has no subject (sub).");
                            return;
                        }

                        if (sub.Value.Length > MaxSubjectLength)
                        {
                            Refuse(context, $"The token's subject (sub) has {sub.Value.Length} characters; this API accepts at most "
                                + $"{MaxSubjectLength}, the longest it can record as the author of a change.");
                            return;
                        }

                        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, JwtCallerPrefix + sub.Value));
                        if (identity.FindFirst(InnovationClaims.Academie) is not { } academie)
                        {
                            Refuse(context, "The token has no academie claim (use \"*\" for a national token).");
                        }
                        else if (await CredentialClaims.RefusalAsync(context.HttpContext.RequestServices,
                            academie.Value == InnovationClaims.National ? null : academie.Value,
                            identity.FindAll(InnovationClaims.Scope).Select(c => c.Value), context.HttpContext.RequestAborted) is { } refusal)
                        {
                            Refuse(context, refusal);
                        }
                        else if (identity.HasClaim(c => c.Type == InnovationClaims.Departement))
                        {
                            await LimitToDepartementAsync(context, identity, academie.Value);
                        }
                    },
                };
            });
        }

        services.AddSingleton<KnownScopes>();
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<KnownScopes>((options, scopes) =>
        {
            foreach (var scope in scopes.All)
            {
                options.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireClaim(InnovationClaims.Scope, scope));
            }
        });
        AuthorizationServicesAsSingletons(services);
        return services;
    }

    /// <summary>
    /// Refuses a token whose signature is valid (401), saying why in the problem's detail: its issuer is an integrator who
    /// must be able to fix its claims. A token that fails validation never gets here and is answered without a reason.
    /// </summary>
    private static void Refuse(TokenValidatedContext context, string reason)
    {
        context.Fail(reason);
        CredentialClaims.SetRefusal(context.HttpContext, reason);
    }

    /// <summary>
    /// A token's <c>departement</c> claim, checked like a key's département when it is created: one département of the token's
    /// académie (a national token has none), in any usual spelling; the caller then carries its canonical code.
    /// </summary>
    private static async Task LimitToDepartementAsync(TokenValidatedContext context, ClaimsIdentity identity, string academie)
    {
        var departements = identity.FindAll(InnovationClaims.Departement).ToList();
        var found = departements.Count == 1
            ? await context.HttpContext.RequestServices.GetRequiredService<IMediator>()
                .Send(new FindDepartement(departements[0].Value), context.HttpContext.RequestAborted)
            : null;
        if (found is null || found.Academie != academie)
        {
            Refuse(context, "The token's departement claim must be one département of its academie.");
            return;
        }

        identity.RemoveClaim(departements[0]);
        identity.AddClaim(new Claim(InnovationClaims.Departement, found.Code));
    }

    /// <summary>
    /// The framework registers the authorization services as transient, in case an application's
    /// authorization handler needs a scoped service: the middleware then built the policy evaluator,
    /// the authorization service and its providers, factories and handler at every request (ADR 0010).
    /// None here has per-request state, and we add no authorization handler of our own (scope
    /// validation in Development and the tests would refuse a singleton holding a scoped service).
    /// </summary>
    private static void AuthorizationServicesAsSingletons(IServiceCollection services)
    {
        Type[] stateless =
        [
            typeof(IAuthorizationService), typeof(IAuthorizationPolicyProvider), typeof(IAuthorizationHandlerProvider),
            typeof(IAuthorizationEvaluator), typeof(IAuthorizationHandlerContextFactory), typeof(IAuthorizationHandler),
            typeof(IPolicyEvaluator), typeof(IAuthorizationMiddlewareResultHandler),
        ];
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i] is { Lifetime: ServiceLifetime.Transient, ImplementationType: { } implementation, IsKeyedService: false } descriptor
                && stateless.Contains(descriptor.ServiceType))
            {
                services[i] = ServiceDescriptor.Singleton(descriptor.ServiceType, implementation);
            }
        }
    }
}
