using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.People;
using Innovation.BuildingBlocks.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Evaluation;

public sealed class MeasurementTests(Engine engine) : EvaluationApiTest(engine)
{
    private async Task<string> Indicator(string unit = "percent", double baseline = 20, double target = 60)
    {
        var project = await KnownProject();
        return (await CreateIndicator(IndicatorBody(project, unit: unit, baseline: baseline, target: target))).GetProperty("id").GetString()!;
    }

    [Test]
    public async Task A_submitted_measurement_is_approved_by_someone_else_and_published()
    {
        var indicator = await Indicator();
        var (measurement, etag) = await Submit(indicator, 35, "2025-2026");
        var id = measurement.GetProperty("id").GetString()!;
        measurement.GetProperty("status").GetString().Should().Be("submitted");
        measurement.GetProperty("periodEnd").GetString().Should().Be("2026-08-31");
        measurement.GetProperty("schoolYear").GetString().Should().Be("2025-2026");

        await Problem(await Reviewer.PostAsync($"/api/v1/evaluation/measurements/{id}/approve", null), HttpStatusCode.PreconditionRequired,
            "if_match_required");
        (await Cardie.SendAsync(Request(HttpMethod.Post, $"/api/v1/evaluation/measurements/{id}/approve", null, etag))).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "approving needs evaluation:approve");
        var approved = await Reviewer.SendAsync(Request(HttpMethod.Post, $"/api/v1/evaluation/measurements/{id}/approve", null, etag));
        approved.StatusCode.Should().Be(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        (await Json(approved)).GetProperty("status").GetString().Should().Be("approved");
        await Problem(await Reviewer.SendAsync(Request(HttpMethod.Post, $"/api/v1/evaluation/measurements/{id}/approve", null, "\"2\"")),
            HttpStatusCode.Conflict, "invalid_transition");

        await Eventually(async () => (await Admin.GetStringAsync("/api/v1/events?limit=200")).Contains("MeasurementApproved"),
            "MeasurementApproved reaches the feed");
        (await Admin.GetStringAsync("/api/v1/events?limit=200")).Should().NotContain("Relevé");
    }

    [Test]
    public async Task Approving_ones_own_measurement_is_forbidden()
    {
        var indicator = await Indicator();
        var both = await ClientFor("25", "evaluation:read", "evaluation:write", "evaluation:approve");
        var (measurement, etag) = await Submit(indicator, 35, "2025-10", both);
        await Problem(await both.SendAsync(Request(HttpMethod.Post,
            $"/api/v1/evaluation/measurements/{measurement.GetProperty("id").GetString()}/approve", null, etag)),
            HttpStatusCode.Forbidden, "own_measurement");
    }

    [Test]
    public async Task A_returned_measurement_keeps_its_reason_and_its_correction_is_submitted_again_with_the_history_kept()
    {
        var indicator = await Indicator();
        var (measurement, etag) = await Submit(indicator, 95, "2025-2026");
        var url = $"/api/v1/evaluation/measurements/{measurement.GetProperty("id").GetString()}";

        var noReason = await Problem(await Reviewer.SendAsync(Request(HttpMethod.Post, url + "/return", new { reason = "" }, etag)),
            HttpStatusCode.BadRequest, "validation_failed");
        noReason.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("reason");
        var returned = await Reviewer.SendAsync(Request(HttpMethod.Post, url + "/return", new { reason = "Valeur à vérifier" }, etag));
        var body = await Json(returned);
        returned.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("status").GetString().Should().Be("returned");
        body.GetProperty("returnReason").GetString().Should().Be("Valeur à vérifier");

        var corrected = await Cardie.SendAsync(Request(HttpMethod.Put, url, new { value = 45, period = "2025-2026" }, "\"2\""));
        var after = await Json(corrected);
        corrected.StatusCode.Should().Be(HttpStatusCode.OK, after.ToString());
        after.GetProperty("status").GetString().Should().Be("submitted");
        after.GetProperty("returnReason").ValueKind.Should().Be(JsonValueKind.Null);
        await Problem(await Cardie.SendAsync(Request(HttpMethod.Put, url, new { value = 45, period = "2026-2027" }, "\"3\"")),
            HttpStatusCode.BadRequest, "validation_failed");

        var history = await Json(await Cardie.GetAsync(url + "/history"));
        history.EnumerateArray()
            .Select(s => (s.GetProperty("action").GetString(), s.GetProperty("status").GetString(), s.GetProperty("value").GetDouble()))
            .Should().Equal(("submit", "submitted", 95d), ("return", "returned", 95d), ("correct", "submitted", 45d));
        history[1].GetProperty("reason").GetString().Should().Be("Valeur à vérifier");
    }

    [Test]
    public async Task Values_follow_their_indicators_unit_and_a_period_is_measured_once()
    {
        var percent = await Indicator();
        var url = $"/api/v1/evaluation/indicators/{percent}/measurements";
        var tooHigh = await Problem(await Cardie.PostAsJsonAsync(url, new { value = 120, period = "2025-2026" }), HttpStatusCode.BadRequest,
            "validation_failed");
        tooHigh.GetProperty("errors").GetProperty("value")[0].GetString().Should().Contain("percent");
        var both = await Problem(await Cardie.PostAsJsonAsync(url, new { value = 12, period = "2025-2026", date = "2025-10-01" }),
            HttpStatusCode.BadRequest, "validation_failed");
        both.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("period");
        await Problem(await Cardie.PostAsJsonAsync(url, new { value = 12, period = "2025-13" }), HttpStatusCode.BadRequest, "validation_failed");

        var count = (await CreateIndicator(IndicatorBody((await Json(await Cardie.GetAsync($"/api/v1/evaluation/indicators/{percent}")))
            .GetProperty("scopeId").GetString()!, code: "NB", unit: "count", baseline: 3, target: 10))).GetProperty("id").GetString()!;
        foreach (var bad in new[] { -1, 2.5 })
        {
            await Problem(await Cardie.PostAsJsonAsync($"/api/v1/evaluation/indicators/{count}/measurements",
                    new { value = bad, date = "2025-10-01" }),
                HttpStatusCode.BadRequest, "validation_failed");
        }

        await Submit(percent, 30, "2025-2026");
        await Problem(await Cardie.PostAsJsonAsync(url, new { value = 31, period = "2025-2026" }), HttpStatusCode.Conflict, "measurement_exists");
        await Submit(percent, 28, "2025-11");
        await Submit(percent, 29, "2025-12-15");

        var list = await Json(await Cardie.GetAsync(url + "?limit=2"));
        list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("period").GetString()).Should().Equal("2025-11", "2025-12-15");
        var next = await Json(await Cardie.GetAsync(url + $"?limit=2&cursor={list.GetProperty("nextCursor").GetString()}"));
        next.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("period").GetString()).Should().Equal("2025-2026");
        (await Json(await Cardie.GetAsync(url + "?status=approved"))).GetProperty("items").GetArrayLength().Should().Be(0);
        await Problem(await Cardie.GetAsync(url + "?schoolYear=2025"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Another_academies_measurements_are_not_found_on_any_route()
    {
        var indicator = await Indicator();
        var (measurement, etag) = await Submit(indicator, 30, "2025-2026");
        var url = $"/api/v1/evaluation/measurements/{measurement.GetProperty("id").GetString()}";
        var montpellier = await ClientFor("11", "evaluation:read", "evaluation:write", "evaluation:approve");

        await Problem(await montpellier.PostAsJsonAsync($"/api/v1/evaluation/indicators/{indicator}/measurements",
                new { value = 3, period = "2025-10" }),
            HttpStatusCode.NotFound, "not_found");
        await Problem(await montpellier.GetAsync($"/api/v1/evaluation/indicators/{indicator}/measurements"), HttpStatusCode.NotFound, "not_found");
        await Problem(await montpellier.GetAsync(url), HttpStatusCode.NotFound, "not_found");
        await Problem(await montpellier.GetAsync(url + "/history"), HttpStatusCode.NotFound, "not_found");
        await Problem(await montpellier.SendAsync(Request(HttpMethod.Put, url, new { value = 3, period = "2025-2026" }, etag)),
            HttpStatusCode.NotFound, "not_found");
        await Problem(await montpellier.SendAsync(Request(HttpMethod.Post, url + "/approve", null, etag)), HttpStatusCode.NotFound, "not_found");
        await Problem(await montpellier.SendAsync(Request(HttpMethod.Post, url + "/return", new { reason = "Non" }, etag)),
            HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task An_erased_person_is_no_longer_the_collector_nor_the_submitter()
    {
        var indicator = await Indicator();
        const string email = "louise.michel@ac-versailles.fr";
        var (person, _) = await PeopleApi.Register(Admin, "25", email, "Louise", "Michel");
        var teacher = PersonClient(email, "25", "evaluation:read", "evaluation:write");
        var response = await teacher.PostAsJsonAsync($"/api/v1/evaluation/indicators/{indicator}/measurements",
            new { value = 40, period = "2025-2026", collectedBy = person });
        var measurement = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.Created, measurement.ToString());
        measurement.GetProperty("collectedBy").GetString().Should().Be(person);
        var unknown = await Problem(await teacher.PostAsJsonAsync($"/api/v1/evaluation/indicators/{indicator}/measurements",
            new { value = 40, period = "2025-10", collectedBy = Guid.NewGuid() }), HttpStatusCode.BadRequest, "validation_failed");
        unknown.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("collectedBy");

        (await Admin.PostAsync($"/api/v1/people/{person}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var url = $"/api/v1/evaluation/measurements/{measurement.GetProperty("id").GetString()}";
        await Eventually(async () => (await Json(await Cardie.GetAsync(url))).GetProperty("collectedBy").ValueKind == JsonValueKind.Null,
            "the erasure reaches Evaluation");
        var db = Factory.Services.GetRequiredService<Db>();
        var keys = await db.ReadAsync(c => c.QueryAsync<string?>(
            "SELECT submitted_by_key FROM evaluation.measurement UNION ALL SELECT actor_key FROM evaluation.measurement_history"),
            CancellationToken.None);
        keys.Should().OnlyContain(k => k == null);
    }
}
