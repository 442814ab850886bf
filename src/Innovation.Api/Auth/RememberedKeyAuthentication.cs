using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace Innovation.Api.Auth;

/// <summary>
/// ASP.NET Core's authentication middleware, with a shorter way for a key the <see cref="ApiKeyCache"/> remembers: a request
/// that sends one <c>X-Api-Key</c> and no <c>Authorization</c> header, whose key is remembered, gets the result the
/// <see cref="ApiKeyAuthenticationHandler"/> remembered for it, set as the framework's middleware sets a result. Every other
/// request (a key not yet remembered, a malformed or unknown key, a token, no credential) goes through the framework's
/// middleware and the handler as before. The framework resolves the authentication service, the handler provider and a new
/// handler for every request: about a tenth of a GET by id (ADR 0010, "The request path after the module template").
/// </summary>
internal sealed class RememberedKeyAuthentication(RequestDelegate next, IAuthenticationSchemeProvider schemes, ApiKeyCache cache)
{
    // Set by UseAuthentication: WebApplication adds the framework's middleware itself when the application did not.
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    private readonly AuthenticationMiddleware _authentication = new(next, schemes);

    public static IApplicationBuilder Use(IApplicationBuilder app)
    {
        app.Properties[AuthenticationMiddlewareSet] = true;
        return app.UseMiddleware<RememberedKeyAuthentication>();
    }

    public Task Invoke(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.Authorization.Count == 0 && headers.TryGetValue(ApiKeyAuthenticationHandler.HeaderName, out var values)
            && values.Count == 1 && cache.TryGetBySecret(values[0], out var remembered))
        {
            var features = new AuthenticatedFeatures(remembered.Result);
            context.Features.Set<IHttpAuthenticationFeature>(features);
            context.Features.Set<IAuthenticateResultFeature>(features);
            return next(context);
        }

        return _authentication.Invoke(context);
    }

    /// <summary>What the framework's middleware sets for a successful result: the result, and the user it names.</summary>
    private sealed class AuthenticatedFeatures(AuthenticateResult result) : IAuthenticateResultFeature, IHttpAuthenticationFeature
    {
        private AuthenticateResult? _result = result;
        private ClaimsPrincipal? _user = result.Principal;

        public AuthenticateResult? AuthenticateResult
        {
            get => _result;
            set
            {
                _result = value;
                _user = value?.Principal;
            }
        }

        public ClaimsPrincipal? User
        {
            get => _user;
            set
            {
                _user = value;
                _result = null;
            }
        }
    }
}
