using Innovation.Modules.Networks.Features.Schools;

namespace Innovation.Modules.Networks.Features.People;

internal static class RegisterPerson
{
    internal sealed record Command(PersonDraft Body, Caller Caller) : IRequest<Versioned<Person>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<PersonDraft> person) => RuleFor(c => c.Body).SetValidator(person);
    }

    internal sealed class Handler(Db db, Territory territory, TimeProvider time) : IRequestHandler<Command, Versioned<Person>>
    {
        public async Task<Versioned<Person>> Handle(Command command, CancellationToken cancellationToken)
        {
            var map = await territory.GetAsync(cancellationToken);
            var caller = command.Caller;
            return await db.WriteAsync(async (c, t) =>
            {
                // A national caller who names only a school: the person joins the school's académie.
                var schoolAcademie = command.Body.SchoolUai is { } uai && Uai.Normalize(uai, out _) is { } normalized
                    ? (await SchoolTable.FindAsync(c, normalized, t))?.Academie
                    : null;
                var row = PersonTable.Row.From(command.Body, map, caller, _ => schoolAcademie)
                    ?? throw RequestValidationException.For("academie", "A national credential must name the person's académie (or their school).");
                if (!caller.Sees(row.Academie))
                {
                    throw ProblemException.Forbidden("academie_forbidden",
                        $"Your credential is limited to académie {caller.Academie}; it cannot register a person in {row.Academie}.");
                }

                if (await PersonTable.SchoolProblemAsync(c, row, t) is { } problem)
                {
                    throw RequestValidationException.For("schoolUai", problem);
                }

                if (await PersonTable.FindByEmailAsync(c, row.Academie, row.EmailNormalized!, t) is not null)
                {
                    throw PersonTable.EmailTaken(row.Academie);
                }

                await PersonTable.InsertAsync(c, t, row, caller, time.GetUtcNow());
                return new Versioned<Person>(row.ToPerson(), row.Version);
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder people) =>
        people.MapCreate<PersonDraft, Person>(
                "/", (body, caller) => new Command(body, caller), p => $"/api/v1/people/{p.Id}",
                StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.PeopleWrite)
            .WithName("RegisterPerson")
            .WithSummary("Register a person")
            .WithDescription("Adds a staff member (never a pupil) to the people directory of an académie. The e-mail is unique within the académie, "
                + "ignoring case (409 `person_email_exists`). A school, when given, must be in the directory and in the same académie (400 on " +
                    "`schoolUai`). "
                + "The académie defaults to the caller's. Publishes `PersonRegistered` (ids and codes only, never a name or an e-mail).");
}
