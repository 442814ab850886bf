using System.Net;
using System.Text;
using Innovation.Api.Tests.Infrastructure;
using static Innovation.Api.Tests.Imports.ImportFiles;
using static Innovation.Api.Tests.Networks.NetworkApi;

namespace Innovation.Api.Tests.Networks;

public sealed class NetworkMembersImportTests(Engine engine) : ApiTest(engine)
{
    private const string Endpoint = "/api/v1/imports/network-members";

    private string _bassin = "";
    private string _otherBassin = "";
    private string _teacher = "";

    [SetUp]
    public async Task Directory()
    {
        await RegisterSchool(Evreux, "027");
        await RegisterSchool(Vernon, "027");
        _teacher = await Teacher(Admin, "import.teacher@ac-normandie.fr");
        (_bassin, _) = await Create(Admin, "bassin", "Bassin d'Évreux");
        (_otherBassin, _) = await Create(Admin, "bassin", "Bassin de Vernon");
    }

    [Test]
    public async Task A_csv_file_creates_school_and_person_memberships_and_a_second_run_is_unchanged()
    {
        var csv = $"""
            networkId;uai;personId;role;domain;from;to;comment
            {_bassin};{Evreux};;;;2025-09-01;;ignored
            {_bassin};;{_teacher};referent;Culture;2025-09-01;;
            {_otherBassin};{Vernon};;;;;;
            """;

        var report = await Ok(await Import(Admin, csv));
        Counts(report).Should().Be((3, 0, 0, 0));
        report.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()).Should().Equal("comment");

        var members = await Body(await Admin.GetAsync($"/api/v1/networks/{_bassin}/members"), HttpStatusCode.OK);
        members.GetProperty("schools")[0].GetProperty("uai").GetString().Should().Be(Evreux);
        members.GetProperty("people")[0].GetProperty("domain").GetString().Should().Be("culture");

        Counts(await Ok(await Import(Admin, csv))).Should().Be((0, 0, 3, 0));
        var ended = csv.Replace($"{_bassin};{Evreux};;;;2025-09-01;;", $"{_bassin};{Evreux};;;;2025-09-01;2026-08-31;");
        Counts(await Ok(await Import(Admin, ended))).Should().Be((0, 1, 2, 0));

        await Eventually(async () => (await Json(await Admin.GetAsync("/api/v1/events?limit=200"))).GetProperty("items").EnumerateArray()
            .Count(e => e.GetProperty("type").GetString() == "NetworkMembershipChanged") == 3, "one event per network and run that changed it");
    }

    [Test]
    public async Task An_atomic_import_with_a_bad_row_writes_nothing_and_reports_each_row()
    {
        var csv = $"""
            networkId,uai,personId,role,from,to
            {_bassin},{Evreux},,,2025-09-01,
            {_bassin},0271234A,,,,
            {_bassin},,{_teacher},chief,,
            not-an-id,{Vernon},,,,
            {_bassin},{Vernon},,,2026-01-01,2025-01-01
            {Guid.NewGuid()},{Vernon},,,,
            """;

        var problem = await Problem(await Import(Admin, csv), HttpStatusCode.UnprocessableEntity, "import_rejected");
        Counts(problem).Should().Be((1, 0, 0, 5));
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString())).ToList();
        errors.Should().Contain([(3, "uai"), (4, "role"), (5, "networkId"), (6, "to"), (7, "networkId")]);
        (await Body(await Admin.GetAsync($"/api/v1/networks/{_bassin}/members?all=true"), HttpStatusCode.OK)).GetProperty("schools").GetArrayLength()
            .Should().Be(0);

        var partial = await Ok(await Import(Admin, csv, query: "?mode=partial"));
        Counts(partial).Should().Be((1, 0, 0, 5));
        (await Body(await Admin.GetAsync($"/api/v1/networks/{_bassin}/members"), HttpStatusCode.OK)).GetProperty("schools").GetArrayLength().Should()
            .Be(1);
    }

    [Test]
    public async Task A_dry_run_checks_rows_against_the_rows_before_them_and_writes_nothing()
    {
        var ndjson = $$"""
            {"networkId":"{{_bassin}}","uai":"{{Evreux}}"}
            {"networkId":"{{_otherBassin}}","uai":"{{Evreux}}"}
            {"networkId":"{{_bassin}}","personId":"{{_teacher}}","role":"member"}
            """;

        var report = await Ok(await Import(Admin, ndjson, "application/x-ndjson", "?dryRun=true"));
        report.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        Counts(report).Should().Be((2, 0, 0, 1));
        var error = report.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("line").GetInt32().Should().Be(2);
        error.GetProperty("message").GetString().Should().Contain("same kind");

        var members = await Body(await Admin.GetAsync($"/api/v1/networks/{_bassin}/members?all=true"), HttpStatusCode.OK);
        members.GetProperty("schools").GetArrayLength().Should().Be(0);
        members.GetProperty("people").GetArrayLength().Should().Be(0);
        (await Admin.GetAsync($"/api/v1/networks/{_bassin}")).Headers.ETag!.ToString().Should().Be("\"1\"");
    }

    [Test]
    public async Task A_malformed_file_is_rejected_whole_in_every_mode()
    {
        var missingColumn = $"uai,from\n{Evreux},2025-09-01\n";
        var brokenQuote = $"networkId,uai\n{_bassin},{Evreux}\n\"{_bassin},{Vernon}\n";
        foreach (var query in new[] { "", "?mode=partial", "?dryRun=true" })
        {
            await Problem(await Import(Admin, missingColumn, query: query), HttpStatusCode.UnprocessableEntity, "import_rejected");
            var broken = await Problem(await Import(Admin, brokenQuote, query: query), HttpStatusCode.UnprocessableEntity, "import_rejected");
            broken.GetProperty("errors").GetArrayLength().Should().BeGreaterThan(0);
        }

        await Problem(await Import(Admin, Encoding.UTF8.GetBytes("networkId\n"), "application/pdf"), HttpStatusCode.UnsupportedMediaType,
            "unsupported_media_type");
        var members = await Body(await Admin.GetAsync($"/api/v1/networks/{_bassin}/members?all=true"), HttpStatusCode.OK);
        members.GetProperty("schools").GetArrayLength().Should().Be(1, "partial mode keeps the valid row read before the broken quote");
    }

    [Test]
    public async Task Another_academies_network_is_rejected_like_an_unknown_one_and_the_scope_is_imports_write()
    {
        var versailles = await ClientFor("25", "imports:write");
        var problem = await Problem(await Import(versailles, $"networkId,uai\n{_bassin},{Evreux}\n"), HttpStatusCode.UnprocessableEntity,
            "import_rejected");
        problem.GetProperty("errors")[0].GetProperty("message").GetString().Should().Be($"No network {_bassin} in your académie.");

        var reader = await ClientFor("70", "networks:write");
        (await Import(reader, $"networkId,uai\n{_bassin},{Evreux}\n")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_idempotency_key_replays_the_first_report()
    {
        var csv = $"networkId,uai\n{_bassin},{Evreux}\n";
        Counts(await Ok(await Import(Admin, csv, idempotencyKey: "members-1"))).Should().Be((1, 0, 0, 0));
        Counts(await Ok(await Import(Admin, csv, idempotencyKey: "members-1"))).Should().Be((1, 0, 0, 0));
        Counts(await Ok(await Import(Admin, csv))).Should().Be((0, 0, 1, 0));
    }

    private static Task<HttpResponseMessage> Import(HttpClient client, string body, string contentType = "text/csv", string query = "",
        string? idempotencyKey = null) =>
        Post(client, Endpoint, body, contentType, query, idempotencyKey);

    private static Task<HttpResponseMessage> Import(HttpClient client, byte[] body, string contentType, string query = "",
        string? idempotencyKey = null) =>
        Post(client, Endpoint, body, contentType, query, idempotencyKey);
}
