using Innovation.Api.Auth;
using Innovation.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Http;

/// <summary>
/// A scope can be granted to an API key, so one that no endpoint requires would mean nothing: a
/// module declares a scope with the first endpoint that requires it (docs/adding-a-module.md).
/// </summary>
public sealed class ScopeCoverageTests(Engine engine) : ApiTest(engine)
{
    [Test]
    public async Task Every_scope_a_key_can_be_granted_is_required_by_some_endpoint()
    {
        var policies = Factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var required = new HashSet<string>();
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            foreach (var policy in await PoliciesOf(endpoint, policies))
            {
                required.UnionWith(policy.Requirements.OfType<ClaimsAuthorizationRequirement>()
                    .Where(r => r.ClaimType == "scope").SelectMany(r => r.AllowedValues ?? []));
            }
        }

        var known = Factory.Services.GetRequiredService<KnownScopes>().All;

        required.Should().Contain("projects:read", "the endpoints' policies are read");
        known.Except(required).Should().BeEmpty("every scope a key can be granted must be required by an endpoint");
    }

    private static async Task<IEnumerable<AuthorizationPolicy>> PoliciesOf(Endpoint endpoint, IAuthorizationPolicyProvider provider)
    {
        var policies = endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().ToList();
        foreach (var data in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Where(d => d.Policy is not null))
        {
            if (await provider.GetPolicyAsync(data.Policy!) is { } named)
            {
                policies.Add(named);
            }
        }

        return policies;
    }
}
