using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.People;

public sealed class PeopleDirectoryTests(Engine engine) : ApiTest(engine)
{
    // Normandie (académie 70): Eure (027) and Seine-Maritime (076).
    private const string Evreux = "0271234V";

    [Test]
    public async Task A_registered_person_reads_back_with_an_etag_and_a_location()
    {
        await RegisterSchool(Evreux, "027");
        var normandie = await ClientFor("70", "people:read", "people:write");

        var response = await normandie.PostAsJsonAsync("/api/v1/people", new
        {
            firstName = "Camille", lastName = "Lefèvre", email = "Camille.Lefevre@ac-normandie.fr", schoolUai = "0271234v",
            functions = new[] { "teacher", "trainer", "teacher" },
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.ToString().Should().Be("\"1\"");
        var created = await Json(response);
        var id = created.GetProperty("id").GetString();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/people/{id}");

        var read = await normandie.GetAsync($"/api/v1/people/{id}");
        read.Headers.ETag!.ToString().Should().Be("\"1\"");
        var person = await Json(read);
        person.GetProperty("firstName").GetString().Should().Be("Camille");
        person.GetProperty("lastName").GetString().Should().Be("Lefèvre");
        person.GetProperty("email").GetString().Should().Be("Camille.Lefevre@ac-normandie.fr");
        person.GetProperty("academie").GetString().Should().Be("70");
        person.GetProperty("schoolUai").GetString().Should().Be(Evreux);
        person.GetProperty("functions").EnumerateArray().Select(f => f.GetString()).Should().Equal("teacher", "trainer");
        person.GetProperty("erasedAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Test]
    public async Task If_none_match_with_the_current_etag_answers_304()
    {
        var (id, etag) = await PeopleApi.Register(Admin, "70", "camille@ac-normandie.fr");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/people/{id}");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var response = await Admin.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        response.Headers.ETag!.ToString().Should().Be(etag);
    }

    [Test]
    public async Task Validation_lists_every_invalid_field_at_once()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/people", new
        {
            firstName = "", email = "not-an-email", academie = "99", schoolUai = "0271234A", functions = Array.Empty<string>(),
        });
        var errors = (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("firstName", "lastName", "email", "academie", "schoolUai", "functions");
    }

    [Test]
    public async Task An_unknown_function_is_a_400()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/people", new
        {
            firstName = "A", lastName = "B", email = "a@b.fr", academie = "70", functions = new[] { "pupil" },
        });
        await Problem(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task A_national_caller_must_name_the_academie_or_a_school()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/people", new { firstName = "A", lastName = "B", email = "a@b.fr", functions = new[] { "ien" } });
        (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("academie").GetArrayLength().Should().Be(1);

        await RegisterSchool(Evreux, "027");
        var bySchool = await Admin.PostAsJsonAsync("/api/v1/people", new { firstName = "A", lastName = "B", email = "a@b.fr", schoolUai = Evreux, functions = new[] { "ien" } });
        bySchool.StatusCode.Should().Be(HttpStatusCode.Created);
        (await Json(bySchool)).GetProperty("academie").GetString().Should().Be("70");
    }

    [Test]
    public async Task A_duplicate_email_in_the_same_academie_is_a_409_whatever_its_case()
    {
        await PeopleApi.Register(Admin, "70", "camille@ac-normandie.fr");

        var again = await Admin.PostAsJsonAsync("/api/v1/people", PeopleApi.Body("70", " CAMILLE@ac-normandie.FR "));
        await Problem(again, HttpStatusCode.Conflict, "person_email_exists");

        var elsewhere = await Admin.PostAsJsonAsync("/api/v1/people", PeopleApi.Body("25", "camille@ac-normandie.fr"));
        elsewhere.StatusCode.Should().Be(HttpStatusCode.Created, "the e-mail is unique per académie, not nationally");
    }

    [Test]
    public async Task An_unknown_school_or_one_of_another_academie_is_a_400_on_school_uai()
    {
        await RegisterSchool("0951099D", "095"); // Versailles (25)

        var unknown = await Admin.PostAsJsonAsync("/api/v1/people", PeopleApi.Body("70", "a@ac-normandie.fr") with { schoolUai = Evreux });
        (await Problem(unknown, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("schoolUai")[0].GetString()
            .Should().Contain("No school 0271234V");

        var foreign = await Admin.PostAsJsonAsync("/api/v1/people", PeopleApi.Body("70", "a@ac-normandie.fr") with { schoolUai = "0951099D" });
        (await Problem(foreign, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("schoolUai")[0].GetString()
            .Should().Contain("No school 0951099D");
    }

    [Test]
    public async Task Another_academies_person_is_not_found_and_cannot_be_created()
    {
        var (id, _) = await PeopleApi.Register(Admin, "25", "dominique@ac-versailles.fr");
        var normandie = await ClientFor("70", "people:read", "people:write");

        await Problem(await normandie.GetAsync($"/api/v1/people/{id}"), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.GetAsync($"/api/v1/people/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.PostAsJsonAsync("/api/v1/people", PeopleApi.Body("25", "x@ac-versailles.fr")), HttpStatusCode.Forbidden, "academie_forbidden");
    }

    [Test]
    public async Task The_people_scopes_are_required()
    {
        var schoolsOnly = await ClientFor("70", "schools:read", "schools:write");
        (await schoolsOnly.PostAsJsonAsync("/api/v1/people", PeopleApi.Body("70", "a@b.fr"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var reader = await ClientFor("70", "people:read");
        (await reader.PostAsJsonAsync("/api/v1/people", PeopleApi.Body("70", "a@b.fr"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

/// <summary>Helpers shared by the people tests.</summary>
internal static class PeopleApi
{
    internal sealed record PersonBody(string? firstName, string? lastName, string? email, string? academie, string? schoolUai, string[] functions);

    public static PersonBody Body(string? academie, string email, string firstName = "Camille", string lastName = "Lefèvre", string? schoolUai = null, params string[] functions) =>
        new(firstName, lastName, email, academie, schoolUai, functions.Length == 0 ? ["teacher"] : functions);

    /// <summary>Registers a person and returns their id and ETag.</summary>
    public static async Task<(string Id, string ETag)> Register(HttpClient client, string? academie, string email, string firstName = "Camille", string lastName = "Lefèvre", string? schoolUai = null, params string[] functions)
    {
        var response = await client.PostAsJsonAsync("/api/v1/people", Body(academie, email, firstName, lastName, schoolUai, functions));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        return (id, response.Headers.ETag!.ToString());
    }
}
