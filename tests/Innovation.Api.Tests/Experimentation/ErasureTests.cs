using System.Net;
using System.Net.Http.Headers;
using Innovation.Api.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Innovation.Api.Tests.Experimentation;

/// <summary>
/// The module keeps people only as ids of the directory (ADR 0022): once Networks erases a member of the responsible team,
/// nothing the module answers — the experimentation, its history, its dossier in JSON and PDF, its audit — names them.
/// </summary>
public sealed class ErasureTests(Engine engine) : ExperimentationApiTest(engine)
{
    [Test]
    public async Task An_erased_team_member_is_named_nowhere_in_what_the_module_answers()
    {
        var id = await ExperimentationIn("running");
        (await Admin.PostAsync($"/api/v1/people/{Coordinator}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually(async () => !(await Admin.GetStringAsync($"/api/v1/people/{Coordinator}")).Contains("Joliot"),
            "the directory erased the person");

        var answers = new List<string>();
        foreach (var route in new[] { "", "/history", "/dossier", "/checklist" })
        {
            answers.Add(await Dasen.GetStringAsync($"/api/v1/experimentations/{id}{route}"));
        }

        answers.Add(await Admin.GetStringAsync($"/api/v1/audit?module=experimentation&limit=200"));
        var pdfRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/experimentations/{id}/dossier");
        pdfRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
        using (var pdf = PdfDocument.Open(await (await Dasen.SendAsync(pdfRequest)).Content.ReadAsByteArrayAsync()))
        {
            answers.Add(DossierPdfTests.CompactTextOf(pdf));
        }

        answers.Should().OnlyContain(a => !a.Contains("Joliot") && !a.Contains("Irène") && !a.Contains("irene.joliot"));
        answers[0].Should().Contain(Coordinator, "the team keeps the id, which now names no one");
        answers[4].Should().Contain("\"module\":\"experimentation\"", "the audit was read (and has the module's entries)");
    }
}
