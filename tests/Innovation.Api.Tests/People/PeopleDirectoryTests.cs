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
        var response = await Admin.PostAsJsonAsync("/api/v1/people",
            new { firstName = "A", lastName = "B", email = "a@b.fr", functions = new[] { "ien" } });
        (await Problem(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("academie").GetArrayLength()
            .Should().Be(1);

        await RegisterSchool(Evreux, "027");
        var bySchool = await Admin.PostAsJsonAsync("/api/v1/people",
            new { firstName = "A", lastName = "B", email = "a@b.fr", schoolUai = Evreux, functions = new[] { "ien" } });
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
        await Problem(await normandie.PostAsJsonAsync("/api/v1/people", PeopleApi.Body("25", "x@ac-versailles.fr")), HttpStatusCode.Forbidden,
            "academie_forbidden");
    }

    [Test]
    public async Task The_people_scopes_are_required()
    {
        var schoolsOnly = await ClientFor("70", "schools:read", "schools:write");
        (await schoolsOnly.PostAsJsonAsync("/api/v1/people", PeopleApi.Body("70", "a@b.fr"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var reader = await ClientFor("70", "people:read");
        (await reader.PostAsJsonAsync("/api/v1/people", PeopleApi.Body("70", "a@b.fr"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_update_needs_if_match_refuses_a_stale_etag_and_keeps_the_email_unique()
    {
        await RegisterSchool(Evreux, "027");
        var (id, etag) = await PeopleApi.Register(Admin, "70", "camille@ac-normandie.fr");
        await PeopleApi.Register(Admin, "70", "dominique@ac-normandie.fr", "Dominique");
        var body = PeopleApi.Body(null, "camille.lefevre@ac-normandie.fr", "Camille", "Martin", Evreux, "headOfSchool");

        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}", body)), HttpStatusCode.PreconditionRequired,
            "if_match_required");

        var updated = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}", body, etag));
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        updated.Headers.ETag!.ToString().Should().Be("\"2\"");
        var person = await Json(updated);
        person.GetProperty("lastName").GetString().Should().Be("Martin");
        person.GetProperty("academie").GetString().Should().Be("70");
        person.GetProperty("schoolUai").GetString().Should().Be(Evreux);
        person.GetProperty("functions").EnumerateArray().Select(f => f.GetString()).Should().Equal("headOfSchool");

        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}", body with { lastName = "Stale" }, etag)),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}", body with { email = "DOMINIQUE@ac-normandie.fr" },
            "\"2\"")),
            HttpStatusCode.Conflict, "person_email_exists");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}", body with { academie = "25" }, "\"2\"")),
            HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}", body with { schoolUai = "0951099D" }, "\"2\"")),
            HttpStatusCode.BadRequest, "validation_failed");

        var same = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}", body, "\"2\""));
        same.Headers.ETag!.ToString().Should().Be("\"2\"", "an identical body changes nothing");
        (await Json(await Admin.GetAsync($"/api/v1/people/{id}"))).GetProperty("lastName").GetString().Should().Be("Martin");
    }

    [Test]
    public async Task Another_academies_person_is_a_404_on_every_route()
    {
        var (id, etag) = await PeopleApi.Register(Admin, "25", "dominique@ac-versailles.fr", "Dominique", "Versaillais");
        var normandie = await ClientFor("70", "people:read", "people:write");

        await Problem(await normandie.GetAsync($"/api/v1/people/{id}"), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}", PeopleApi.Body(null, "x@ac-normandie.fr"), etag)),
            HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.PostAsync($"/api/v1/people/{id}/erase", null), HttpStatusCode.NotFound, "not_found");
        (await Json(await normandie.GetAsync("/api/v1/people"))).GetProperty("items").GetArrayLength().Should().Be(0);
        (await Json(await normandie.GetAsync("/api/v1/people?email=dominique@ac-versailles.fr"))).GetProperty("items").GetArrayLength().Should()
            .Be(0);
        (await Json(await normandie.GetAsync("/api/v1/people?q=versaillais"))).GetProperty("items").GetArrayLength().Should().Be(0);

        var untouched = await Json(await Admin.GetAsync($"/api/v1/people/{id}"));
        untouched.GetProperty("lastName").GetString().Should().Be("Versaillais");
        untouched.GetProperty("erasedAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Test]
    public async Task Filters_combine_and_search_ignores_case_and_accents()
    {
        await RegisterSchool(Evreux, "027");
        var (lefevre, _) = await PeopleApi.Register(Admin, "70", "camille@ac-normandie.fr", "Camille", "Lefèvre", Evreux, "teacher", "trainer");
        var (herve, _) = await PeopleApi.Register(Admin, "70", "herve@ac-normandie.fr", "Hervé", "Dupont", null, "cpc");
        var (ien, _) = await PeopleApi.Register(Admin, "70", "ien@ac-normandie.fr", "Zoé", "Ézéchiel", Evreux, "ien");
        await PeopleApi.Register(Admin, "25", "autre@ac-versailles.fr", "Camille", "Autre");
        var normandie = await ClientFor("70", "people:read");

        async Task<IEnumerable<string?>> Ids(string query) =>
            (await Json(await normandie.GetAsync("/api/v1/people" + query))).GetProperty("items").EnumerateArray()
                .Select(p => p.GetProperty("id").GetString());

        (await Ids("")).Should().BeEquivalentTo([lefevre, herve, ien]);
        (await Ids("?q=LEFEVRE")).Should().Equal(lefevre);
        (await Ids("?q=herve")).Should().Equal(herve);
        (await Ids("?q=camille")).Should().Equal(lefevre);
        (await Ids($"?school={Evreux}")).Should().BeEquivalentTo([lefevre, ien]);
        (await Ids($"?school={Evreux}&function=trainer")).Should().Equal(lefevre);
        (await Ids("?function=cpc")).Should().Equal(herve);
        (await Ids("?function=iaIpr")).Should().BeEmpty();
        (await Ids("?email=HERVE@ac-normandie.fr")).Should().Equal(herve);

        var national = (await Json(await Admin.GetAsync("/api/v1/people?academie=Versailles"))).GetProperty("items");
        national.EnumerateArray().Select(p => p.GetProperty("lastName").GetString()).Should().Equal("Autre");
    }

    [Test]
    public async Task Unknown_filters_and_bad_values_are_rejected()
    {
        var unknown = await Problem(await Admin.GetAsync("/api/v1/people?name=x"), HttpStatusCode.BadRequest, "validation_failed");
        unknown.GetProperty("errors").GetProperty("name")[0].GetString().Should().Contain("Unknown query parameter");
        await Problem(await Admin.GetAsync("/api/v1/people?function=pupil"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Admin.GetAsync("/api/v1/people?school=0271234A"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Admin.GetAsync("/api/v1/people?limit=201"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await Admin.GetAsync("/api/v1/people?cursor=bm90LWEtZ3VpZA"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Pagination_walks_every_person_exactly_once()
    {
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await PeopleApi.Register(Admin, "70", $"p{i}@ac-normandie.fr")).Id);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Json(await Admin.GetAsync($"/api/v1/people?limit=5{(cursor is null ? "" : "&cursor=" + cursor)}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null);

        pages.Should().Be(3);
        seen.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(ids);
    }

    [Test]
    public async Task A_create_with_an_idempotency_key_is_replayed_not_repeated()
    {
        async Task<HttpResponseMessage> Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post,
                "/api/v1/people") { Content = JsonContent.Create(PeopleApi.Body("70", "camille@ac-normandie.fr")) };
            request.Headers.Add("Idempotency-Key", "person-1");
            return await Admin.SendAsync(request);
        }

        var first = await Send();
        var second = await Send();
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        (await Json(second)).GetProperty("id").GetString().Should().Be((await Json(first)).GetProperty("id").GetString());
        (await Json(await Admin.GetAsync("/api/v1/people"))).GetProperty("items").GetArrayLength().Should().Be(1);
    }
}

/// <summary>Helpers shared by the people tests.</summary>
internal static class PeopleApi
{
    internal sealed record PersonBody(string? firstName, string? lastName, string? email, string? academie, string? schoolUai, string[] functions);

    public static PersonBody Body(string? academie, string email, string firstName = "Camille", string lastName = "Lefèvre",
        string? schoolUai = null, params string[] functions) =>
        new(firstName, lastName, email, academie, schoolUai, functions.Length == 0 ? ["teacher"] : functions);

    /// <summary>Registers a person and returns their id and ETag.</summary>
    public static async Task<(string Id, string ETag)> Register(HttpClient client, string? academie, string email, string firstName = "Camille",
        string lastName = "Lefèvre", string? schoolUai = null, params string[] functions)
    {
        var response = await client.PostAsJsonAsync("/api/v1/people", Body(academie, email, firstName, lastName, schoolUai, functions));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        return (id, response.Headers.ETag!.ToString());
    }
}
