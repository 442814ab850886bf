using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Dapper;
using Innovation.Api.Tests.SqlServer;
using Microsoft.Data.Sqlite;

namespace Innovation.Api.Tests.Imports;

/// <summary>
/// The API as its own process on SQLite, killed (SIGKILL) in the middle of an atomic import of 200,000 schools: after a
/// restart nothing of the import is written, every schema file passes <c>PRAGMA integrity_check</c>, and the same import
/// then succeeds whole.
/// </summary>
[NonParallelizable]
public sealed class ImportCrashTests
{
    private const int Rows = 200_000;
    private const string AdminKey = "dev-national-admin-key";

    [Test]
    public async Task An_atomic_import_killed_halfway_leaves_nothing_and_then_succeeds_whole()
    {
        var data = Directory.CreateTempSubdirectory("import-crash-").FullName;
        try
        {
            var port = FreePort();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);

            using (var api = await Start(port, data))
            {
                var halfway = new TaskCompletionSource();
                var import = http.SendAsync(Import(halfway));
                await halfway.Task.WaitAsync(TimeSpan.FromMinutes(2));
                api.Kill(entireProcessTree: true);
                await api.WaitForExitAsync();
                var cut = async () => await import;
                await cut.Should().ThrowAsync<HttpRequestException>("the API died before answering");
            }

            using (var api = await Start(port, data))
            {
                IntegrityChecks(data).Should().AllBe("ok");
                (await http.GetStringAsync("/api/v1/schools?limit=1")).Should().Contain("\"items\":[]", "nothing of the killed import is written");

                using var again = await http.SendAsync(Import(new TaskCompletionSource()));
                var report = await again.Content.ReadAsStringAsync();
                again.StatusCode.Should().Be(HttpStatusCode.OK, report);
                report.Should().Contain($"\"created\":{Rows}");
                api.Kill(entireProcessTree: true);
                await api.WaitForExitAsync();
            }

            IntegrityChecks(data).Should().AllBe("ok");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>200,000 schools of 20 départements (10,000 UAIs each), generated as sent; <paramref name="halfway"/> is set at
    /// row 100,000.</summary>
    private static HttpRequestMessage Import(TaskCompletionSource halfway)
    {
        int[] departements = [.. Enumerable.Range(1, 19), 21];
        var csv = new GeneratedCsv("uai,name,type,sector,commune,postcode,departement,priorityEducation", Rows, row =>
        {
            if (row == Rows / 2)
            {
                halfway.TrySetResult();
            }

            var departement = departements[row / 10_000].ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            var digits = $"{departement}{row % 10_000:0000}";
            var uai = digits + "ABCDEFGHJKLMNPRSTUVWXYZ"[(int)(long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 23)];
            return $"{uai},École {row},ecole,public,Commune {row},{departements[row / 10_000]:00}000,{departement},none";
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/schools") { Content = new StreamContent(csv) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return request;
    }

    private static IEnumerable<string> IntegrityChecks(string data) =>
        Directory.EnumerateFiles(data, "*.db").Select(file =>
        {
            var readOnly = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly };
            using var connection = new SqliteConnection(readOnly.ToString());
            var result = connection.ExecuteScalar<string>("PRAGMA integrity_check");
            return result == "ok" ? result : $"{Path.GetFileName(file)}: {result}";
        }).ToList();

    private static async Task<Process> Start(int port, string data)
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
        var api = Process.Start(start)!;
        api.OutputDataReceived += (_, _) => { };
        api.ErrorDataReceived += (_, _) => { };
        api.BeginOutputReadLine();
        api.BeginErrorReadLine();

        using var probe = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && !api.HasExited)
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

        api.Kill(entireProcessTree: true);
        Assert.Fail($"The API did not start on port {port} within a minute.");
        return api;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
