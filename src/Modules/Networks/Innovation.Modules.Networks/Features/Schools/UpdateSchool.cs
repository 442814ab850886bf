namespace Innovation.Modules.Networks.Features.Schools;

internal static class UpdateSchool
{
    internal sealed record Command(string Uai, SchoolDraft Body, int? IfMatch, Caller Caller) : IRequest<SchoolTable.Row>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<SchoolDraft> school) => RuleFor(c => c.Body).SetValidator(school);
    }

    internal sealed class Handler(Db db, Territory territory, TimeProvider time) : IRequestHandler<Command, SchoolTable.Row>
    {
        public async Task<SchoolTable.Row> Handle(Command command, CancellationToken cancellationToken)
        {
            var row = SchoolTable.Row.From(command.Body, await territory.GetAsync(cancellationToken));
            return await db.WriteAsync(async (c, t) =>
            {
                var current = await SchoolTable.FindAsync(c, row.Uai, t);
                if (current is null || !command.Caller.Sees(current.Academie))
                {
                    throw ProblemException.NotFound("school", row.Uai);
                }

                ETags.EnsureCurrent(command.IfMatch, current.Version);

                if (!command.Caller.Sees(row.Academie))
                {
                    throw ProblemException.Forbidden("academie_forbidden",
                        $"Your credential is limited to académie {command.Caller.Academie}; it cannot move a school to {row.Academie}.");
                }

                if (current.SameDataAs(row))
                {
                    return current;
                }

                var now = time.GetUtcNow();
                if (!await SchoolTable.UpdateAsync(c, t, current, row, now))
                {
                    throw ETags.Stale(current.Version);
                }

                await NetworksAudit.RecordAsync(
                    c, t, command.Caller, now, row.Academie, "school", row.Uai, "update", current.ToSchool(), row.ToSchool());
                return row;
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder schools) =>
        schools.MapPut("/{uai}", async (string uai, SchoolDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var pathUai = GetSchool.ValidUai(uai);
                if (body.Uai is { } bodyUai && !string.Equals(bodyUai.Trim(), pathUai, StringComparison.OrdinalIgnoreCase))
                {
                    throw RequestValidationException.For("uai", $"The body names {bodyUai} but the address names {pathUai}; a UAI cannot change.");
                }

                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var row = await mediator.Send(new Command(pathUai, body with { Uai = pathUai }, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Ok(row.ToSchool());
            })
            .RequireAuthorization(Scopes.SchoolsWrite)
            .WithName("UpdateSchool")
            .WithSummary("Replace a school's data")
            .WithDescription("Replaces every field (omitted optional fields become empty). Requires If-Match with the ETag of the last read. " +
                "Closing a school publishes `SchoolClosed`, any other change `SchoolUpdated`; an identical body changes nothing and keeps the ETag.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<SchoolDraft>("application/json")
            .Produces<School>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
