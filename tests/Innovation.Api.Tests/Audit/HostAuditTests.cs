using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Webhooks;

namespace Innovation.Api.Tests.Audit;

/// <summary>What GET /audit shows of the host's administrative writes: API keys and webhook subscriptions, never their secrets.</summary>
public sealed class HostAuditTests(Engine engine) : ApiTest(engine)
{
    private WebhookReceiver _receiver = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
        ["Webhooks:PollInterval"] = "00:00:00.020",
    };

    [OneTimeSetUp]
    public async Task StartReceiver() => _receiver = await WebhookReceiver.StartAsync();

    [OneTimeTearDown]
    public async Task StopReceiver() => await _receiver.DisposeAsync();

    [SetUp]
    public void ResetReceiver() => _receiver.Answer = _ => Task.FromResult(200);

    [Test]
    public async Task An_api_key_created_then_revoked_is_audited_without_its_secret()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/admin/api-keys",
            new { name = "versailles-sync", academie = "25", scopes = new[] { "schools:read" } });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await Json(response);
        var (id, secret) = (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
        (await Admin.DeleteAsync($"/api/v1/admin/api-keys/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Admin.DeleteAsync($"/api/v1/admin/api-keys/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var entries = await AuditTrail.Items(Admin, $"module=host&resourceId={id}");
        entries.Select(e => e.GetProperty("action").GetString()).Should().Equal(["revoke", "create"], "revoking again changes nothing");
        entries.Should().OnlyContain(e => e.GetProperty("resourceType").GetString() == "apiKey"
            && e.GetProperty("module").GetString() == "host" && e.GetProperty("academie").GetString() == "25");
        var (revoke, create) = (entries[0], entries[1]);
        AuditTrail.Fields(create).Should().BeEquivalentTo("name", "academie", "scopes");
        AuditTrail.Change(create, "name").Should().Be((null, "\"versailles-sync\""));
        AuditTrail.Change(create, "scopes").Should().Be((null, "[\"schools:read\"]"));
        AuditTrail.Fields(revoke).Should().Equal("revokedAt");
        AuditTrail.Change(revoke, "revokedAt").Before.Should().BeNull();

        var body = await Admin.GetStringAsync($"/api/v1/audit?module=host&resourceId={id}");
        body.Should().NotContain(secret).And.NotContain(secret[..12]);
    }

    [Test]
    public async Task A_webhook_created_updated_rotated_and_deleted_is_audited_without_its_secrets()
    {
        var url = _receiver.BaseUrl + "/hook";
        var response = await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url, description = "directory sync" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await Json(response);
        var (id, secret) = (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
        var path = $"/api/v1/admin/webhooks/{id}";
        var disabled = await Admin.SendAsync(Request(HttpMethod.Put, path, new { url, description = "directory sync", enabled = false },
            response.Headers.ETag!.ToString()));
        disabled.StatusCode.Should().Be(HttpStatusCode.OK, await disabled.Content.ReadAsStringAsync());
        var rotated = await Admin.PostAsync($"{path}/rotate-secret", null);
        rotated.StatusCode.Should().Be(HttpStatusCode.OK, await rotated.Content.ReadAsStringAsync());
        var newSecret = (await Json(rotated)).GetProperty("secret").GetString()!;
        (await Admin.SendAsync(Request(HttpMethod.Delete, path, null, rotated.Headers.ETag!.ToString()))).StatusCode
            .Should().Be(HttpStatusCode.NoContent);

        var entries = await AuditTrail.Items(Admin, $"module=host&resourceType=webhook&resourceId={id}");
        entries.Select(e => e.GetProperty("action").GetString()).Should().Equal("delete", "rotateSecret", "update", "create");
        entries.Should().OnlyContain(e => e.GetProperty("academie").ValueKind == JsonValueKind.Null,
            "a national subscription has no académie");
        var (delete, rotate, update, create) = (entries[0], entries[1], entries[2], entries[3]);
        AuditTrail.Change(create, "url").Should().Be((null, $"\"{url}\""));
        AuditTrail.Change(create, "description").Should().Be((null, "\"directory sync\""));
        AuditTrail.Fields(update).Should().BeEquivalentTo("enabled", "disabledAt", "disabledReason");
        AuditTrail.Change(update, "enabled").Should().Be(("true", "false"));
        AuditTrail.Fields(rotate).Should().Equal("previousSecretExpiresAt");
        AuditTrail.Change(rotate, "previousSecretExpiresAt").Before.Should().BeNull();
        AuditTrail.Change(delete, "url").Should().Be(($"\"{url}\"", null));

        var body = await Admin.GetStringAsync("/api/v1/audit?module=host");
        body.Should().NotContain(secret).And.NotContain(newSecret).And.NotContain("whsec_").And.NotContain("\"secret\"");
    }

    [Test]
    public async Task A_subscription_the_delivery_worker_disables_is_audited_as_the_systems()
    {
        _receiver.Answer = _ => Task.FromResult(410);
        var created = await Json(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/gone" }));
        var id = created.GetProperty("id").GetString()!;
        await RegisterSchool("0951099D", "095");

        await Eventually(async () => (await AuditTrail.Items(Admin, $"module=host&resourceId={id}&action=disable")).Count == 1,
            "the receiver's 410 disables the subscription");
        var disable = (await AuditTrail.Items(Admin, $"resourceId={id}&action=disable")).Single();
        disable.GetProperty("actor").GetString().Should().Be("system");
        AuditTrail.Change(disable, "enabled").Should().Be(("true", "false"));
        AuditTrail.Change(disable, "disabledReason").After.Should().Contain("410");
        (await AuditTrail.Items(Admin, $"resourceId={id}&actor=system")).Should().ContainSingle("retries and successes are not audited");
    }

    [Test]
    public async Task Each_academie_sees_only_its_keys_and_subscriptions_and_national_ones_only_national_callers()
    {
        var versailles = await ClientFor("25", "audit:read", "webhooks:admin");
        var normandie = await ClientFor("70", "audit:read");
        var national = await ClientFor(null, "audit:read");
        var hook = await Json(await versailles.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/hook" }));
        var nationalHook = await Json(await Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _receiver.BaseUrl + "/all" }));

        static IEnumerable<(string?, string?, string?)> Seen(IReadOnlyList<JsonElement> entries) =>
            entries.Select(e => (e.GetProperty("resourceType").GetString(), e.GetProperty("action").GetString(),
                e.GetProperty("academie").GetString()));
        var hookId = hook.GetProperty("id").GetString()!;
        var versaillesSees = await AuditTrail.Items(versailles, "module=host");
        Seen(versaillesSees).Should().Equal(("webhook", "create", "25"), ("apiKey", "create", "25"));
        versaillesSees[0].GetProperty("resourceId").GetString().Should().Be(hookId);
        Seen(await AuditTrail.Items(normandie, "module=host")).Should().Equal(("apiKey", "create", "70"));
        (await AuditTrail.Items(normandie, $"resourceId={hookId}")).Should().BeEmpty("another académie's entry is not found");

        var all = await AuditTrail.Items(national, "module=host");
        Seen(all).Should().Equal(
            ("webhook", "create", null), ("webhook", "create", "25"), ("apiKey", "create", null), ("apiKey", "create", "70"),
            ("apiKey", "create", "25"));
        all[0].GetProperty("resourceId").GetString().Should().Be(nationalHook.GetProperty("id").GetString());
    }
}
