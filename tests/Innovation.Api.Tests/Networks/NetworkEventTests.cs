using System.Net;
using System.Net.Http.Json;
using Innovation.Api.Tests.Infrastructure;
using static Innovation.Api.Tests.Networks.NetworkApi;

namespace Innovation.Api.Tests.Networks;

/// <summary>Network events (meetings, sharing days, crossed observations, fête de l'apprendre), attendance and conventions.</summary>
public sealed class NetworkEventTests(Engine engine) : ApiTest(engine)
{
    [Test]
    public async Task A_crossed_observation_names_people_by_id_and_an_optional_inspe_student()
    {
        await RegisterSchool(Evreux, "027");
        var observer = await Teacher(Admin, "o.blanc@ac-normandie.fr");
        var observed = await Teacher(Admin, "v.girard@ac-normandie.fr");
        var student = await Teacher(Admin, "m1.meef@etu.inspe.fr");
        var (id, _) = await Create(Admin);

        var response = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/events", new
        {
            kind = "crossedObservation", title = "Observation croisée CM1", date = "2026-01-20",
            observation = new { observerId = observer, observedPersonId = observed, observedClass = "CM1", uai = Evreux,
                focus = "Ateliers autonomes", inspeStudentId = student },
        });
        var created = await Body(response, HttpStatusCode.Created);
        var observation = created.GetProperty("observation");
        observation.GetProperty("inspeStudentId").GetString().Should().Be(student);
        observation.GetProperty("uai").GetString().Should().Be(Evreux);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("Camille", "events hold ids, never names");

        var get = await Body(await Admin.GetAsync($"/api/v1/networks/{id}/events/{created.GetProperty("id").GetString()}"), HttpStatusCode.OK);
        get.GetProperty("observation").GetProperty("observerId").GetString().Should().Be(observer);
    }

    [Test]
    public async Task An_observation_is_required_for_crossed_observations_only_and_its_people_must_exist()
    {
        await RegisterSchool(Evreux, "027");
        var (id, _) = await Create(Admin);
        var missing = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/events",
            new { kind = "crossedObservation", title = "Obs", date = "2026-01-20" });
        (await Problem(missing, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").TryGetProperty("observation", out _).Should()
            .BeTrue();

        var incomplete = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/events",
            new { kind = "crossedObservation", title = "Obs", date = "2026-01-20", observation = new { uai = Evreux } });
        var errors = (await Problem(incomplete, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().Contain(["observation.observerId", "observation.observedClass", "observation.focus"]);

        var stranger = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/events", new
        {
            kind = "crossedObservation", title = "Obs", date = "2026-01-20",
            observation = new { observerId = Guid.NewGuid(), observedClass = "CP", uai = Evreux, focus = "Lecture" },
        });
        (await Problem(stranger, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors")
            .TryGetProperty("observation.observerId", out _).Should().BeTrue();

        var meeting = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/events",
            new { kind = "meeting", title = "Réunion", date = "2026-01-20", observation = new { observedClass = "CP" } });
        await Problem(meeting, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task Attendance_is_recorded_under_if_match_and_events_list_by_date_with_filters()
    {
        var a = await Teacher(Admin, "a@ac-normandie.fr");
        var b = await Teacher(Admin, "b@ac-normandie.fr");
        var (id, _) = await Create(Admin);
        var day = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/events",
            new { kind = "innovationSharingDay", title = "Partage de l'innovation", date = "2026-03-18", place = "Évreux" });
        var sharing = (await Body(day, HttpStatusCode.Created)).GetProperty("id").GetString();
        await Body(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/events",
            new { kind = "feteDeLApprendre", title = "Fête de l'apprendre", date = "2026-06-10" }), HttpStatusCode.Created);
        await Body(await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/events",
            new { kind = "meeting", title = "Comité de pilotage", date = "2025-10-02" }), HttpStatusCode.Created);

        var uri = $"/api/v1/networks/{id}/events/{sharing}/attendance";
        var attendance = new { attendees = new object[] { new { personId = a, status = "present" }, new { personId = b, status = "excused" } } };
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, uri, attendance)), HttpStatusCode.PreconditionRequired, "if_match_required");
        var twice = new { attendees = new object[] { new { personId = a, status = "present" }, new { personId = a, status = "absent" } } };
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, uri, twice, day.Headers.ETag!.ToString())), HttpStatusCode.BadRequest,
            "validation_failed");
        var recorded = await Admin.SendAsync(Request(HttpMethod.Put, uri, attendance, day.Headers.ETag!.ToString()));
        (await Body(recorded, HttpStatusCode.OK)).GetProperty("attendance").EnumerateArray()
            .Select(x => (x.GetProperty("personId").GetString(), x.GetProperty("status").GetString())).Should().Equal((a, "present"), (b, "excused"));
        await Problem(await Admin.SendAsync(Request(HttpMethod.Put, uri, attendance, day.Headers.ETag!.ToString())),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");

        var all = await Body(await Admin.GetAsync($"/api/v1/networks/{id}/events?limit=2"), HttpStatusCode.OK);
        all.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("date").GetString()).Should().Equal("2025-10-02", "2026-03-18");
        var rest = await Body(await Admin.GetAsync($"/api/v1/networks/{id}/events?limit=2&cursor={all.GetProperty("nextCursor").GetString()}"),
            HttpStatusCode.OK);
        rest.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Should().Equal("feteDeLApprendre");
        (await Body(await Admin.GetAsync($"/api/v1/networks/{id}/events?kind=meeting"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength()
            .Should().Be(1);
        (await Body(await Admin.GetAsync($"/api/v1/networks/{id}/events?from=2026-01-01&to=2026-04-01"), HttpStatusCode.OK)).GetProperty("items")
            .GetArrayLength().Should().Be(1);
    }

    [Test]
    public async Task A_convention_has_a_partner_dates_and_http_documents()
    {
        var (id, _) = await Create(Admin);
        var bad = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/conventions", new
        {
            partnerKind = "inspe", partner = "INSPE de Normandie", @object = "Stages M1 MEEF", start = "2025-09-01", end = "2025-01-01",
            documents = new[] { new { title = "Convention", url = "ftp://example.org/c.pdf" } },
        });
        var errors = (await Problem(bad, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().Contain(["end", "documents[0].url"]);

        var body = new
        {
            partnerKind = "inspe", partner = "INSPE de Normandie", @object = "Stages M1 MEEF", start = "2025-09-01", end = "2028-08-31",
            documents = new[] { new { title = "Convention signée", url = "https://intranet.ac-normandie.fr/conventions/inspe.pdf" } },
        };
        var created = await Admin.PostAsJsonAsync($"/api/v1/networks/{id}/conventions", body);
        var convention = await Body(created, HttpStatusCode.Created);
        convention.GetProperty("documents")[0].GetProperty("url").GetString().Should().StartWith("https://");

        var uri = $"/api/v1/networks/{id}/conventions/{convention.GetProperty("id").GetString()}";
        var renewed = await Admin.SendAsync(Request(HttpMethod.Put, uri, body with { end = "2029-08-31" }, created.Headers.ETag!.ToString()));
        (await Body(renewed, HttpStatusCode.OK)).GetProperty("end").GetString().Should().Be("2029-08-31");
        var list = await Body(await Admin.GetAsync($"/api/v1/networks/{id}/conventions"), HttpStatusCode.OK);
        list.GetProperty("items").EnumerateArray().Single().GetProperty("partnerKind").GetString().Should().Be("inspe");
    }
}
