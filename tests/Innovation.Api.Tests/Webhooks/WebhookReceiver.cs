using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Innovation.Api.Tests.Webhooks;

/// <summary>A receiver on 127.0.0.1 (a real Kestrel on a free port) that records what it is sent and answers as the test says.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The status to answer for a request on a path (default 200); may wait, to play a slow receiver.</summary>
    public Func<string, Task<int>> Answer { get; set; } = _ => Task.FromResult(200);

    public string BaseUrl { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Map("/{**path}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var path = http.Request.Path.Value ?? "";
            receiver.Received.Enqueue(new ReceivedWebhook(
                path, http.Request.Method, http.Request.ContentType, http.Request.Headers["webhook-id"].ToString(),
                http.Request.Headers["webhook-timestamp"].ToString(), http.Request.Headers["webhook-signature"].ToString(), body.ToArray()));
            var status = await receiver.Answer(path);
            if (status is >= 300 and < 400)
            {
                http.Response.Headers.Location = receiver.BaseUrl + "/elsewhere";
            }

            http.Response.StatusCode = status;
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Urls.Single().TrimEnd('/');
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

public sealed record ReceivedWebhook(
    string Path, string Method, string? ContentType, string Id, string Timestamp, string Signature, byte[] Body);
