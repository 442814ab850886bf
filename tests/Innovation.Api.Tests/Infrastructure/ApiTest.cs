using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Infrastructure;

/// <summary>
/// Base of the HTTP tests: one API per fixture and engine, an empty database before each test,
/// and helpers to call it as a given credential. The SQL Server run is skipped, with its reason,
/// unless <see cref="Engines.SqlServerVariable"/> names a database.
/// </summary>
[TestFixtureSource(typeof(Engines), nameof(Engines.All))]
public abstract class ApiTest(Engine engine)
{
    protected ApiFactory Factory { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    /// <summary>Settings this fixture's API runs with, beyond the test defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Services this fixture's API adds or replaces (test doubles of collaborators, never of the database).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    [OneTimeSetUp]
    public void StartApi()
    {
        if (engine == Engine.SqlServer && Engines.SqlServerConnectionString is null)
        {
            Assert.Ignore($"Live SQL Server suite skipped: set {Engines.SqlServerVariable} to a SQL Server connection string to run it.");
        }

        Factory = new ApiFactory(engine, Settings, ConfigureServices);
        Admin = ClientWithKey(ApiFactory.AdminKey);
    }

    [OneTimeTearDown]
    public void StopApi() => Factory?.Dispose();

    [SetUp]
    public Task ResetDatabase() => DatabaseReset.ResetAsync(Factory);

    protected HttpClient Anonymous() => Factory.CreateClient();

    protected HttpClient ClientWithKey(string secret)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    /// <summary>A client whose key is limited to <paramref name="academie"/> (null: national) and <paramref name="scopes"/>.</summary>
    protected async Task<HttpClient> ClientFor(string? academie, params string[] scopes)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "test", academie, scopes });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ClientWithKey(created.GetProperty("secret").GetString()!);
    }

    /// <summary>Registers a school as the national administrator and returns its ETag.</summary>
    protected async Task<string> RegisterSchool(string uai, string departement, string name = "École test", string type = "ecole",
        string? commune = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/schools", new { uai, name, type, sector = "public", departement, commune });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.ToString();
    }

    protected static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Asserts an RFC 9457 problem with the given status and code, and returns it.</summary>
    protected static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("code").GetString().Should().Be(code, body);
        problem.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        body.Should().NotContain("   at ", "no stack trace may leave the server");
        return problem;
    }

    /// <summary>Polls until <paramref name="condition"/> holds (events are delivered asynchronously).</summary>
    protected static async Task Eventually(Func<Task<bool>> condition, string because, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting: {because}");
    }

    protected static HttpRequestMessage Request(HttpMethod method, string uri, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    protected static MediaTypeHeaderValue MediaType(string value) => new(value);
}
