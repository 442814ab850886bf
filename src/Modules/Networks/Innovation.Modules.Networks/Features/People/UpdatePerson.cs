namespace Innovation.Modules.Networks.Features.People;

internal static class UpdatePerson
{
    internal sealed record Command : VersionedChange<PersonDraft, Person>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<PersonDraft> person) => RuleFor(c => c.Body).SetValidator(person);
    }

    internal sealed class Handler(Db db, Territory territory, TimeProvider time) : IRequestHandler<Command, Versioned<Person>>
    {
        public async Task<Versioned<Person>> Handle(Command command, CancellationToken cancellationToken)
        {
            var map = await territory.GetAsync(cancellationToken);
            return await db.WriteAsync(async (c, t) =>
            {
                var current = GetPerson.Visible(await PersonTable.FindAsync(c, command.Id, t), command.Id, command.Caller);
                ETags.EnsureCurrent(command.IfMatch, current.Version);

                if (current.IsErased)
                {
                    throw PersonErasedProblem(current.Id);
                }

                // A blank académie is an omitted one, as the validator reads it: the person's own.
                var academie = string.IsNullOrWhiteSpace(command.Body.Academie) ? current.Academie : command.Body.Academie;
                var row = PersonTable.Row.From(command.Body with { Academie = academie }, map, command.Caller, _ => null)!;
                if (row.Academie != current.Academie)
                {
                    throw RequestValidationException.For("academie",
                        $"A person stays in their académie ({current.Academie}): register them in the other académie instead.");
                }

                if (await PersonTable.SchoolProblemAsync(c, row, t) is { } problem)
                {
                    throw RequestValidationException.For("schoolUai", problem);
                }

                if (current.SameDataAs(row))
                {
                    return new Versioned<Person>(current.ToPerson(), current.Version);
                }

                if (row.EmailNormalized != current.EmailNormalized
                    && await PersonTable.FindByEmailAsync(c, row.Academie, row.EmailNormalized!, t) is not null)
                {
                    throw PersonTable.EmailTaken(row.Academie);
                }

                return await PersonTable.UpdateAsync(c, t, current, row, command.Caller, time.GetUtcNow())
                    ? new Versioned<Person>(row.ToPerson(), row.Version)
                    : throw ETags.Stale(current.Version);
            }, cancellationToken);
        }
    }

    internal static ProblemException PersonErasedProblem(Guid id) =>
        ProblemException.Conflict("person_erased", $"Person {id} was erased (right to erasure): their record can no longer change.");

    public static void Map(IEndpointRouteBuilder people) =>
        people.MapChange<Command, PersonDraft, Person>("PUT", "/{id:guid}", StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.PeopleWrite)
            .WithName("UpdatePerson")
            .WithSummary("Replace a person's data")
            .WithDescription("Replaces every field (omitted optional fields become empty). Requires If-Match with the ETag of the last read (428 " +
                "without, 412 when stale). "
                + "The académie cannot change. The e-mail stays unique within the académie (409 `person_email_exists`); an erased person cannot " +
                    "change (409 `person_erased`). "
                + "Publishes `PersonUpdated`; an identical body changes nothing and keeps the ETag.");
}
