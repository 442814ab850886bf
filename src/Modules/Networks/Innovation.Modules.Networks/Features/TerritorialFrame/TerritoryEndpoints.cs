using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Networks.Features.TerritorialFrame;

/// <summary>An académie.</summary>
/// <param name="Code" example="70">Code as in the national school directory (e.g. <c>25</c> Versailles, <c>70</c> Normandie).</param>
/// <param name="Name" example="Normandie">Name.</param>
internal sealed record AcademieItem(string Code, string Name);

/// <summary>A département.</summary>
/// <param name="Code" example="027">3-character code: <c>095</c>, <c>02A</c>, <c>971</c>…</param>
/// <param name="Name" example="Eure">Name.</param>
/// <param name="Academie" example="70">Code of its académie.</param>
internal sealed record DepartementItem(string Code, string Name, string Academie);

/// <summary>
/// The territorial frame's endpoints (2020 organisation, seeded by migration and read-only). Its public query
/// <c>FindAcademie</c> is answered next to the data, in <see cref="Domain.Territory"/>'s file.
/// </summary>
internal static class TerritoryEndpoints
{
    internal sealed record ListAcademies : IRequest<Page<AcademieItem>>;

    internal sealed record ListDepartements(string? Academie) : IRequest<Page<DepartementItem>>;

    internal sealed class Handlers(Domain.Territory territory) :
        IRequestHandler<ListAcademies, Page<AcademieItem>>,
        IRequestHandler<ListDepartements, Page<DepartementItem>>
    {
        public async Task<Page<AcademieItem>> Handle(ListAcademies request, CancellationToken cancellationToken) =>
            new((await territory.GetAsync(cancellationToken)).Academies.Select(a => new AcademieItem(a.Code, a.Name)).ToList(), null);

        public async Task<Page<DepartementItem>> Handle(ListDepartements request, CancellationToken cancellationToken)
        {
            var map = await territory.GetAsync(cancellationToken);
            string? academie = null;
            if (!string.IsNullOrWhiteSpace(request.Academie))
            {
                academie = map.FindAcademie(request.Academie)?.Code
                    ?? throw RequestValidationException.For("academie", $"Unknown académie '{request.Academie}'.");
            }

            return new(map.Departements.Where(d => academie is null || d.Academie == academie)
                .Select(d => new DepartementItem(d.Code, d.Name, d.Academie)).ToList(), null);
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/academies", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListAcademies(), ct)))
            .WithTags("Territory")
            .WithName("ListAcademies")
            .WithSummary("List académies")
            .WithDescription("Every académie of the 2020 territorial organisation (one page). Any valid credential may read it.")
            .Produces<Page<AcademieItem>>();

        api.MapGet("/departements", async (IMediator mediator, CancellationToken ct, [FromQuery(Name = "academie")] string? academie = null) =>
                TypedResults.Ok(await mediator.Send(new ListDepartements(academie), ct)))
            .WithTags("Territory")
            .WithName("ListDepartements")
            .WithSummary("List départements")
            .WithDescription("Every département with its académie (one page), optionally only those of `academie` (code or name).")
            .Produces<Page<DepartementItem>>()
            .ProducesValidationProblem();
    }
}
