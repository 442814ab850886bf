using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.SqlServer;
using Microsoft.Data.Sqlite;

namespace Innovation.Api.Tests.Infrastructure;

/// <summary>
/// The API as its own process on SQLite (Development settings, a data directory of the test's), for the fault tests: they
/// kill it with SIGKILL, look at its schema files, and start it again on the same directory or on a restored copy.
/// </summary>
internal sealed class ApiProcess : IDisposable
{
    public const string AdminKey = "dev-national-admin-key";

    private readonly Process _process;
    private readonly List<string> _failures = [];
    private bool _failureMessageNext;

    private ApiProcess(Process process)
    {
        _process = process;
        Id = process.Id;
    }

    /// <summary>The process id (kept after the process ends): the dispatcher names its instance by it in its lease.</summary>
    public int Id { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the API logged as a failure ("fail:" or "crit:"), with the line after it (the message), in order.</summary>
    public IReadOnlyList<string> LoggedFailures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    private void Note(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_failures)
        {
            if (_failureMessageNext)
            {
                _failures[^1] += " " + line.Trim();
                _failureMessageNext = false;
            }
            else if (line.StartsWith("fail: ", StringComparison.Ordinal) || line.StartsWith("crit: ", StringComparison.Ordinal))
            {
                _failures.Add(line);
                _failureMessageNext = true;
            }
        }
    }

    /// <summary>
    /// Starts the API on <paramref name="port"/> and returns once it answers; fails the test after a minute.
    /// <paramref name="settings"/> are set as environment variables (<c>RateLimiting__Burst</c>…).
    /// </summary>
    public static async Task<ApiProcess> StartAsync(int port, string data, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.Combine(RepositoryLayout.Root, "src", "Innovation.Api"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__DataDirectory"] = data;
        start.Environment["DataProtection__KeysDirectory"] = Path.Combine(data, "keys");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var api = new ApiProcess(Process.Start(start)!);
        api._process.OutputDataReceived += (_, line) => api.Note(line.Data);
        api._process.ErrorDataReceived += (_, line) => api.Note(line.Data);
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();

        using var probe = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && !api._process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync($"http://127.0.0.1:{port}/api/v1/academies")).StatusCode == HttpStatusCode.Unauthorized)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        api.Dispose();
        Assert.Fail($"The API did not start on port {port} within a minute.");
        return api;
    }

    /// <summary>A client of the API on <paramref name="port"/> with the development national administrator's key.</summary>
    public static HttpClient Client(int port)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return http;
    }

    /// <summary>SIGKILL: no shutdown code runs (no lease released, no connection closed), as in a power cut of the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One schema file of <paramref name="data"/> opened alone (no pooling, so the test holds no file once done).</summary>
    public static SqliteConnection OpenFile(string data, string schema, bool readOnly = true) =>
        new(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(data, $"{schema}.db"),
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());

    /// <summary><c>PRAGMA integrity_check</c> of every schema file of <paramref name="data"/>: "ok", or the file and its error.</summary>
    public static IReadOnlyList<string> IntegrityChecks(string data) =>
        Directory.EnumerateFiles(data, "*.db").Select(file =>
        {
            using var connection = OpenFile(data, Path.GetFileNameWithoutExtension(file));
            var result = connection.ExecuteScalar<string>("PRAGMA integrity_check");
            return result == "ok" ? result : $"{Path.GetFileName(file)}: {result}";
        }).ToList();

    /// <summary>Events of the Networks outbox not yet delivered.</summary>
    public static long Undelivered(string data)
    {
        using var networks = OpenFile(data, "networks");
        return networks.ExecuteScalar<long>("SELECT COUNT(*) FROM outbox_message WHERE processed_at IS NULL");
    }

    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(until, $"the test waits at most a minute for {what}");
            await Task.Delay(10);
        }
    }

    /// <summary>The whole event feed, page by page: each event's id, type and, for a school's, its UAI.</summary>
    public static async Task<List<(Guid Id, string Type, string? Uai)>> FeedAsync(HttpClient http)
    {
        var events = new List<(Guid, string, string?)>();
        string? after = null;
        while (true)
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/events?limit=200{(after is null ? "" : $"&after={after}")}"));
            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
            {
                var payload = item.GetProperty("payload");
                var uai = payload.TryGetProperty("school", out var school) ? school.GetProperty("uai").GetString() : null;
                events.Add((item.GetProperty("id").GetGuid(), item.GetProperty("type").GetString()!, uai));
            }

            if (!page.RootElement.TryGetProperty("nextCursor", out var next))
            {
                return events;
            }

            after = next.GetString();
        }
    }
}
