using System.Net;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Http;

/// <summary><c>GET /api/v1/reference</c> serves every enum of the OpenAPI document, each code with a French label.</summary>
public sealed class ReferenceTests(Engine engine) : ApiTest(engine)
{
    [Test]
    public async Task Every_enum_of_the_document_is_served_with_the_same_codes_and_a_french_label_for_each()
    {
        var document = await Json(await Anonymous().GetAsync("/swagger/v1/swagger.json"));
        var enums = document.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(s => s.Value.TryGetProperty("enum", out _))
            .ToDictionary(s => s.Name, s => s.Value.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToList());
        enums.Should().NotBeEmpty();

        var response = await Anonymous().GetAsync("/api/v1/reference");
        response.StatusCode.Should().Be(HttpStatusCode.OK, "code lists need no credential");
        response.Headers.CacheControl!.MaxAge.Should().Be(TimeSpan.FromHours(1));
        var lists = (await Json(response)).GetProperty("items").EnumerateArray()
            .ToDictionary(l => l.GetProperty("list").GetString()!, l => l.GetProperty("codes").EnumerateArray().ToList());

        lists.Keys.Should().BeEquivalentTo(enums.Keys, "a new enum in the contract needs its French labels (a module's FrenchLabels)");
        foreach (var (name, codes) in enums)
        {
            lists[name].Select(c => c.GetProperty("code").GetString()).Should().Equal(codes, name);
            lists[name].Should().OnlyContain(c => c.GetProperty("label").GetString()!.Trim().Length > 0, name);
            lists[name].Select(c => c.GetProperty("label").GetString()).Should().OnlyHaveUniqueItems(name);
        }
    }

    [Test]
    public async Task One_list_is_served_by_its_schema_name_and_an_unknown_one_is_a_404()
    {
        var themes = await Json(await Admin.GetAsync("/api/v1/reference/ProjectTheme"));
        themes.GetProperty("list").GetString().Should().Be("ProjectTheme");
        themes.GetProperty("codes").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "wellBeing")
            .GetProperty("label").GetString().Should().Be("Bien-être et compétences psychosociales");

        await Problem(await Admin.GetAsync("/api/v1/reference/projectTheme"), HttpStatusCode.NotFound, "not_found");
        await Problem(await Admin.GetAsync("/api/v1/reference?list=ProjectTheme"), HttpStatusCode.BadRequest, "validation_failed");
    }
}
