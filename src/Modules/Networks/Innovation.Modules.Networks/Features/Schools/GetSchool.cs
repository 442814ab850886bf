namespace Innovation.Modules.Networks.Features.Schools;

internal static class GetSchool
{
    internal sealed record Query(string Uai, Caller Caller) : IRequest<SchoolTable.Row>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, SchoolTable.Row>
    {
        public async Task<SchoolTable.Row> Handle(Query query, CancellationToken cancellationToken)
        {
            var uai = ValidUai(query.Uai);
            var row = await db.ReadAsync(c => SchoolTable.FindAsync(c, uai), cancellationToken);
            return row is not null && query.Caller.Sees(row.Academie) ? row : throw ProblemException.NotFound("school", uai);
        }
    }

    /// <summary>A UAI from the path, or the 400 that names the expected check letter.</summary>
    internal static string ValidUai(string uai) =>
        Domain.Uai.Normalize(uai, out var error) ?? throw RequestValidationException.For("uai", error!);

    public static void Map(IEndpointRouteBuilder schools) =>
        schools.MapGet("/{uai}", async (string uai, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Query(uai, http.Caller()), ct);
                return ETags.OkOrNotModified(http, row.Version, row.ToSchool());
            })
            .RequireAuthorization(Scopes.SchoolsRead)
            .WithName("GetSchool")
            .WithSummary("Get a school")
            .WithDescription("A school of the caller's académie by UAI. A malformed UAI is a 400 naming the expected check letter; a school of " +
                "another académie is a 404.")
            .ReturnsETag()
            .Produces<School>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
