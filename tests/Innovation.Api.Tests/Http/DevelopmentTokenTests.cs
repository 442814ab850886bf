using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.SqlServer;

namespace Innovation.Api.Tests.Http;

/// <summary><c>make token</c> prints a JWT that the API run by <c>make run</c> (Development) accepts, and nothing else does.</summary>
public sealed class DevelopmentTokenTests
{
    [TestCase("validator", "", "/api/v1/projects")]
    [TestCase("carrier", "claire.martin@ac-versailles.fr", "/api/v1/projects")]
    [TestCase("dasen", "", "/api/v1/experimentations")]
    [TestCase("accompanist", "paul.durand@ac-versailles.fr", "/api/v1/accompaniment/queue")]
    public async Task A_development_token_of_each_role_is_accepted_in_development(string role, string email, string path)
    {
        var token = await Token(role, email);
        using var factory = new ApiFactory(Engine.Sqlite, new Dictionary<string, string?> { ["environment"] = "Development" });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await client.PostAsync("/api/v1/admin/api-keys", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a role is not an admin");
    }

    [Test]
    public void Outside_development_the_development_signing_key_stops_the_start()
    {
        using var factory = new ApiFactory(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Auth:BootstrapApiKey"] = ApiFactory.AdminKey,
            ["Auth:Jwt:SigningKey"] = "development-only-signing-key-never-in-production",
        });
        var start = () => factory.CreateClient();
        start.Should().Throw<InvalidOperationException>().WithMessage("*Auth:Jwt:SigningKey*");
    }

    private static async Task<string> Token(string role, string email)
    {
        using var script = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepositoryLayout.Root, "scripts", "dev-token.sh"), role, email])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var token = (await script.StandardOutput.ReadToEndAsync()).Trim();
        await script.WaitForExitAsync();
        script.ExitCode.Should().Be(0, await script.StandardError.ReadToEndAsync());
        token.Split('.').Should().HaveCount(3);
        return token;
    }
}
