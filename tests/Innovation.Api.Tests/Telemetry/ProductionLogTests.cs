using System.Diagnostics;
using System.Text.Json;

namespace Innovation.Api.Tests.Telemetry;

public sealed class ProductionLogTests
{
    [Test]
    public async Task In_production_every_log_line_is_a_json_object()
    {
        var data = Path.Combine(Path.GetTempPath(), "innovation-tests", "json-logs-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__BootstrapApiKey"] = "production-test-key-0123456789abcdef";
        start.Environment["Database__DataDirectory"] = data;
        start.Environment["DataProtection__KeysDirectory"] = Path.Combine(data, "keys");
        using var api = Process.Start(start)!;
        try
        {
            var lines = new List<string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (await api.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("Application started", StringComparison.Ordinal))
                {
                    break;
                }
            }

            lines.Should().Contain(l => l.Contains("Now listening on", StringComparison.Ordinal), string.Join('\n', lines));
            foreach (var line in lines)
            {
                using var entry = JsonDocument.Parse(line);
                entry.RootElement.GetProperty("Timestamp").GetString().Should().EndWith("Z");
                entry.RootElement.GetProperty("LogLevel").GetString().Should().NotBeNullOrEmpty();
                entry.RootElement.GetProperty("Category").GetString().Should().NotBeNullOrEmpty();
                entry.RootElement.TryGetProperty("Message", out _).Should().BeTrue(line);
            }
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
