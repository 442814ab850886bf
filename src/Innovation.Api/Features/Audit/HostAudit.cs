using System.Data.Common;
using System.Text.Json;
using Innovation.Api.Features.ApiKeys;
using Innovation.Api.Features.Webhooks;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Http;

namespace Innovation.Api.Features.Audit;

/// <summary>
/// The host's audit entries (ADR 0020), written in the change's transaction into <c>host.audit_entry</c>: API keys
/// (<c>apiKey</c>) and webhook subscriptions (<c>webhook</c>), as the API lists them, so never a secret nor a key's hash. A
/// national key or subscription has no académie: only national callers see its entries.
/// </summary>
internal static class HostAudit
{
    public const string Schema = "host";

    public static Task ApiKeyAsync(
        DbConnection connection, DbTransaction transaction, string actor, DateTimeOffset now, string action, ApiKeySummary? before,
        ApiKeySummary after) =>
        AuditTrail.RecordAsync(connection, transaction, Schema,
            new AuditEntry(now, actor, after.Academie, "apiKey", after.Id.ToString(), action, before, after));

    /// <summary>A subscription's change by a caller, or by <see cref="AuditEntry.SystemActor"/> when the delivery worker disables it.</summary>
    public static Task WebhookAsync(
        DbConnection connection, DbTransaction transaction, string actor, DateTimeOffset now, string action, Webhook? before, Webhook? after)
    {
        var webhook = after ?? before ?? throw new ArgumentException("A webhook's entry needs its state before or after.", nameof(after));
        return AuditTrail.RecordAsync(connection, transaction, Schema,
            new AuditEntry(now, actor, webhook.Academie, "webhook", webhook.Id.ToString(), action, View(before), View(after)));
    }

    /// <summary>The subscription as <see cref="Webhook"/> shows it, even when given a <see cref="CreatedWebhook"/> and its secret.</summary>
    private static JsonElement? View(Webhook? webhook) => webhook is null ? null : JsonSerializer.SerializeToElement(webhook, ApiJson.Options);
}
