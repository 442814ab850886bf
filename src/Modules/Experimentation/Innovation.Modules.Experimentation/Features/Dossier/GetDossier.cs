using Innovation.Modules.Experimentation.Features.Experimentations;
using Microsoft.Net.Http.Headers;

namespace Innovation.Modules.Experimentation.Features.Dossier;

internal static class GetDossier
{
    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapGet("/{id:guid}/dossier", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new GetExperimentation.Query(id, http.Caller()), ct);
                // The PDF branch goes here at merge: when the Accept header asks for application/pdf, render
                // DossierDocument.Of(saved.Experimentation) with DossierPdf and answer it as application/pdf.
                http.Response.Headers[HeaderNames.ETag] = ETags.For(saved.Version);
                return TypedResults.Ok(saved.Experimentation.Dossier);
            })
            .RequireAuthorization(Scopes.ExperimentationsRead)
            .WithName("GetExperimentationDossier")
            .WithSummary("The experimentation's dossier")
            .WithDescription("The dossier itself, as JSON. An experimentation of another académie is a 404.")
            .ReturnsETag()
            .Produces<ExperimentationDossier>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
