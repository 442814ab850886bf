using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.People;

public sealed class PersonErasureTests(Engine engine) : ApiTest(engine)
{
    private const string Evreux = "0271234V";

    [Test]
    public async Task An_erased_person_keeps_its_id_but_no_route_returns_the_name_or_the_email()
    {
        await RegisterSchool(Evreux, "027");
        var (id, etag) = await PeopleApi.Register(Admin, "70", "Camille.Lefevre@ac-normandie.fr", "Camille", "Lefèvre", Evreux, "teacher");

        var erase = await Admin.PostAsync($"/api/v1/people/{id}/erase", null);
        erase.StatusCode.Should().Be(HttpStatusCode.OK, await erase.Content.ReadAsStringAsync());
        erase.Headers.ETag!.ToString().Should().Be("\"2\"");

        var read = await Admin.GetAsync($"/api/v1/people/{id}");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await read.Content.ReadAsStringAsync();
        text.Should().NotContain("Camille").And.NotContain("Lef").And.NotContain("ac-normandie").And.NotContain(Evreux);
        var shell = JsonDocument.Parse(text).RootElement;
        shell.GetProperty("id").GetString().Should().Be(id);
        shell.GetProperty("academie").GetString().Should().Be("70");
        shell.GetProperty("erasedAt").ValueKind.Should().Be(JsonValueKind.String);
        shell.GetProperty("firstName").ValueKind.Should().Be(JsonValueKind.Null);
        shell.GetProperty("email").ValueKind.Should().Be(JsonValueKind.Null);
        shell.GetProperty("functions").GetArrayLength().Should().Be(0);

        foreach (var query in new[] { "", "?q=camille", "?q=lefevre", "?email=camille.lefevre@ac-normandie.fr", $"?school={Evreux}",
            "?function=teacher" })
        {
            var list = await Admin.GetAsync("/api/v1/people" + query);
            (await list.Content.ReadAsStringAsync()).Should().NotContain(id).And.NotContain("Camille");
        }

        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}", PeopleApi.Body(null, "camille@ac-normandie.fr"),
            "\"2\"")),
            HttpStatusCode.Conflict, "person_erased");
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}", PeopleApi.Body(null, "camille@ac-normandie.fr"), etag)),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
    }

    [Test]
    public async Task A_replay_of_the_registration_after_erasure_answers_no_name_nor_email()
    {
        var body = PeopleApi.Body("70", "Camille.Lefevre@ac-normandie.fr", "Camille", "Lefèvre");
        HttpRequestMessage Registration()
        {
            var request = Request(HttpMethod.Post, "/api/v1/people", body);
            request.Headers.Add("Idempotency-Key", "register-camille");
            return request;
        }

        var created = await Admin.SendAsync(Registration());
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await Json(created)).GetProperty("id").GetString();
        (await Admin.SendAsync(Registration())).Headers.Contains("Idempotent-Replayed").Should().BeTrue();
        (await Admin.PostAsync($"/api/v1/people/{id}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        HttpResponseMessage replay = null!;
        await Eventually(async () => (replay = await Admin.SendAsync(Registration())).StatusCode == HttpStatusCode.Conflict,
            "the erasure reaches the stored response");
        replay.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        replay.Headers.Location!.ToString().Should().EndWith($"/people/{id}", "the client can still find the (erased) resource");
        var text = (await Problem(replay, HttpStatusCode.Conflict, "response_erased")).GetRawText();
        text.Should().NotContain("Camille").And.NotContain("Lef").And.NotContainEquivalentOf("ac-normandie");
        (await Json(await Admin.GetAsync("/api/v1/people"))).GetProperty("items").GetArrayLength().Should().Be(0, "the retry ran nothing");
    }

    [Test]
    public async Task The_email_of_an_erased_person_can_be_registered_again()
    {
        var (id, _) = await PeopleApi.Register(Admin, "70", "camille@ac-normandie.fr");
        (await Admin.PostAsync($"/api/v1/people/{id}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var (newId, _) = await PeopleApi.Register(Admin, "70", "CAMILLE@ac-normandie.fr", "Camille", "Nouvelle");
        newId.Should().NotBe(id);
        var found = (await Json(await Admin.GetAsync("/api/v1/people?email=camille@ac-normandie.fr"))).GetProperty("items");
        found.EnumerateArray().Select(p => p.GetProperty("id").GetString()).Should().Equal(newId);
    }

    [Test]
    public async Task Erasing_twice_is_harmless_and_publishes_one_event()
    {
        var (id, _) = await PeopleApi.Register(Admin, "70", "camille@ac-normandie.fr");
        var normandie = await ClientFor("70", "people:write");

        var first = await normandie.PostAsync($"/api/v1/people/{id}/erase", null);
        var second = await normandie.PostAsync($"/api/v1/people/{id}/erase", null);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        second.Headers.ETag!.ToString().Should().Be(first.Headers.ETag!.ToString(), "a second erasure changes nothing");
        (await Json(second)).GetProperty("erasedAt").GetString().Should().Be((await Json(first)).GetProperty("erasedAt").GetString());

        await Eventually(async () => (await PeopleEvents(id)).Any(e => e.Type == "PersonErased"), "PersonErased reaches the feed");
        await Task.Delay(300); // give a (wrong) second event the time to arrive
        (await PeopleEvents(id)).Count(e => e.Type == "PersonErased").Should().Be(1);
    }

    [Test]
    public async Task People_events_reach_the_feed_without_names_or_emails()
    {
        await RegisterSchool(Evreux, "027");
        const string email = "Camille.Lefevre@ac-normandie.fr";
        var (id, etag) = await PeopleApi.Register(Admin, "70", email, "Camille", "Lefèvre", Evreux, "teacher");
        (await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}",
            PeopleApi.Body(null, email, "Camille", "Lefèvre-Martin", Evreux, "teacher", "cpc"), etag))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Admin.PostAsync($"/api/v1/people/{id}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        List<(string Type, JsonElement Payload, string Raw)> events = [];
        await Eventually(async () => (events = await PeopleEvents(id)).Count == 3, "three person events in the feed");

        events.Select(e => e.Type).Should().Equal("PersonRegistered", "PersonUpdated", "PersonErased");
        foreach (var (_, _, raw) in events)
        {
            raw.Should().NotContainAny(["Camille", "Lefèvre", "Lef\\u00E8vre", "Martin", "ac-normandie", "@"]);
        }

        events[1].Payload.GetProperty("functions").EnumerateArray().Select(f => f.GetString()).Should().Equal("teacher", "cpc");
        events[1].Payload.GetProperty("schoolUai").GetString().Should().Be(Evreux);
        var expectedKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.ToLowerInvariant())));
        events[2].Payload.GetProperty("emailKey").GetString().Should().Be(expectedKey);
        events[2].Payload.GetProperty("academie").GetString().Should().Be("70");
    }

    /// <summary>The feed's events about one person, in order, each with its raw JSON.</summary>
    private async Task<List<(string Type, JsonElement Payload, string Raw)>> PeopleEvents(string id)
    {
        var found = new List<(string, JsonElement, string)>();
        string? cursor = null;
        do
        {
            var feed = await Json(await Admin.GetAsync("/api/v1/events?limit=200" + (cursor is null ? "" : "&after=" + cursor)));
            foreach (var e in feed.GetProperty("items").EnumerateArray())
            {
                var payload = e.GetProperty("payload");
                if (payload.TryGetProperty("personId", out var personId) && personId.GetString() == id)
                {
                    found.Add((e.GetProperty("type").GetString()!, payload, e.GetRawText()));
                }
            }

            cursor = feed.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        return found;
    }
}
