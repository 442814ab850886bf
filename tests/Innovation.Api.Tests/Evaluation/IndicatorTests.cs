using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Networks;

namespace Innovation.Api.Tests.Evaluation;

public sealed class IndicatorTests(Engine engine) : EvaluationApiTest(engine)
{
    [Test]
    public async Task An_indicator_is_created_read_listed_and_replaced_with_every_field()
    {
        var project = await KnownProject();
        var body = IndicatorBody(project, comparison: new
        {
            label = "Classes témoins",
            baseline = 22,
            values = new[] { new { period = "2026-2027", value = 25 }, new { period = "2025-2026", value = 23 } },
        });
        var response = await Cardie.PostAsJsonAsync("/api/v1/evaluation/indicators", body);
        var created = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.Created, created.ToString());
        var id = created.GetProperty("id").GetString()!;
        response.Headers.Location!.ToString().Should().Be($"/api/v1/evaluation/indicators/{id}");
        response.Headers.ETag!.ToString().Should().Be("\"1\"");
        created.GetProperty("academie").GetString().Should().Be("25");
        created.GetProperty("scope").GetString().Should().Be("project");
        created.GetProperty("unit").GetString().Should().Be("percent");
        created.GetProperty("baseline").GetProperty("date").GetString().Should().Be("2025-09-01");
        created.GetProperty("collectionMethod").GetString().Should().Be("Trois séances observées par période");
        created.GetProperty("comparisonGroup").GetProperty("values").EnumerateArray().Select(v => v.GetProperty("period").GetString())
            .Should().Equal("2025-2026", "2026-2027");

        var read = await Cardie.GetAsync($"/api/v1/evaluation/indicators/{id}");
        (await Json(read)).GetProperty("label").GetString().Should().Be("Part des élèves qui prennent la parole");
        var notModified = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/evaluation/indicators/{id}");
        notModified.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        (await Cardie.SendAsync(notModified)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        var list = await Json(await Cardie.GetAsync($"/api/v1/evaluation/indicators?scope=project&scopeId={project}"));
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal(id);
        (await Json(await Cardie.GetAsync("/api/v1/evaluation/indicators?code=OTHER"))).GetProperty("items").GetArrayLength().Should().Be(0);

        body["label"] = "Prise de parole";
        body["comparisonGroup"] = null;
        await Problem(await Cardie.SendAsync(Request(HttpMethod.Put, $"/api/v1/evaluation/indicators/{id}", body)),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        await Problem(await Cardie.SendAsync(Request(HttpMethod.Put, $"/api/v1/evaluation/indicators/{id}", body, "\"7\"")),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        var updated = await Cardie.SendAsync(Request(HttpMethod.Put, $"/api/v1/evaluation/indicators/{id}", body, "\"1\""));
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        updated.Headers.ETag!.ToString().Should().Be("\"2\"");
        var after = await Json(updated);
        after.GetProperty("label").GetString().Should().Be("Prise de parole");
        after.GetProperty("comparisonGroup").ValueKind.Should().Be(JsonValueKind.Null);

        body["scope"] = "academie";
        body["scopeId"] = null;
        await Problem(await Cardie.SendAsync(Request(HttpMethod.Put, $"/api/v1/evaluation/indicators/{id}", body, "\"2\"")),
            HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Validation_lists_every_invalid_field_at_once()
    {
        var body = new Dictionary<string, object?>
        {
            ["code"] = "= bad",
            ["unit"] = "percent",
            ["direction"] = "lowerIsBetter",
            ["scope"] = "project",
            ["baseline"] = new { value = 140, date = "2025-09-01" },
            ["target"] = new { value = 150, date = "2025-01-01" },
            ["comparisonGroup"] = new { baseline = -3, values = new[] { new { period = "2025/26", value = 3 } } },
        };
        var problem = await Problem(await Cardie.PostAsJsonAsync("/api/v1/evaluation/indicators", body), HttpStatusCode.BadRequest,
            "validation_failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(
            ["code", "label", "scopeId", "baseline.value", "target.value", "target.date", "comparisonGroup.label", "comparisonGroup.baseline",
                "comparisonGroup.values[0].period"]);
    }

    [Test]
    public async Task Units_bound_baselines_targets_and_directions()
    {
        var project = await KnownProject();
        var count = await Problem(await Cardie.PostAsJsonAsync("/api/v1/evaluation/indicators",
            IndicatorBody(project, unit: "count", baseline: 2.5, target: 10)), HttpStatusCode.BadRequest, "validation_failed");
        count.GetProperty("errors").GetProperty("baseline.value")[0].GetString().Should().Contain("count");
        var direction = await Problem(await Cardie.PostAsJsonAsync("/api/v1/evaluation/indicators",
            IndicatorBody(project, direction: "lowerIsBetter", baseline: 20, target: 60)), HttpStatusCode.BadRequest, "validation_failed");
        direction.GetProperty("errors").GetProperty("target.value")[0].GetString().Should().Contain("below the baseline");
        await CreateIndicator(IndicatorBody(project, code: "ABS", unit: "days", direction: "lowerIsBetter", baseline: 12, target: 6));
    }

    [Test]
    public async Task A_code_is_unique_within_its_scope_and_the_creation_is_published()
    {
        var project = await KnownProject();
        var created = await CreateIndicator(IndicatorBody(project));
        var problem = await Problem(await Cardie.PostAsJsonAsync("/api/v1/evaluation/indicators", IndicatorBody(project)),
            HttpStatusCode.Conflict, "indicator_exists");
        problem.GetProperty("indicatorId").GetString().Should().Be(created.GetProperty("id").GetString());
        await CreateIndicator(IndicatorBody(project, code: "AUTRE"));
        await CreateIndicator(IndicatorBody(null!, scope: "academie"));
        await Problem(await Cardie.PostAsJsonAsync("/api/v1/evaluation/indicators", IndicatorBody(null!, scope: "academie")),
            HttpStatusCode.Conflict, "indicator_exists");

        await Eventually(async () => (await Admin.GetStringAsync("/api/v1/events?limit=200")).Contains("IndicatorCreated"),
            "IndicatorCreated reaches the feed");
        var feed = await Admin.GetStringAsync("/api/v1/events?limit=200");
        feed.Should().NotContain("Part des élèves").And.NotContain("Relevés des enseignants");
    }

    [Test]
    public async Task A_network_indicator_belongs_to_the_networks_academie()
    {
        var (network, _) = await NetworkApi.Create(Admin, departement: "095");
        await Eventually(async () => (await Cardie.PostAsJsonAsync("/api/v1/evaluation/indicators",
            IndicatorBody(network, scope: "network", code: "N-" + Guid.NewGuid().ToString("N")[..6]))).StatusCode == HttpStatusCode.Created,
            "the network reaches Evaluation's read model");
    }

    [Test]
    public async Task Another_academies_indicator_is_not_found_and_cannot_be_changed_or_created()
    {
        var project = await KnownProject();
        var id = (await CreateIndicator(IndicatorBody(project))).GetProperty("id").GetString()!;
        var montpellier = await ClientFor("11", "evaluation:read", "evaluation:write");

        await Problem(await montpellier.GetAsync($"/api/v1/evaluation/indicators/{id}"), HttpStatusCode.NotFound, "not_found");
        await Problem(await montpellier.SendAsync(Request(HttpMethod.Put, $"/api/v1/evaluation/indicators/{id}", IndicatorBody(project), "\"1\"")),
            HttpStatusCode.NotFound, "not_found");
        await Problem(await montpellier.PostAsJsonAsync("/api/v1/evaluation/indicators", IndicatorBody(project, code: "X")),
            HttpStatusCode.NotFound, "not_found");
        (await Json(await montpellier.GetAsync("/api/v1/evaluation/indicators"))).GetProperty("items").GetArrayLength().Should().Be(0);
        var academie = IndicatorBody(null!, scope: "academie");
        academie["academie"] = "25";
        await Problem(await montpellier.PostAsJsonAsync("/api/v1/evaluation/indicators", academie), HttpStatusCode.Forbidden, "academie_forbidden");

        var readOnly = await ClientFor("25", "evaluation:read");
        (await readOnly.PostAsJsonAsync("/api/v1/evaluation/indicators", IndicatorBody(project, code: "Y"))).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
        await Problem(await Cardie.GetAsync("/api/v1/evaluation/indicators?colour=red"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task A_draft_project_is_unknown_to_evaluation()
    {
        var draft = (await CreateProject()).GetProperty("id").GetString()!;
        await Problem(await Cardie.PostAsJsonAsync("/api/v1/evaluation/indicators", IndicatorBody(draft)), HttpStatusCode.NotFound, "not_found");
    }
}
