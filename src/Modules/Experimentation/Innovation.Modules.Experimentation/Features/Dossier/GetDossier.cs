using Innovation.Modules.Experimentation.Features.Experimentations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Innovation.Modules.Experimentation.Features.Dossier;

internal static class GetDossier
{
    private const string Pdf = "application/pdf";

    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapGet("/{id:guid}/dossier", async Task<Results<Ok<ExperimentationDossier>, FileContentHttpResult>> (
                Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new ReadById<ExperimentationView>(id, http.Caller(), ExperimentationTable.ReadVisibleAsync), ct);
                http.Response.Headers[HeaderNames.ETag] = ETags.For(saved.Version);
                if (!WantsPdf(http.Request))
                {
                    return TypedResults.Ok(saved.Value.Dossier);
                }

                var (title, sections) = DossierDocument.Of(saved.Value);
                var pdf = DossierPdf.Render(title, [.. sections.Select(s => new DossierSection(s.Heading, s.Lines))]);
                return TypedResults.File(pdf, Pdf, $"experimentation-{id}.pdf");
            })
            .RequireAuthorization(Scopes.ExperimentationsRead)
            .WithName("GetExperimentationDossier")
            .WithSummary("The experimentation's dossier, as JSON or as a PDF to sign")
            .WithDescription("With `Accept: application/json` (or no Accept) the dossier itself; with `Accept: application/pdf` a PDF "
                + "document of every part of the dossier, the decisions and their dates, with a signature block for the DASEN, for the "
                + "school council and the DASEN's signature. An experimentation of another académie (or outside the caller's département) "
                + "is a 404.")
            .ReturnsETag()
            .Produces<ExperimentationDossier>()
            .AlsoAnswers(Pdf)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>PDF when the client ranks it at least as high as JSON: a browser's or a signing tool's Accept.</summary>
    private static bool WantsPdf(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string mediaType) => accept
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var pdf = Quality(Pdf);
        return pdf > 0 && pdf >= Quality("application/json");
    }
}
