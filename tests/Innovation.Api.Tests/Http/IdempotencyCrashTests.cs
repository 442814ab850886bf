using System.Net;
using System.Net.Http.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Messaging;

namespace Innovation.Api.Tests.Http;

/// <summary>
/// An <c>Idempotency-Key</c> create spans two schema files: the key's claim and then its recorded response in
/// <c>host.db</c>, the change itself (with its event) in the module's file, each its own commit (ADR 0003). The API is
/// killed (SIGKILL) and its files are left as a kill between those commits leaves them; after a restart the retry with
/// the same key neither runs the create twice nor loses it.
/// </summary>
/// <remarks>
/// A kill cannot be aimed from outside between two commits of one request (nothing in between is observable), so each
/// state is written into the killed API's files: it is exactly what the files hold then, since each commit is durable
/// (<c>synchronous = FULL</c>) before the next begins.
/// </remarks>
[NonParallelizable]
public sealed class IdempotencyCrashTests
{
    [Test]
    public async Task A_retry_after_a_kill_between_the_claim_and_the_response_neither_duplicates_nor_loses_the_create()
    {
        var data = Directory.CreateTempSubdirectory("idempotency-crash-").FullName;
        try
        {
            var port = ApiProcess.FreePort();
            using var http = ApiProcess.Client(port);
            string written = OutboxCrashTests.Uai(1), notWritten = OutboxCrashTests.Uai(2);
            using (var api = await ApiProcess.StartAsync(port, data))
            {
                using var created = await Create(http, "written", written);
                created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
                await api.KillAsync();
            }

            using (var host = ApiProcess.OpenFile(data, "host", readOnly: false))
            {
                // Killed after the school's commit, before the response's: the claim alone in host.db.
                host.Execute("""
                    UPDATE idempotency_record
                    SET request_hash = '', status_code = NULL, content_type = NULL, location = NULL, etag = NULL, body = NULL
                    WHERE idempotency_key = 'written'
                    """);
                // Killed after the claim's commit, before the school's: the same claim, and nothing in networks.db.
                host.Execute("""
                    INSERT INTO idempotency_record (caller_id, idempotency_key, request_hash, created_at, expires_at)
                    SELECT caller_id, 'not-written', '', created_at, expires_at FROM idempotency_record WHERE idempotency_key = 'written'
                    """);
                // The killed API's dispatch lease has run out (rather than waiting Messaging:LeaseDuration for it).
                host.Execute("UPDATE dispatcher_lease SET owner = NULL, expires_at = @Past WHERE name = 'outbox'",
                    new { Past = "0001-01-01T00:00:00.0000000Z" });
            }

            using (var api = await ApiProcess.StartAsync(port, data))
            {
                foreach (var (key, uai) in new[] { ("written", written), ("not-written", notWritten) })
                {
                    using var retry = await Create(http, key, uai);
                    retry.StatusCode.Should().Be(HttpStatusCode.Conflict, "the key stays claimed until it expires: the create does not run twice");
                    (await retry.Content.ReadAsStringAsync()).Should().Contain("\"code\":\"idempotency_key_in_use\"");
                }

                (await http.GetAsync($"/api/v1/schools/{written}")).StatusCode.Should().Be(HttpStatusCode.OK, "the committed create is kept");
                (await http.GetAsync($"/api/v1/schools/{notWritten}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

                // Once the claim expires (Idempotency:Retention), the same retry runs once: the school that was not written is.
                using (var host = ApiProcess.OpenFile(data, "host", readOnly: false))
                {
                    host.Execute("UPDATE idempotency_record SET expires_at = @Past WHERE idempotency_key = 'not-written'",
                        new { Past = "0001-01-01T00:00:00.0000000Z" });
                }

                using var late = await Create(http, "not-written", notWritten);
                late.StatusCode.Should().Be(HttpStatusCode.Created, await late.Content.ReadAsStringAsync());
                using var replay = await Create(http, "not-written", notWritten);
                replay.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");

                // A create retried under a new key after the first one's commit meets the school's own key instead of a duplicate.
                using var again = await Create(http, "another", written);
                again.StatusCode.Should().Be(HttpStatusCode.Conflict);

                await ApiProcess.WaitUntil(() => ApiProcess.Undelivered(data) == 0, "the events to be delivered");
                (await ApiProcess.FeedAsync(http)).Where(e => e.Type == "SchoolRegistered").Select(e => e.Uai).Should()
                    .BeEquivalentTo(new[] { written, notWritten }, "each create's event is in the feed once");
                await api.KillAsync();
            }

            using var networks = ApiProcess.OpenFile(data, "networks");
            networks.Query<string>("SELECT uai FROM school").Should().BeEquivalentTo(written, notWritten);
            networks.Query<string>("SELECT type FROM outbox_message").Should().Equal("SchoolRegistered", "SchoolRegistered");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static Task<HttpResponseMessage> Create(HttpClient http, string key, string uai)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/schools") { Content = JsonContent.Create(OutboxCrashTests.School(uai)) };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }
}
