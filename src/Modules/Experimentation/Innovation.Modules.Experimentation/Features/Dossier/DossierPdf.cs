using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Innovation.Modules.Experimentation.Features.Dossier;

/// <summary>One part of the printed dossier: a heading and its lines. A long line is wrapped; an empty one leaves a blank line.</summary>
internal sealed record DossierSection(string Heading, IReadOnlyList<string> Lines);

/// <summary>
/// The experimentation dossier as an A4 PDF for the school council and the DASEN's signature (ADR 0023): the title, each
/// section with its lines wrapped to the page, a new page whenever one is full, "Page n / N" at the foot of every page and a
/// signature block at the end. Text is drawn in DejaVu Sans, embedded in this assembly, so accents and « » ’ € print the same
/// on any machine, with or without system fonts.
/// </summary>
internal static class DossierPdf
{
    private const double Margin = 56.7; // 2 cm
    private const double FooterHeight = 28;
    private const double SignatureBlockHeight = 150;

    private static readonly XFont TitleFont;
    private static readonly XFont HeadingFont;
    private static readonly XFont BodyFont;
    private static readonly XFont FooterFont;

    // PDFsharp takes one font resolver per process, set before any font is made: the type initializer runs once, before
    // any Render, whatever the number of threads.
    static DossierPdf()
    {
        GlobalFontSettings.FontResolver = EmbeddedFonts.Instance;
        TitleFont = new XFont(EmbeddedFonts.Family, 16, XFontStyleEx.Bold, XPdfFontOptions.UnicodeDefault);
        HeadingFont = new XFont(EmbeddedFonts.Family, 12, XFontStyleEx.Bold, XPdfFontOptions.UnicodeDefault);
        BodyFont = new XFont(EmbeddedFonts.Family, 10, XFontStyleEx.Regular, XPdfFontOptions.UnicodeDefault);
        FooterFont = new XFont(EmbeddedFonts.Family, 8, XFontStyleEx.Regular, XPdfFontOptions.UnicodeDefault);
    }

    public static byte[] Render(string title, IReadOnlyList<DossierSection> sections)
    {
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "Innovation API";

        var writer = new PageWriter(document);
        try
        {
            writer.Paragraph(title, TitleFont, spaceAfter: 14);
            foreach (var section in sections)
            {
                // A heading is never the last line of a page: it moves on with the first line of its section.
                writer.KeepTogether(HeadingFont.GetHeight() + BodyFont.GetHeight() + 10);
                writer.Paragraph(section.Heading, HeadingFont, spaceBefore: 8, spaceAfter: 4);
                foreach (var line in section.Lines)
                {
                    writer.Paragraph(line, BodyFont, spaceAfter: 2);
                }
            }

            writer.KeepTogether(SignatureBlockHeight);
            writer.SignatureBlock();
        }
        finally
        {
            writer.Close();
        }

        NumberPages(document);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static void NumberPages(PdfDocument document)
    {
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var box = new XRect(Margin, page.Height.Point - Margin, page.Width.Point - 2 * Margin, FooterHeight);
            graphics.DrawString($"Page {i + 1} / {document.PageCount}", FooterFont, XBrushes.Gray, box, XStringFormats.BottomRight);
        }
    }

    /// <summary>Draws top to bottom, opening a new A4 page when the next line does not fit.</summary>
    private sealed class PageWriter(PdfDocument document)
    {
        private XGraphics? _graphics;
        private double _y;
        private double _width;
        private double _bottom;

        public void Paragraph(string text, XFont font, double spaceBefore = 0, double spaceAfter = 0)
        {
            EnsurePage();
            _y += spaceBefore;
            var lineHeight = font.GetHeight();
            foreach (var line in Wrap(text, font))
            {
                if (_y + lineHeight > _bottom)
                {
                    NewPage();
                }

                if (line.Length > 0)
                {
                    _graphics!.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, _width, lineHeight), XStringFormats.TopLeft);
                }

                _y += lineHeight;
            }

            _y += spaceAfter;
        }

        /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
        public void KeepTogether(double height)
        {
            EnsurePage();
            if (_y + height > _bottom)
            {
                NewPage();
            }
        }

        /// <summary>Where the DASEN writes the place and date and signs: left blank, to be filled in by hand.</summary>
        public void SignatureBlock()
        {
            _y += 24;
            Paragraph("Fait à : ______________________________    le : ____ / ____ / ________", BodyFont, spaceAfter: 12);
            Paragraph("Signature du DASEN", HeadingFont, spaceAfter: 6);
            _graphics!.DrawRectangle(XPens.Gray, Margin, _y, 220, 80);
            _y += 80;
        }

        public void Close() => _graphics?.Dispose();

        private void EnsurePage()
        {
            if (_graphics is null)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            _graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            _graphics = XGraphics.FromPdfPage(page);
            _y = Margin;
            _width = page.Width.Point - 2 * Margin;
            _bottom = page.Height.Point - Margin - FooterHeight;
        }

        /// <summary>The text cut into lines that fit the width: at spaces, or inside a word longer than a whole line.</summary>
        private IEnumerable<string> Wrap(string text, XFont font)
        {
            foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Replace('\t', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (Fits(candidate, font))
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        yield return line;
                    }

                    line = word;
                    while (!Fits(line, font))
                    {
                        var cut = LongestFittingPrefix(line, font);
                        yield return line[..cut];
                        line = line[cut..];
                    }
                }

                yield return line;
            }
        }

        private bool Fits(string text, XFont font) => _graphics!.MeasureString(text, font).Width <= _width;

        private int LongestFittingPrefix(string text, XFont font)
        {
            var length = 1;
            while (length < text.Length && Fits(text[..(length + 1)], font))
            {
                length++;
            }

            return length;
        }
    }

    /// <summary>
    /// Resolves every family to DejaVu Sans (regular or bold), read from this assembly's resources: PDFsharp finds no system
    /// font on Linux by itself, and the runtime image has none.
    /// </summary>
    private sealed class EmbeddedFonts : IFontResolver
    {
        public const string Family = "DejaVu Sans";

        public static readonly EmbeddedFonts Instance = new();

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "DejaVuSans-Bold" : "DejaVuSans", false, italic);

        public byte[] GetFont(string faceName)
        {
            using var resource = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"fonts/{faceName}.ttf")
                ?? throw new InvalidOperationException($"The font {faceName} is not embedded in the Experimentation module.");
            using var bytes = new MemoryStream();
            resource.CopyTo(bytes);
            return bytes.ToArray();
        }
    }
}
