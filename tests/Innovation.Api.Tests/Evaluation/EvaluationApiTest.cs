using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Projects;
using Innovation.BuildingBlocks.Data;
using Innovation.Modules.Evaluation.Features.ReadModels;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Evaluation;

/// <summary>
/// What evaluation tests share: projects of Versailles (25) that reached Evaluation's read model, a valid indicator body, the
/// CARDIE's client (read and write, académie 25) and a reviewer's (approve, académie 25).
/// </summary>
public abstract class EvaluationApiTest(Engine engine) : LifecycleApiTest(engine)
{
    protected HttpClient Cardie { get; private set; } = null!;

    protected HttpClient Reviewer { get; private set; } = null!;

    [SetUp]
    public async Task Evaluation()
    {
        await StandardSchools();
        Cardie = await ClientFor("25", "evaluation:read", "evaluation:write");
        Reviewer = await ClientFor("25", "evaluation:read", "evaluation:approve");
    }

    /// <summary>A project of Versailles driven to <paramref name="status"/>, once Evaluation knows that status.</summary>
    protected async Task<string> KnownProject(string status = "validated", Dictionary<string, object?>? body = null)
    {
        var id = await ProjectIn(status, body);
        var db = Factory.Services.GetRequiredService<Db>();
        await Eventually(async () => (await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<ProjectReadModel.Row>(ProjectReadModel.FindSql,
            new { Id = Guid.Parse(id) }), CancellationToken.None))?.Status == status, $"Evaluation knows the project as {status}");
        return id;
    }

    protected static Dictionary<string, object?> IndicatorBody(
        string scopeId, string code = "TX-PAROLE", string unit = "percent", string direction = "higherIsBetter", double baseline = 20,
        double target = 60, string scope = "project", object? comparison = null) => new()
    {
        ["code"] = code,
        ["label"] = "Part des élèves qui prennent la parole",
        ["unit"] = unit,
        ["direction"] = direction,
        ["scope"] = scope,
        ["scopeId"] = scopeId,
        ["baseline"] = new { value = baseline, date = "2025-09-01" },
        ["target"] = new { value = target, date = "2027-09-01" },
        ["dataSource"] = "Relevés des enseignants",
        ["collectionMethod"] = "Trois séances observées par période",
        ["comparisonGroup"] = comparison,
    };

    protected async Task<JsonElement> CreateIndicator(Dictionary<string, object?> body, HttpClient? client = null)
    {
        var response = await (client ?? Cardie).PostAsJsonAsync("/api/v1/evaluation/indicators", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Submits a value for a period and returns the measurement and its ETag.</summary>
    protected async Task<(JsonElement Measurement, string ETag)> Submit(string indicator, double value, string period, HttpClient? client = null)
    {
        var response = await (client ?? Cardie).PostAsJsonAsync($"/api/v1/evaluation/indicators/{indicator}/measurements",
            new { value, period, source = "Relevé" });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return (JsonDocument.Parse(text).RootElement, response.Headers.ETag!.ToString());
    }

    /// <summary>Submits and approves a value.</summary>
    protected async Task<JsonElement> Approved(string indicator, double value, string period)
    {
        var (measurement, etag) = await Submit(indicator, value, period);
        var response = await Reviewer.SendAsync(Request(HttpMethod.Post,
            $"/api/v1/evaluation/measurements/{measurement.GetProperty("id").GetString()}/approve", null, etag));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
