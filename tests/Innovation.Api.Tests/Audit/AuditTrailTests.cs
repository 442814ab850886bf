using System.Net;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Networks;
using Innovation.Api.Tests.People;
using Innovation.Api.Tests.Projects;

namespace Innovation.Api.Tests.Audit;

/// <summary>What GET /audit shows of the writes of Projects: who changed which field from what to what.</summary>
public sealed class ProjectAuditTests(Engine engine) : ProjectApiTest(engine)
{
    [Test]
    public async Task Create_update_transition_and_funding_are_audited_with_their_values_before_and_after()
    {
        await StandardSchools();
        var project = await CreateProject();
        var id = project.GetProperty("id").GetString()!;
        var body = ValidProject(title: "Classe dehors, saison 2");
        var updated = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}", body, "\"1\""));
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        var submitted = await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/submit", null, updated.Headers.ETag!.ToString()));
        submitted.StatusCode.Should().Be(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        var added = await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/funding",
            new { scheme = "nefe", year = 2026, amountRequested = 1000 }, submitted.Headers.ETag!.ToString()));
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var line = (await Json(added)).GetProperty("id").GetString()!;
        var replaced = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}/funding/{line}",
            new { scheme = "nefe", year = 2026, amountRequested = 1500, amountGranted = 1200 }, added.Headers.ETag!.ToString()));
        replaced.StatusCode.Should().Be(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        var removed = await Admin.SendAsync(Request(HttpMethod.Delete, $"/api/v1/projects/{id}/funding/{line}", null,
            replaced.Headers.ETag!.ToString()));
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);

        var entries = await AuditTrail.Items(Admin, $"resourceId={id}");
        entries.Select(e => e.GetProperty("action").GetString()).Should().Equal("remove", "replace", "add", "submit", "update", "create");
        entries.Should().OnlyContain(e => e.GetProperty("module").GetString() == "projects" && e.GetProperty("academie").GetString() == "25");

        var create = entries[5];
        create.GetProperty("resourceType").GetString().Should().Be("project");
        AuditTrail.Change(create, "title").Should().Be((null, "\"Classe dehors\""));
        AuditTrail.Change(create, "schools").After.Should().Be($"[\"{Galois}\"]");
        AuditTrail.Field(create, "team").GetProperty("personal").GetBoolean().Should().BeTrue();

        var update = entries[4];
        AuditTrail.Fields(update).Should().Equal("title");
        AuditTrail.Change(update, "title").Should().Be(("\"Classe dehors\"", "\"Classe dehors, saison 2\""));
        AuditTrail.Change(entries[3], "status").Should().Be(("\"draft\"", "\"submitted\""));

        var (add, replace, remove) = (entries[2], entries[1], entries[0]);
        foreach (var entry in new[] { add, replace, remove })
        {
            entry.GetProperty("resourceType").GetString().Should().Be("project.funding");
            entry.GetProperty("resourceId").GetString().Should().Be(line);
            entry.GetProperty("parentId").GetString().Should().Be(id);
        }

        AuditTrail.Change(add, "amountRequested").Should().Be((null, "1000.00"));
        AuditTrail.Change(replace, "amountRequested").Should().Be(("1000.00", "1500.00"));
        AuditTrail.Change(replace, "amountGranted").Should().Be((null, "1200.00"));
        AuditTrail.Fields(replace).Should().BeEquivalentTo("amountRequested", "amountGranted");
        AuditTrail.Change(remove, "amountRequested").Should().Be(("1500.00", null));

        (await AuditTrail.Items(Admin, $"resourceType=project.funding&resourceId={line}")).Should().HaveCount(3);
        (await AuditTrail.Items(Admin, $"resourceId={id}&action=submit")).Should().ContainSingle();
    }

    [Test]
    public async Task A_project_import_records_one_entry_per_changed_row()
    {
        await StandardSchools();
        const string header = "external_reference;title;summary;schools;themes;team";
        const string team = "carrier:Ada Lovelace:ada.lovelace@ac-versailles.fr";
        async Task Import(string title)
        {
            var csv = $"{header}\nCARDIE-1;{title};Un résumé.;{Galois};wellBeing;{team}\nCARDIE-2;Radio;Une radio.;{Galois};orientation;{team}\n";
            var response = await Admin.PostAsync("/api/v1/imports/projects", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        await Import("Classe dehors");
        await Import("Classe dehors, saison 2");

        var entries = await AuditTrail.Items(Admin, "resourceType=project&action=import");
        entries.Should().HaveCount(3, "two projects created, then one changed and one unchanged");
        AuditTrail.Fields(entries[0]).Should().Equal("title");
        AuditTrail.Change(entries[0], "title").Should().Be(("\"Classe dehors\"", "\"Classe dehors, saison 2\""));
    }

    [Test]
    public async Task A_team_member_erased_in_the_directory_is_anonymised_in_the_projects_audit()
    {
        await StandardSchools();
        var id = (await CreateProject()).GetProperty("id").GetString()!;
        var person = await PeopleApi.Register(Admin, "25", "blaise.pascal@ac-versailles.fr", "Blaise", "Pascal");
        (await Admin.PostAsync($"/api/v1/people/{person.Id}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        await Eventually(async () =>
        {
            var team = AuditTrail.Field((await AuditTrail.Items(Admin, $"resourceId={id}&action=create")).Single(), "team");
            return team.GetProperty("erased").GetBoolean();
        }, "the erasure reaches the projects' audit");

        var change = AuditTrail.Field((await AuditTrail.Items(Admin, $"resourceId={id}&action=create")).Single(), "team");
        var text = change.GetProperty("after").GetRawText();
        text.Should().NotContain("Blaise").And.NotContain("blaise.pascal").And.Contain("Ada Lovelace", "only the erased member is anonymised");
    }
}

/// <summary>What GET /audit shows of the writes of Networks, its académie scope, its masking and its paging.</summary>
public sealed class NetworkAuditTests(Engine engine) : ApiTest(engine)
{
    [Test]
    public async Task School_network_and_membership_writes_are_audited()
    {
        var schoolTag = await RegisterSchool(NetworkApi.Evreux, "027", name: "École d'Évreux");
        var renamed = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/schools/{NetworkApi.Evreux}",
            new { uai = NetworkApi.Evreux, name = "École Jean Moulin", type = "ecole", sector = "public", departement = "027" }, schoolTag));
        renamed.StatusCode.Should().Be(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        var school = await AuditTrail.Items(Admin, $"resourceType=school&resourceId={NetworkApi.Evreux}");
        school.Select(e => e.GetProperty("action").GetString()).Should().Equal("update", "create");
        AuditTrail.Change(school[0], "name").Should().Be(("\"École d'Évreux\"", "\"École Jean Moulin\""));
        AuditTrail.Change(school[1], "name").Should().Be((null, "\"École d'Évreux\""));

        var (network, etag) = await NetworkApi.Create(Admin, name: "Bassin d'Évreux");
        var updated = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/networks/{network}",
            new { kind = "bassin", name = "Bassin d'Évreux-Vernon", departement = "027", activeYears = new[] { "2025-2026" } }, etag));
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        var membership = (await NetworkApi.AddSchool(Admin, network, NetworkApi.Evreux, from: "2025-09-01")).GetProperty("id").GetString()!;
        var changed = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/networks/{network}/schools/{membership}",
            new { from = "2025-09-01", to = "2026-08-31" }, (await Admin.GetAsync($"/api/v1/networks/{network}")).Headers.ETag!.ToString()));
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());

        var entries = await AuditTrail.Items(Admin, $"resourceId={network}");
        entries.Select(e => (e.GetProperty("resourceType").GetString(), e.GetProperty("action").GetString())).Should().Equal(
            ("network.school", "replace"), ("network.school", "add"), ("network", "update"), ("network", "create"));
        AuditTrail.Change(entries[3], "name").Should().Be((null, "\"Bassin d'Évreux\""));
        AuditTrail.Change(entries[2], "name").Should().Be(("\"Bassin d'Évreux\"", "\"Bassin d'Évreux-Vernon\""));
        AuditTrail.Change(entries[1], "uai").Should().Be((null, $"\"{NetworkApi.Evreux}\""));
        AuditTrail.Fields(entries[0]).Should().Equal("toDate");
        AuditTrail.Change(entries[0], "toDate").Should().Be((null, "\"2026-08-31\""));
        entries[0].GetProperty("resourceId").GetString().Should().Be(membership);
    }

    [Test]
    public async Task A_person_audit_is_masked_without_people_read_and_anonymised_after_erasure()
    {
        var (id, etag) = await PeopleApi.Register(Admin, "70", "camille.lefevre@ac-normandie.fr");
        var renamed = await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/people/{id}",
            PeopleApi.Body("70", "camille.lefevre@ac-normandie.fr", lastName: "Martin"), etag));
        renamed.StatusCode.Should().Be(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());

        var entries = await AuditTrail.Items(Admin, $"resourceId={id}");
        entries.Select(e => e.GetProperty("action").GetString()).Should().Equal("update", "create");
        AuditTrail.Change(entries[0], "lastName").Should().Be(("\"Lefèvre\"", "\"Martin\""));
        AuditTrail.Change(entries[1], "email").Should().Be((null, "\"camille.lefevre@ac-normandie.fr\""));

        var auditor = await ClientFor("70", "audit:read");
        var masked = await AuditTrail.Items(auditor, $"resourceId={id}");
        var lastName = AuditTrail.Field(masked[0], "lastName");
        (lastName.GetProperty("masked").GetBoolean(), lastName.GetProperty("personal").GetBoolean()).Should().Be((true, true));
        AuditTrail.Change(masked[0], "lastName").Should().Be((null, null));
        (await auditor.GetStringAsync($"/api/v1/audit?resourceId={id}")).Should().NotContain("Martin").And.NotContain("camille");

        (await Admin.PostAsync($"/api/v1/people/{id}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await AuditTrail.Items(Admin, $"resourceId={id}");
        after.Select(e => e.GetProperty("action").GetString()).Should().Equal("erase", "update", "create");
        (await Admin.GetStringAsync($"/api/v1/audit?resourceId={id}")).Should().NotContain("Lefèvre").And.NotContain("Martin")
            .And.NotContain("camille");
        AuditTrail.Field(after[2], "email").GetProperty("erased").GetBoolean().Should().BeTrue();
        AuditTrail.Change(after[2], "email").Should().Be((null, null));
    }

    [Test]
    public async Task An_import_records_one_entry_per_changed_row()
    {
        await RegisterSchool(NetworkApi.Evreux, "027");
        var importer = await ClientFor("70", "imports:write", "audit:read", "people:read");
        async Task Import(string csv)
        {
            var response = await importer.PostAsync("/api/v1/imports/people", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        await Import("email,firstName,lastName,functions\ncamille@ac-normandie.fr,Camille,Lefèvre,teacher\n"
            + "herve@ac-normandie.fr,Hervé,Dupont,cpc\n");
        await Import("email,firstName,lastName,functions\ncamille@ac-normandie.fr,Camille,Martin,teacher\nherve@ac-normandie.fr,Hervé,Dupont,cpc\n");

        var entries = await AuditTrail.Items(importer, "resourceType=person&action=import");
        entries.Should().HaveCount(3, "two rows created, then one changed and one unchanged");
        AuditTrail.Change(entries[0], "lastName").Should().Be(("\"Lefèvre\"", "\"Martin\""));
        entries.Should().OnlyContain(e => e.GetProperty("actor").GetString() == entries[0].GetProperty("actor").GetString());

        var schools = await Admin.PostAsync("/api/v1/imports/schools", new StringContent(
            $"uai,name,type,sector,departement\n{NetworkApi.Evreux},École renommée,ecole,public,027\n", System.Text.Encoding.UTF8, "text/csv"));
        schools.StatusCode.Should().Be(HttpStatusCode.OK, await schools.Content.ReadAsStringAsync());
        var school = (await AuditTrail.Items(Admin, $"resourceId={NetworkApi.Evreux}&action=import")).Should().ContainSingle().Subject;
        AuditTrail.Change(school, "name").After.Should().Be("\"École renommée\"");

        var (network, _) = await NetworkApi.Create(Admin);
        foreach (var to in new[] { "", "2026-08-31", "2026-08-31" })
        {
            var members = await Admin.PostAsync("/api/v1/imports/network-members", new StringContent(
                $"networkId,uai,from,to\n{network},{NetworkApi.Evreux},2025-09-01,{to}\n", System.Text.Encoding.UTF8, "text/csv"));
            members.StatusCode.Should().Be(HttpStatusCode.OK, await members.Content.ReadAsStringAsync());
        }

        var memberships = await AuditTrail.Items(Admin, $"resourceId={network}&action=import");
        memberships.Should().HaveCount(2, "the third run changed nothing");
        memberships.Should().OnlyContain(e => e.GetProperty("resourceType").GetString() == "network.school");
        AuditTrail.Fields(memberships[0]).Should().Equal("toDate");
        AuditTrail.Change(memberships[1], "uai").After.Should().Be($"\"{NetworkApi.Evreux}\"");
    }

    [Test]
    public async Task Each_academie_sees_only_its_entries_and_the_filters_and_cursor_walk_them()
    {
        await RegisterSchool(NetworkApi.Evreux, "027");
        await RegisterSchool(NetworkApi.Vernon, "027");
        await RegisterSchool(NetworkApi.Gonesse, "095");
        var writer = await ClientFor("70", "networks:write");
        var (network, _) = await NetworkApi.Create(writer);

        var normandie = await ClientFor("70", "audit:read");
        var versailles = await ClientFor("25", "audit:read");
        // The keys' creations are the host's entries (HostAuditTests): only the networks' are counted here.
        (await AuditTrail.Items(versailles, "module=networks")).Select(e => e.GetProperty("resourceId").GetString()).Should()
            .Equal(NetworkApi.Gonesse);
        var all = await AuditTrail.Items(normandie, "module=networks");
        all.Select(e => e.GetProperty("resourceId").GetString()).Should().Equal(network, NetworkApi.Vernon, NetworkApi.Evreux);
        (await AuditTrail.Items(normandie, $"resourceId={NetworkApi.Gonesse}")).Should().BeEmpty("another académie's entry is not found");

        var actor = all[0].GetProperty("actor").GetString()!;
        (await AuditTrail.Items(normandie, $"actor={actor}")).Should().ContainSingle()
            .Which.GetProperty("resourceId").GetString().Should().Be(network);
        (await AuditTrail.Items(normandie, "module=projects")).Should().BeEmpty();
        (await AuditTrail.Items(normandie, "module=networks&resourceType=school&action=create")).Should().HaveCount(2);
        var since = Uri.EscapeDataString(all[0].GetProperty("occurredAt").GetString()!);
        (await AuditTrail.Items(normandie, $"module=networks&from={since}")).Should().ContainSingle();
        (await AuditTrail.Items(normandie, $"module=networks&to={since}")).Should().HaveCount(2);

        var walked = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Json(await normandie.GetAsync($"/api/v1/audit?module=networks&limit=1{(cursor is null ? "" : $"&cursor={cursor}")}"));
            walked.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        walked.Should().Equal(all.Select(e => e.GetProperty("id").GetString()));
        await Problem(await normandie.GetAsync("/api/v1/audit?module=nowhere"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await normandie.GetAsync("/api/v1/audit?cursor=abc"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem(await normandie.GetAsync("/api/v1/audit?colour=red"), HttpStatusCode.BadRequest, "validation_failed");
        (await writer.GetAsync("/api/v1/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

internal static class AuditTrail
{
    public static async Task<IReadOnlyList<JsonElement>> Items(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/audit?limit=200&{query}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray()];
    }

    public static JsonElement Field(JsonElement entry, string field) =>
        entry.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == field);

    public static IReadOnlyList<string> Fields(JsonElement entry) =>
        [.. entry.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()!)];

    /// <summary>A field's values before and after as raw JSON (null for a JSON null).</summary>
    public static (string? Before, string? After) Change(JsonElement entry, string field)
    {
        var change = Field(entry, field);
        static string? Raw(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetRawText();
        return (Raw(change.GetProperty("before")), Raw(change.GetProperty("after")));
    }
}
