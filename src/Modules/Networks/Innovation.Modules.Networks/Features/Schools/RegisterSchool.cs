namespace Innovation.Modules.Networks.Features.Schools;

internal static class RegisterSchool
{
    internal sealed record Command(SchoolDraft Body, Caller Caller) : IRequest<Versioned<School>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<SchoolDraft> school) => RuleFor(c => c.Body).SetValidator(school);
    }

    internal sealed class Handler(Db db, Territory territory, TimeProvider time) : IRequestHandler<Command, Versioned<School>>
    {
        public async Task<Versioned<School>> Handle(Command command, CancellationToken cancellationToken)
        {
            var row = SchoolTable.Row.From(command.Body, await territory.GetAsync(cancellationToken));
            if (!command.Caller.Sees(row.Academie))
            {
                throw ProblemException.Forbidden("academie_forbidden",
                    $"Your credential is limited to académie {command.Caller.Academie}; this school belongs to {row.Academie}.");
            }

            await db.WriteAsync(async (c, t) =>
            {
                if (await SchoolTable.FindAsync(c, row.Uai, t) is not null)
                {
                    throw ProblemException.Conflict("school_exists",
                        $"School {row.Uai} is already in the directory: update it with PUT /api/v1/schools/{row.Uai}.");
                }

                var now = time.GetUtcNow();
                await SchoolTable.InsertAsync(c, t, row, now);
                await NetworksAudit.RecordAsync(c, t, command.Caller, now, row.Academie, "school", row.Uai, "create", null, row.ToSchool());
            }, cancellationToken);
            return new(row.ToSchool(), row.Version);
        }
    }

    public static void Map(IEndpointRouteBuilder schools) =>
        schools.MapCreate<SchoolDraft, School>(
                "/", (body, caller) => new Command(body, caller), s => $"/api/v1/schools/{s.Uai}", StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.SchoolsWrite)
            .WithName("RegisterSchool")
            .WithSummary("Register a school")
            .WithDescription("Adds a school to the directory. The académie follows from the département (and must match it when given). Publishes " +
                "`SchoolRegistered`.");
}
