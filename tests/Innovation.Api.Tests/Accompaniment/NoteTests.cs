using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Accompaniment;

/// <summary>
/// Confidential reflexive notes: visible to their author and to the plan's accompanists only, whoever else asks (each kind of
/// caller is named below), absent from the feed, the plan and the database files, and kept readable without their author
/// after an erasure.
/// </summary>
public sealed class NoteTests(Engine engine) : AccompanimentApiTest(engine)
{
    private const string StoredTextsSql = "SELECT protected_text FROM accompaniment.plan_note";

    private const string StoredNoteSql = "SELECT id AS Id, protected_text AS Text FROM accompaniment.plan_note";

    private const string CpcEmail = "claude.bernard@ac-versailles.fr";
    private const string ResearcherEmail = "marie.curie@ac-versailles.fr";
    private const string AccompanistWords = "essoufflement du binôme";
    private const string CarrierWords = "calendrier intenable";

    private static readonly string[] AccompanistScopes = ["accompaniment:read", "accompaniment:write"];

    private string _project = "";
    private string _cpc = "";
    private string _plan = "";
    private string _planETag = "";

    [SetUp]
    public async Task ActivePlan()
    {
        _project = await KnownProject();
        _cpc = await Person(CpcEmail);
        var researcher = await Person(ResearcherEmail, function: "researcher");
        await Diagnose(_project, _cpc);
        (_plan, var etag) = await Propose(_project, _cpc, researcher);
        var accepted = await PersonClient(Carrier, "25", "projects:carry")
            .SendAsync(Request(HttpMethod.Post, $"/api/v1/accompaniment/plans/{_plan}/accept", null, etag));
        accepted.StatusCode.Should().Be(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        _planETag = accepted.Headers.ETag!.ToString();
    }

    private async Task<(string Id, string ETag)> Propose(string project, params string[] accompanists)
    {
        var response = await Cardie.PostAsJsonAsync($"/api/v1/accompaniment/projects/{project}/plans", new
        {
            types = new[] { new { type = "proximity", start = "2026-11-01", end = "2027-06-30" } },
            goals = new[] { new { needCode = "training", description = "Se former." } },
            accompanists = accompanists.Select((a, i) => new { personId = a, role = i == 0 ? "cpc" : "researcher", schoolYear = "2026-2027",
                plannedHours = 6 }).ToArray(),
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await Json(response)).GetProperty("id").GetString()!, response.Headers.ETag!.ToString());
    }

    private string Notes => $"/api/v1/accompaniment/plans/{_plan}/notes";

    private HttpClient Cpc() => PersonClient(CpcEmail, "25", AccompanistScopes);

    private HttpClient Researcher() => PersonClient(ResearcherEmail, "25", AccompanistScopes);

    private HttpClient TheCarrier() => PersonClient(Carrier, "25", "projects:carry");

    private static async Task<(string Id, string ETag, JsonElement Body)> Write(HttpClient client, string url, string text)
    {
        var response = await client.PostAsJsonAsync(url, new { text });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("id").GetString()!, response.Headers.ETag!.ToString(), json);
    }

    private async Task<string[]> Listed(HttpClient client)
    {
        var response = await client.GetAsync(Notes);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];
    }

    [Test]
    public async Task A_note_is_read_by_its_author_and_the_plans_accompanists_and_by_no_other_kind_of_caller()
    {
        var (byCpc, _, written) = await Write(Cpc(), Notes, $"Je note l'{AccompanistWords} : prévoir une analyse de pratique.");
        written.GetProperty("authorRole").GetString().Should().Be("accompanist");
        written.GetProperty("authorPersonId").GetString().Should().Be(_cpc);
        written.GetProperty("mine").GetBoolean().Should().BeTrue();
        // With an Idempotency-Key too: the route does not store its response, so the words stay out of the host's records.
        var carrier = TheCarrier();
        carrier.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var (byCarrier, _, fromCarrier) = await Write(carrier, Notes, $"Je crains un {CarrierWords} pour le printemps.");
        fromCarrier.GetProperty("authorRole").GetString().Should().Be("carrier");
        fromCarrier.GetProperty("authorPersonId").ValueKind.Should().Be(JsonValueKind.Null, "the carrier is not in the people directory");

        // The author and the plan's accompanists.
        var read = await Researcher().GetAsync($"{Notes}/{byCpc}");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        var note = await Json(read);
        note.GetProperty("text").GetString().Should().Contain(AccompanistWords);
        note.GetProperty("mine").GetBoolean().Should().BeFalse();
        (await Cpc().GetAsync($"{Notes}/{byCarrier}")).StatusCode.Should().Be(HttpStatusCode.OK, "accompanists read the carrier's notes");
        (await TheCarrier().GetAsync($"{Notes}/{byCarrier}")).StatusCode.Should().Be(HttpStatusCode.OK, "its author reads it");
        (await Listed(Researcher())).Should().Equal(byCpc, byCarrier);
        (await Listed(TheCarrier())).Should().Equal([byCarrier], "a carrier reads their own notes, not the accompanists'");
        await Problem(await TheCarrier().GetAsync($"{Notes}/{byCpc}"), HttpStatusCode.NotFound, "not_found");

        // Everyone else: nothing.
        var otherProject = await KnownProject(body: ValidProject("Autre projet", carrierEmail: "grace.hopper@ac-versailles.fr"));
        var otherAccompanist = await Person("alan.turing@ac-versailles.fr");
        await Diagnose(otherProject, otherAccompanist);
        await Propose(otherProject, otherAccompanist);
        var sameAcademie = new Dictionary<string, HttpClient>
        {
            ["a national administrator with every scope"] = Admin,
            ["the académie's CARDIE with the accompaniment scopes"] = Cardie,
            ["a caller with accompaniment:read only"] = await ClientFor("25", "accompaniment:read"),
            ["an accompanist of another plan"] = PersonClient("alan.turing@ac-versailles.fr", "25", AccompanistScopes),
            ["a carrier of another project"] = PersonClient("grace.hopper@ac-versailles.fr", "25", "projects:carry"),
            ["a member of the project's team who is not a carrier, with every scope of both"] =
                PersonClient("blaise.pascal@ac-versailles.fr", "25", "accompaniment:read", "accompaniment:write", "projects:carry"),
        };
        foreach (var (who, client) in sameAcademie)
        {
            (await Listed(client)).Should().BeEmpty(who);
            foreach (var id in new[] { byCpc, byCarrier })
            {
                var response = await client.GetAsync($"{Notes}/{id}");
                response.StatusCode.Should().Be(HttpStatusCode.NotFound, who);
                (await response.Content.ReadAsStringAsync()).Should().NotContain(AccompanistWords).And.NotContain(CarrierWords);
            }
        }

        var normandie = await ClientFor("70", "accompaniment:read", "accompaniment:write", "projects:carry", "admin");
        await Problem(await normandie.GetAsync(Notes), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.GetAsync($"{Notes}/{byCpc}"), HttpStatusCode.NotFound, "not_found");
        await Problem(await normandie.PostAsJsonAsync(Notes, new { text = "Intrusion" }), HttpStatusCode.NotFound, "not_found");
        await Problem(await PersonClient("grace.hopper@ac-versailles.fr", "25", "projects:carry").PostAsJsonAsync(Notes, new { text = "Moi" }),
            HttpStatusCode.Forbidden, "not_a_note_writer");

        // Nor the plan, the event feed or the database files.
        (await Cardie.GetStringAsync($"/api/v1/accompaniment/plans/{_plan}")).Should().NotContain(AccompanistWords);
        (await FeedWith("AccompanimentAccepted")).Should().NotContain(AccompanistWords).And.NotContain(CarrierWords);
        var stored = await Factory.Services.GetRequiredService<Db>().ReadAsync(c => c.QueryAsync<string>(StoredTextsSql), CancellationToken.None);
        stored.Should().HaveCount(2).And.AllSatisfy(s => s.Should().NotContain("binôme").And.NotContain("calendrier"));
        if (Factory.Engine == Engine.Sqlite)
        {
            var files = Directory.EnumerateFiles(Factory.DataDirectory, "*", SearchOption.AllDirectories).ToList();
            files.Should().Contain(f => f.EndsWith("accompaniment.db", StringComparison.Ordinal));
            var seen = false;
            foreach (var file in files)
            {
                var bytes = await ReadSharedAsync(file);
                seen |= bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Se former.")) >= 0;
                foreach (var words in new[] { AccompanistWords, CarrierWords, "binôme", "intenable" })
                {
                    bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(words)).Should().Be(-1, $"{Path.GetFileName(file)} holds no word of a note");
                }
            }

            seen.Should().BeTrue("the scan reads what the database holds in clear (a plan's goal), WAL included");
        }
    }

    [Test]
    public async Task Only_the_author_changes_a_note_and_an_erased_authors_notes_stay_readable_without_them()
    {
        var (id, etag, _) = await Write(Cpc(), Notes, "Première impression : une équipe soudée.");
        var url = $"{Notes}/{id}";
        var invalid = await Problem(await Cpc().PostAsJsonAsync(Notes, new { text = " " }), HttpStatusCode.BadRequest, "validation_failed");
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("text");

        await Problem(await Researcher().SendAsync(Request(HttpMethod.Put, url, new { text = "Réécrite" }, etag)),
            HttpStatusCode.Forbidden, "not_the_author");
        await Problem(await Researcher().SendAsync(Request(HttpMethod.Delete, url, null, etag)), HttpStatusCode.Forbidden, "not_the_author");
        await Problem(await TheCarrier().SendAsync(Request(HttpMethod.Put, url, new { text = "Réécrite" }, etag)),
            HttpStatusCode.NotFound, "not_found");
        await Problem(await Cpc().SendAsync(Request(HttpMethod.Put, url, new { text = "Réécrite" })),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        var changed = await Cpc().SendAsync(Request(HttpMethod.Put, url, new { text = "Seconde impression : l'équipe doute." }, etag));
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        changed.Headers.ETag!.ToString().Should().Be("\"2\"");
        await Problem(await Cpc().SendAsync(Request(HttpMethod.Put, url, new { text = "Encore" }, etag)),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        var notModified = new HttpRequestMessage(HttpMethod.Get, url);
        notModified.Headers.TryAddWithoutValidation("If-None-Match", "\"2\"");
        (await Cpc().SendAsync(notModified)).StatusCode.Should().Be(HttpStatusCode.NotModified);
        var (removable, removableETag, _) = await Write(Researcher(), Notes, "À retirer.");
        (await Researcher().SendAsync(Request(HttpMethod.Delete, $"{Notes}/{removable}", null, removableETag)))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Problem(await Researcher().GetAsync($"{Notes}/{removable}"), HttpStatusCode.NotFound, "not_found");

        (await Admin.PostAsync($"/api/v1/people/{_cpc}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually(async () => (await Json(await Researcher().GetAsync(url))).GetProperty("authorErased").GetBoolean(),
            "PersonErased reaches the notes");
        var kept = await Json(await Researcher().GetAsync(url));
        kept.GetProperty("text").GetString().Should().Be("Seconde impression : l'équipe doute.");
        kept.GetProperty("authorPersonId").ValueKind.Should().Be(JsonValueKind.Null);
        kept.GetProperty("authorRole").GetString().Should().Be("accompanist");
        await Problem(await Cpc().GetAsync(url), HttpStatusCode.NotFound, "not_found");

        var closed = await Cardie.SendAsync(Request(HttpMethod.Post, $"/api/v1/accompaniment/plans/{_plan}/close", new { summary = "Fin." },
            _planETag));
        closed.StatusCode.Should().Be(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        await Problem(await Researcher().PostAsJsonAsync(Notes, new { text = "Après coup" }), HttpStatusCode.Conflict, "plan_closed");
        (await Researcher().GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK, "a closed plan's notes stay readable");
    }

    [Test]
    public async Task Another_instance_sharing_the_key_directory_opens_a_note_the_database_holds_only_encrypted()
    {
        await Write(Cpc(), Notes, $"Bilan d'étape : {AccompanistWords}.");
        var stored = (await Factory.Services.GetRequiredService<Db>()
            .ReadAsync(c => c.QueryAsync<(Guid Id, string Text)>(StoredNoteSql), CancellationToken.None)).Single();
        stored.Text.Should().NotContain("binôme");

        // What a second API instance does: the same application name, the same key directory, nothing shared in memory.
        var keys = new DirectoryInfo(Path.Combine(Factory.DataDirectory, "keys"));
        keys.EnumerateFiles("key-*.xml").Should().NotBeEmpty("the keys are persisted, not kept in memory");
        var otherInstance = DataProtectionProvider.Create(keys, builder => builder.SetApplicationName("Innovation.Api"));
        otherInstance.CreateProtector("Innovation.Accompaniment.Notes", stored.Id.ToString()).Unprotect(stored.Text)
            .Should().Be($"Bilan d'étape : {AccompanistWords}.");
        var act = () => otherInstance.CreateProtector("Innovation.Accompaniment.Notes", Guid.NewGuid().ToString()).Unprotect(stored.Text);
        act.Should().Throw<System.Security.Cryptography.CryptographicException>("a ciphertext opens only in its own note");
    }

    /// <summary>The file as it is now, while the API holds it open (the WAL included: every file of the directory is read).</summary>
    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
