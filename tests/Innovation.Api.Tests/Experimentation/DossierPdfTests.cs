using System.Text.RegularExpressions;
using Innovation.Modules.Experimentation.Features.Dossier;
using UglyToad.PdfPig;

namespace Innovation.Api.Tests.Experimentation;

/// <summary>The dossier PDF read back as a reader would: every heading and line there, accents intact, pages numbered.</summary>
public sealed partial class DossierPdfTests
{
    [Test]
    public void Every_heading_and_line_is_printed_with_its_accents_over_several_numbered_A4_pages()
    {
        var longLine = string.Concat(Enumerable.Repeat("Décloisonnement des apprentissages « à l’école » et coût estimé 1 250 € ; ", 12));
        var sections = new List<DossierSection>
        {
            new("Périmètre", ["École élémentaire Jean-Jaurès (0951099D) : CE1, CE2", "Collège Léon-Blum : 6ᵉ et 5ᵉ"]),
            new("Champs dérogatoires", [longLine, "Répartition des heures d’enseignement sur l’année scolaire : « semaine de 4 jours ½ »"]),
            new("Diagnostic", Enumerable.Range(1, 120)
                .Select(i => $"Constat n° {i} : élèves à besoins éducatifs particuliers, où ça coûte 3 €").ToList()),
            new("Évaluation", ["Indicateur ÉQ-1 : taux d’absentéisme, baseline 12,5 %, cible 8 %", "", "Œuvre commune — fin."]),
            new("Unbreakable", [new string('é', 400)]),
        };

        var bytes = DossierPdf.Render("Dossier d’expérimentation — article L.314-2 du Code de l’éducation", sections);

        using var pdf = PdfDocument.Open(bytes);
        pdf.NumberOfPages.Should().BeGreaterThanOrEqualTo(3, "120 lines of diagnosis do not fit on one page");
        var pages = pdf.GetPages().ToList();
        pages.Should().AllSatisfy(p =>
        {
            p.Width.Should().BeApproximately(595, 1, "A4");
            p.Height.Should().BeApproximately(842, 1, "A4");
        });
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].Text.Should().Contain($"Page {i + 1} / {pages.Count}");
        }

        var text = CompactTextOf(pdf);
        text.Should().Contain(Compact("Dossier d’expérimentation — article L.314-2 du Code de l’éducation"));
        foreach (var section in sections)
        {
            text.Should().Contain(Compact(section.Heading));
            foreach (var line in section.Lines.Where(l => l.Length > 0))
            {
                text.Should().Contain(Compact(line));
            }
        }

        text.IndexOf(Compact("Signature du DASEN"), StringComparison.Ordinal)
            .Should().BeGreaterThan(text.IndexOf("Œuvre", StringComparison.Ordinal));
        pages[^1].Text.Should().Contain("Signature du DASEN").And.Contain("Fait à");
    }

    [Test]
    public void Renders_from_many_threads_at_once()
    {
        var sections = new List<DossierSection> { new("Objectifs", ["Améliorer la fluidité de lecture"]) };
        var documents = Enumerable.Range(0, 8).AsParallel().Select(i => DossierPdf.Render($"Dossier {i}", sections)).ToList();
        foreach (var bytes in documents)
        {
            using var pdf = PdfDocument.Open(bytes);
            pdf.GetPage(1).Text.Should().Contain("fluidité");
        }
    }

    /// <summary>
    /// The document's text without its page numbers and without whitespace: wrapping drops the spaces at line ends and a page
    /// break puts the footer in between, so lines are compared without both.
    /// </summary>
    internal static string CompactTextOf(PdfDocument pdf) => Compact(PageNumber().Replace(string.Concat(pdf.GetPages().Select(p => p.Text)), ""));

    internal static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [GeneratedRegex(@"Page \d+ / \d+")]
    private static partial Regex PageNumber();
}
