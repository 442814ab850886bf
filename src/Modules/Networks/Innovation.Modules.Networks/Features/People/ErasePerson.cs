namespace Innovation.Modules.Networks.Features.People;

/// <summary>
/// The right to erasure: the person's names, e-mail, school and functions are removed for good,
/// the id stays (memberships elsewhere keep pointing at it) and PersonErased tells every module to
/// anonymise its own copies. A POST on an action rather than a DELETE, because the resource remains.
/// </summary>
internal static class ErasePerson
{
    internal sealed record Command(Guid Id, Caller Caller) : IRequest<PersonTable.Row>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, PersonTable.Row>
    {
        public Task<PersonTable.Row> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var current = GetPerson.Visible(await PersonTable.FindAsync(c, command.Id, t), command.Id, command.Caller);
                return await PersonTable.EraseAsync(c, t, current, command.Caller, time.GetUtcNow());
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder people) =>
        people.MapPost("/{id:guid}/erase", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Command(id, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Ok(row.ToPerson());
            })
            .RequireAuthorization(Scopes.PeopleWrite)
            .WithName("ErasePerson")
            .WithSummary("Erase a person (right to erasure)")
            .WithDescription("Anonymises the person for good: first and last name, e-mail, school and functions are removed and `erasedAt` is set; " +
                "the id stays "
                + "so memberships keep their referential integrity, and the e-mail is free for a new registration. Afterwards no route returns the " +
                    "name or "
                + "the e-mail: GET answers the anonymised record, the list and search no longer include it, PUT answers 409 `person_erased`. "
                + "Publishes `PersonErased` (id, académie and a SHA-256 key of the e-mail, never the e-mail) so every module anonymises its own " +
                    "copies. "
                + "No body and no If-Match: erasure does not depend on the version read. Erasing again changes nothing and answers the same record.")
            .ReturnsETag()
            .Produces<Person>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
