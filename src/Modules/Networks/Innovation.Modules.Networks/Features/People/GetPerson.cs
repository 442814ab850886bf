namespace Innovation.Modules.Networks.Features.People;

internal static class GetPerson
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<PersonTable.Row>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, PersonTable.Row>
    {
        public async Task<PersonTable.Row> Handle(Query query, CancellationToken cancellationToken)
        {
            var row = await db.ReadAsync(c => PersonTable.FindAsync(c, query.Id), cancellationToken);
            return Visible(row, query.Id, query.Caller);
        }
    }

    /// <summary>The row when the caller may see it; otherwise the same 404 as for an id that does not exist.</summary>
    internal static PersonTable.Row Visible(PersonTable.Row? row, Guid id, Caller caller) =>
        row is not null && caller.Sees(row.Academie) ? row : throw ProblemException.NotFound("person", id.ToString());

    public static void Map(IEndpointRouteBuilder people) =>
        people.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, row.Version, row.ToPerson());
            })
            .RequireAuthorization(Scopes.PeopleRead)
            .WithName("GetPerson")
            .WithSummary("Get a person")
            .WithDescription("A person of the caller's académie by id. A person of another académie is a 404. An erased person answers 200 with "
                + "the anonymised record: `erasedAt` set, names, e-mail, school and functions empty (the id stays valid for memberships).")
            .ReturnsETag()
            .Produces<Person>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
