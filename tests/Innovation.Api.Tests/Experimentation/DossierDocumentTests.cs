using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Http;
using Innovation.Modules.Experimentation.Features.Dossier;
using Innovation.Modules.Experimentation.Features.Experimentations;
using UglyToad.PdfPig;

namespace Innovation.Api.Tests.Experimentation;

public sealed class DossierDocumentTests(Engine engine) : ExperimentationApiTest(engine)
{
    private async Task<HttpResponseMessage> Dossier(HttpClient client, string id, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/experimentations/{id}/dossier");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await client.SendAsync(request);
    }

    [Test]
    public async Task The_dossier_is_answered_as_json_and_its_document_holds_every_part_and_the_decisions()
    {
        var id = await ExperimentationIn("running");
        var response = await Dossier(Team, id, "application/json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var dossier = await Json(response);
        dossier.GetProperty("title").GetString().Should().Be("Sciences en semaines banalisées");
        dossier.GetProperty("protocol").GetProperty("finalReportDue").GetString().Should().Be("2029-07-05");
        var montpellier = await ClientFor("11", "experimentations:read");
        await Problem(await Dossier(montpellier, id, "application/json"), HttpStatusCode.NotFound, "not_found");

        var view = JsonSerializer.Deserialize<ExperimentationView>(
            await (await Team.GetAsync($"/api/v1/experimentations/{id}")).Content.ReadAsStringAsync(), ApiJson.Options)!;
        var (title, sections) = DossierDocument.Of(view);
        title.Should().Be("Sciences en semaines banalisées");
        sections.Select(s => s.Heading).Should().Equal("Projet et statut", "Périmètre", "Champs de dérogation", "Durée", "Équipe responsable",
            "Diagnostic", "Objectifs", "Partenaires", "Protocole d'évaluation", "Décisions et dates");
        var text = string.Join("\n", sections.SelectMany(s => s.Lines));
        text.Should().Contain("0951099D : CM1 B (cm1), CM2 A (cm2)")
            .And.Contain("Répartition des heures d'enseignement sur l'ensemble de l'année scolaire : Les heures de sciences")
            .And.Contain("Un tiers des élèves de CM1 décrochent en sciences.")
            .And.Contain("Université de Cergy : Conception des questionnaires.")
            .And.Contain("absenteeism — Taux d'absentéisme (percent, lowerIsBetter) : référence 12.5 au 2026-06-30, cible 8 au 2029-06-30")
            .And.Contain("Bilans intermédiaires : 2027-06-30, 2028-06-30, 2029-06-30")
            .And.Contain("Adoptée par schoolCouncil le 2026-06-20")
            .And.Contain("Inscrite au projet d'école ou d'établissement le 2026-06-25")
            .And.Contain("Démarrée le 2026-09-07")
            .And.Contain($"{Coordinator} : coordinator");
        sections.Single(s => s.Heading == "Décisions et dates").Lines.Should().Contain(l => l.StartsWith("Décision du DASEN (approved) le "));
    }

    [Test]
    public async Task With_accept_pdf_the_dossier_is_a_pdf_holding_every_part_and_the_decisions_and_stays_scoped()
    {
        var id = await ExperimentationIn("running");
        var response = await Dossier(Dasen, id, "application/pdf");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Headers.ETag.Should().NotBeNull();

        var view = JsonSerializer.Deserialize<ExperimentationView>(
            await (await Team.GetAsync($"/api/v1/experimentations/{id}")).Content.ReadAsStringAsync(), ApiJson.Options)!;
        var (title, sections) = DossierDocument.Of(view);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = DossierPdfTests.CompactTextOf(pdf);
        text.Should().Contain(DossierPdfTests.Compact(title));
        foreach (var section in sections)
        {
            text.Should().Contain(DossierPdfTests.Compact(section.Heading));
            foreach (var line in section.Lines.Where(l => l.Length > 0))
            {
                text.Should().Contain(DossierPdfTests.Compact(line));
            }
        }

        text.Should().Contain(DossierPdfTests.Compact("Décision du DASEN (approved) le")).And.Contain("SignatureduDASEN");
        (await Dossier(Team, id, "*/*")).Content.Headers.ContentType!.MediaType.Should().Be("application/json", "JSON unless PDF is asked");
        var montpellier = await ClientFor("11", "experimentations:read");
        await Problem(await Dossier(montpellier, id, "application/pdf"), HttpStatusCode.NotFound, "not_found");
    }
}
