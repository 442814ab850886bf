using System.Net;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Projects;

/// <summary>
/// The right to erasure reaching project teams. The people endpoints live on another branch, so
/// the test publishes <see cref="PersonErased"/> the way Networks does: into its outbox.
/// </summary>
public sealed class ProjectErasureTests(Engine engine) : LifecycleApiTest(engine)
{
    private const string AdaEmail = "ada.lovelace@ac-versailles.fr";
    private const string GraceEmail = "grace.hopper@ac-versailles.fr";

    [SetUp]
    public Task Schools() => StandardSchools();

    private async Task Erase(string email, string academie = "25")
    {
        var db = Factory.Services.GetRequiredService<Db>();
        await db.WriteAsync((c, t) => Outbox.EnqueueAsync(c, t, "networks", new PersonErased(Guid.NewGuid(), academie, PersonErased.KeyOf(email)),
            DateTimeOffset.UtcNow),
            CancellationToken.None);
    }

    [Test]
    public async Task A_replayed_creation_no_longer_answers_the_erased_members_name_or_email()
    {
        HttpRequestMessage Creation()
        {
            var request = Request(HttpMethod.Post, "/api/v1/projects", ValidProject());
            request.Headers.Add("Idempotency-Key", "create-classe-dehors");
            return request;
        }

        var created = await Admin.SendAsync(Creation());
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var other = Request(HttpMethod.Post, "/api/v1/projects", ValidProject(title: "Sans Ada", carrierEmail: GraceEmail));
        other.Headers.Add("Idempotency-Key", "create-sans-ada");
        (await Admin.SendAsync(other)).StatusCode.Should().Be(HttpStatusCode.Created);

        await Erase(AdaEmail);
        HttpResponseMessage replay = null!;
        await Eventually(async () => (replay = await Admin.SendAsync(Creation())).StatusCode == HttpStatusCode.Conflict,
            "the erasure reaches the stored response");
        (await Problem(replay, HttpStatusCode.Conflict, "response_erased")).GetRawText().Should().NotContainEquivalentOf("lovelace");

        var unrelated = Request(HttpMethod.Post, "/api/v1/projects", ValidProject(title: "Sans Ada", carrierEmail: GraceEmail));
        unrelated.Headers.Add("Idempotency-Key", "create-sans-ada");
        var replayed = await Admin.SendAsync(unrelated);
        replayed.StatusCode.Should().Be(HttpStatusCode.Created, "a response that never named the person is replayed as it was");
        (await replayed.Content.ReadAsStringAsync()).Should().Contain("grace.hopper");
    }

    [Test]
    public async Task An_erased_person_disappears_from_every_team_and_each_project_moves_a_version()
    {
        var versailles = (await CreateProject()).GetProperty("id").GetString()!;
        var montpellier = (await CreateProject(ValidProject(schools: [Nimes]))).GetProperty("id").GetString()!;
        var unrelated = (await CreateProject(ValidProject(title: "Sans Ada", carrierEmail: GraceEmail))).GetProperty("id").GetString()!;

        await Erase("  Ada.Lovelace@AC-Versailles.fr ");
        await Eventually(async () => (await Read(versailles)).GetProperty("team")[0].GetProperty("name").ValueKind == JsonValueKind.Null,
            "the erasure reaches the project's team");
        await Eventually(async () => (await Read(montpellier)).GetProperty("version").GetInt32() == 2, "every académie's projects are anonymised");

        foreach (var id in new[] { versailles, montpellier })
        {
            var response = await Admin.GetAsync($"/api/v1/projects/{id}");
            response.Headers.ETag!.ToString().Should().Be("\"2\"", "the erasure changes the project");
            var raw = await response.Content.ReadAsStringAsync();
            raw.Should().NotContainEquivalentOf("Ada Lovelace").And.NotContainEquivalentOf("lovelace");
            var carrier = (await Json(response)).GetProperty("team")[0];
            carrier.GetProperty("role").GetString().Should().Be("carrier", "the role stays: someone carried the project");
            carrier.GetProperty("email").ValueKind.Should().Be(JsonValueKind.Null);
            carrier.GetProperty("erasedAt").ValueKind.Should().Be(JsonValueKind.String);
            (await Json(response)).GetProperty("team")[1].GetProperty("name").GetString().Should().Be("Blaise Pascal", "only the erased person goes");
        }

        var untouched = await Read(unrelated);
        untouched.GetProperty("version").GetInt32().Should().Be(1);
        untouched.GetProperty("team")[0].GetProperty("name").GetString().Should().Be("Ada Lovelace", "only e-mails match, not names");

        var ada = PersonClient(AdaEmail, "25", "projects:read", "projects:carry");
        await Problem(await ada.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{versailles}", ValidProject(), "\"2\"")),
            HttpStatusCode.Forbidden, "not_a_carrier");
    }

    [Test]
    public async Task Erased_members_survive_a_put_that_sends_them_back_or_omits_them()
    {
        var id = (await CreateProject()).GetProperty("id").GetString()!;
        await Erase(AdaEmail);
        await Eventually(async () => (await Read(id)).GetProperty("version").GetInt32() == 2, "the erasure reaches the project");

        // The client echoes the team as GET returned it, with a new carrier in front.
        var echoed = ValidProject(title: "Reprise", carrierEmail: GraceEmail);
        echoed["team"] = new object?[]
        {
            new { role = "carrier", name = "Grace Hopper", email = GraceEmail },
            new { role = "carrier", name = (string?)null, email = (string?)null },
            new { role = "headOfSchoolSponsor", name = "Blaise Pascal", email = "blaise.pascal@ac-versailles.fr" },
        };
        var put = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}", echoed, "\"2\""));
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        put.Headers.ETag!.ToString().Should().Be("\"3\"");
        var team = (await Read(id)).GetProperty("team").EnumerateArray().ToList();
        team.Select(m => m.GetProperty("name").GetString()).Should().Equal("Grace Hopper", "Blaise Pascal", null);
        team[2].GetProperty("role").GetString().Should().Be("carrier");
        team[2].GetProperty("erasedAt").ValueKind.Should().Be(JsonValueKind.String);

        var omitted = ValidProject(title: "Reprise", carrierEmail: GraceEmail);
        omitted["team"] = new object[]
        {
            new { role = "carrier", name = "Grace Hopper", email = GraceEmail },
            new { role = "headOfSchoolSponsor", name = "Blaise Pascal", email = "blaise.pascal@ac-versailles.fr" },
        };
        var again = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}", omitted, "\"3\""));
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        again.Headers.ETag!.ToString().Should().Be("\"3\"", "omitting the erased member is the same body: it stays");
        (await Read(id)).GetProperty("team").GetArrayLength().Should().Be(3);
    }

    [Test]
    public async Task An_erased_sole_carrier_must_be_replaced_before_the_team_can_change()
    {
        var id = (await CreateProject()).GetProperty("id").GetString()!;
        await Erase(AdaEmail);
        await Eventually(async () => (await Read(id)).GetProperty("version").GetInt32() == 2, "the erasure reaches the project");

        var withoutCarrier = ValidProject(title: "Sans porteur");
        withoutCarrier["team"] = new object[] { new { role = "headOfSchoolSponsor", name = "Blaise Pascal",
            email = "blaise.pascal@ac-versailles.fr" } };
        (await Problem(await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}", withoutCarrier, "\"2\"")), HttpStatusCode.BadRequest,
            "validation_failed"))
            .GetProperty("errors").TryGetProperty("team", out _).Should().BeTrue("an erased carrier does not carry the project any more");
    }
}
