using System.Net;
using System.Net.Http.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Schools;

public sealed class SchoolDirectoryTests(Engine engine) : ApiTest(engine)
{
    [Test]
    public async Task A_registered_school_reads_back_with_its_academie_derived_from_the_departement()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/schools", new
        {
            uai = "0951099D", name = "Lycée Évariste Galois", type = "lycee", sector = "public", departement = "95",
            commune = "Sartrouville", priorityEducation = "repPlus", latitude = 48.94, longitude = 2.16,
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be("/api/v1/schools/0951099D");
        response.Headers.ETag!.ToString().Should().Be("\"1\"");

        var school = await Json(await Admin.GetAsync("/api/v1/schools/0951099D"));
        school.GetProperty("departement").GetString().Should().Be("095");
        school.GetProperty("academie").GetString().Should().Be("25");
        school.GetProperty("priorityEducation").GetString().Should().Be("repPlus");
        school.GetProperty("status").GetString().Should().Be("open");
    }

    [Test]
    public async Task A_wrong_check_letter_is_a_400_naming_the_expected_letter()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/schools",
            new { uai = "0951099E", name = "X", type = "ecole", sector = "public", departement = "095" });
        var problem = await Problem(response, HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").GetProperty("uai")[0].GetString().Should().Contain("expected 'D'");

        var get = await Admin.GetAsync("/api/v1/schools/0301674H");
        (await Problem(get, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("uai")[0].GetString()
            .Should().Contain("expected 'G'");
    }

    [Test]
    public async Task Validation_lists_every_invalid_field_at_once()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/schools",
            new { uai = "123", name = "", departement = "999", postcode = "7500", latitude = 91.0 });
        var errors = (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should()
            .BeEquivalentTo("uai", "name", "type", "sector", "departement", "postcode", "latitude", "longitude");
    }

    [Test]
    public async Task An_academie_contradicting_the_departement_is_a_400()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/schools",
            new { uai = "0951099D", name = "X", type = "lycee", sector = "public", departement = "095", academie = "70" });
        (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("academie")[0].GetString()
            .Should().Contain("belongs to académie 25");
    }

    [Test]
    public async Task A_duplicate_uai_is_a_409()
    {
        await RegisterSchool("0951099D", "095");
        var response = await Admin.PostAsJsonAsync("/api/v1/schools",
            new { uai = "0951099D", name = "Again", type = "ecole", sector = "public", departement = "095" });
        await Problem(response, HttpStatusCode.Conflict, "school_exists");
    }

    [Test]
    public async Task An_update_needs_if_match_and_refuses_a_stale_etag()
    {
        var etag = await RegisterSchool("0951099D", "095");
        var body = new { name = "Renamed", type = "lycee", sector = "public", departement = "095" };

        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, "/api/v1/schools/0951099D", body)), HttpStatusCode.PreconditionRequired,
            "if_match_required");

        var updated = await Admin.SendAsync(Request(HttpMethod.Put, "/api/v1/schools/0951099D", body, etag));
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        updated.Headers.ETag!.ToString().Should().Be("\"2\"");
        (await Json(updated)).GetProperty("name").GetString().Should().Be("Renamed");

        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, "/api/v1/schools/0951099D", body with { name = "Again" }, etag)),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        (await Json(await Admin.GetAsync("/api/v1/schools/0951099D"))).GetProperty("name").GetString().Should().Be("Renamed");
    }

    [Test]
    public async Task If_match_accepts_the_bare_version_as_well_as_the_quoted_etag()
    {
        await RegisterSchool("0951099D", "095");
        var body = new { name = "Renamed", type = "lycee", sector = "public", departement = "095" };

        var updated = await Admin.SendAsync(Request(HttpMethod.Put, "/api/v1/schools/0951099D", body, "1"));
        updated.StatusCode.Should().Be(HttpStatusCode.OK, "the version a body shows is accepted bare");
        updated.Headers.ETag!.ToString().Should().Be("\"2\"");

        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, "/api/v1/schools/0951099D", body, "1")),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, "/api/v1/schools/0951099D", body, "-2")),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
    }

    [Test]
    public async Task If_none_match_with_the_current_etag_answers_304()
    {
        var etag = await RegisterSchool("0951099D", "095");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/schools/0951099D");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var response = await Admin.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        response.Headers.ETag!.ToString().Should().Be(etag);
    }

    [Test]
    public async Task Another_academies_school_is_not_found_and_cannot_be_changed_or_created()
    {
        var etag = await RegisterSchool("0951099D", "095");
        var normandie = await ClientFor("70", "schools:read", "schools:write");

        await Problem(await normandie.GetAsync("/api/v1/schools/0951099D"), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.SendAsync(Request(HttpMethod.Put, "/api/v1/schools/0951099D",
            new { name = "Hijack", type = "lycee", sector = "public", departement = "095" }, etag)), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.PostAsJsonAsync("/api/v1/schools",
            new { uai = "0301674G", name = "Elsewhere", type = "ecole", sector = "public", departement = "030" }), HttpStatusCode.Forbidden,
                "academie_forbidden");
        (await Json(await normandie.GetAsync("/api/v1/schools"))).GetProperty("items").GetArrayLength().Should().Be(0);
        (await Json(await Admin.GetAsync("/api/v1/schools/0951099D"))).GetProperty("name").GetString().Should().Be("École test");
    }

    [Test]
    public async Task Search_ignores_case_and_accents_and_filters_combine()
    {
        await RegisterSchool("0951099D", "095", "Lycée Évariste Galois", "lycee", "Sartrouville");
        await RegisterSchool("0301674G", "030", "École du Gard", "ecole", "Nîmes");

        var byText = await Json(await Admin.GetAsync("/api/v1/schools?q=EVARISTE"));
        byText.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("uai").GetString()).Should().Equal("0951099D");
        var byCommune = await Json(await Admin.GetAsync("/api/v1/schools?q=nimes&type=ecole"));
        byCommune.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("uai").GetString()).Should().Equal("0301674G");
        var byAcademie = await Json(await Admin.GetAsync("/api/v1/schools?academie=Montpellier"));
        byAcademie.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("uai").GetString()).Should().Equal("0301674G");
    }

    [Test]
    public async Task Unknown_filters_and_out_of_range_limits_are_rejected()
    {
        var unknown = await Problem(await Admin.GetAsync("/api/v1/schools?acadmie=25"), HttpStatusCode.BadRequest, "validation_failed");
        unknown.GetProperty("errors").GetProperty("acadmie")[0].GetString().Should().Contain("Unknown query parameter");
        await Problem(await Admin.GetAsync("/api/v1/schools?limit=201"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Admin.GetAsync("/api/v1/schools?limit=0"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Admin.GetAsync("/api/v1/schools?cursor=%%%"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Pagination_walks_every_school_exactly_once_in_order()
    {
        var uais = Enumerable.Range(1, 23).Select(i => { var digits = $"0950{i:000}"; return digits + Domain.CheckLetter(digits); }).ToList();
        foreach (var uai in uais)
        {
            await RegisterSchool(uai, "095");
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Json(await Admin.GetAsync($"/api/v1/schools?limit=5{(cursor is null ? "" : "&cursor=" + cursor)}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("uai").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null);

        pages.Should().Be(5);
        seen.Should().Equal(uais.Order(StringComparer.Ordinal));
    }

    [Test]
    public async Task Reference_data_lists_academies_and_departements()
    {
        var academies = (await Json(await Admin.GetAsync("/api/v1/academies"))).GetProperty("items");
        academies.EnumerateArray().Should().Contain(a => a.GetProperty("code").GetString() == "70" && a.GetProperty("name")
            .GetString() == "Normandie");
        var departements = (await Json(await Admin.GetAsync("/api/v1/departements?academie=70"))).GetProperty("items");
        departements.EnumerateArray().Select(d => d.GetProperty("code").GetString()).Should().BeEquivalentTo("014", "027", "050", "061", "076");
        departements.EnumerateArray().Should().OnlyContain(d => d.GetProperty("academie").GetString() == "70");
    }

    /// <summary>The check-letter rule, computed independently of the API.</summary>
    private static class Domain
    {
        public static char CheckLetter(string digits) => "ABCDEFGHJKLMNPRSTUVWXYZ"[(int)(long.Parse(digits) % 23)];
    }
}
