using System.Net;
using System.Net.Http.Headers;
using Innovation.Api.Tests.Infrastructure;

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

    [Test]
    public async Task An_atomic_import_killed_halfway_leaves_nothing_and_then_succeeds_whole()
    {
        var data = Directory.CreateTempSubdirectory("import-crash-").FullName;
        try
        {
            var port = ApiProcess.FreePort();
            using var http = ApiProcess.Client(port);

            using (var api = await ApiProcess.StartAsync(port, data))
            {
                var halfway = new TaskCompletionSource();
                var import = http.SendAsync(Import(halfway));
                await halfway.Task.WaitAsync(TimeSpan.FromMinutes(2));
                await api.KillAsync();
                var cut = async () => await import;
                await cut.Should().ThrowAsync<HttpRequestException>("the API died before answering");
            }

            using (var api = await ApiProcess.StartAsync(port, data))
            {
                ApiProcess.IntegrityChecks(data).Should().AllBe("ok");
                (await http.GetStringAsync("/api/v1/schools?limit=1")).Should().Contain("\"items\":[]", "nothing of the killed import is written");

                using var again = await http.SendAsync(Import(new TaskCompletionSource()));
                var report = await again.Content.ReadAsStringAsync();
                again.StatusCode.Should().Be(HttpStatusCode.OK, report);
                report.Should().Contain($"\"created\":{Rows}");
                await api.KillAsync();
            }

            ApiProcess.IntegrityChecks(data).Should().AllBe("ok");
        }
        finally
        {
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
}
