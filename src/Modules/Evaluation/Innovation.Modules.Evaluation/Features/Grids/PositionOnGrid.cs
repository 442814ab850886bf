using System.Text.Json;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Evaluation.Features.Grids;

/// <summary>A positioning as a client writes it.</summary>
/// <param name="Subject">Who positions themselves: <c>personId</c> and <c>name</c>, or <c>team</c>.</param>
/// <param name="PositionedOn" example="2026-10-05">The day of the positioning.</param>
/// <param name="Levels">The level reached per criterion (each criterion of the grid at most once; at least one).</param>
internal sealed record PositioningDraft(PositioningSubject? Subject, DateOnly? PositionedOn, IReadOnlyList<CriterionLevel>? Levels);

internal static class PositionOnGrid
{
    internal sealed record Command(Guid Id, PositioningDraft Body, Caller Caller) : IRequest<Positioning>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Subject).NotNull().WithName("subject")
                .Must(s => s is null || (s.PersonId is not null) != !string.IsNullOrWhiteSpace(s.Team))
                .WithMessage("A person (personId and name) or a team, not both.");
            RuleFor(c => c.Body.Subject!.Name).NotEmpty().MaximumLength(200).When(c => c.Body.Subject?.PersonId is not null)
                .WithName("subject.name");
            RuleFor(c => c.Body.Subject!.Team).MaximumLength(200).When(c => c.Body.Subject is not null).WithName("subject.team");
            RuleFor(c => c.Body.PositionedOn).NotNull().WithName("positionedOn");
            RuleFor(c => c.Body.Levels).NotEmpty().WithName("levels");
        }
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Positioning>
    {
        public async Task<Positioning> Handle(Command command, CancellationToken cancellationToken)
        {
            var body = command.Body;
            var person = body.Subject!.PersonId is { } id ? (await mediator.Send(new FindPeople([id]), cancellationToken)).SingleOrDefault() : null;
            return await db.WriteAsync(async (c, t) =>
            {
                var grid = await GridTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                var criteria = grid.ReadCriteria();
                var errors = new Dictionary<string, string[]>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < body.Levels!.Count; i++)
                {
                    var given = body.Levels[i];
                    var criterion = criteria.FirstOrDefault(x => x.Code == given?.Criterion);
                    if (criterion is null || !seen.Add(criterion.Code))
                    {
                        errors[$"levels[{i}].criterion"] = ["A criterion of the grid, each at most once."];
                    }
                    else if (given!.Level is not { } level || level < 1 || level > criterion.Levels.Count)
                    {
                        errors[$"levels[{i}].level"] = [$"A rank from 1 to {criterion.Levels.Count} for '{criterion.Code}'."];
                    }
                }

                if (body.Subject.PersonId is not null && (person is null || person.Academie != grid.Academie))
                {
                    errors["subject.personId"] = ["Not a person of the grid's académie directory."];
                }

                if (errors.Count > 0)
                {
                    throw new RequestValidationException(errors);
                }

                var order = criteria.Select((x, i) => (x.Code, i)).ToDictionary(x => x.Code, x => x.i);
                var row = new PositioningTable.Row
                {
                    Id = SortableId.New(),
                    GridId = grid.Id,
                    PersonId = body.Subject.PersonId,
                    PersonName = body.Subject.PersonId is null ? null : body.Subject.Name!.Trim(),
                    Team = body.Subject.PersonId is null ? body.Subject.Team!.Trim() : null,
                    PositionedOn = body.PositionedOn!.Value,
                    Levels = JsonSerializer.Serialize(body.Levels.OrderBy(l => order[l.Criterion!]).ToList(), ApiJson.Options),
                    CreatedAt = time.GetUtcNow(),
                };
                await PositioningTable.InsertAsync(c, t, row, grid.Academie, command.Caller.Id);
                return row.ToPositioning();
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder grids) =>
        grids.MapPost("/{id:guid}/positionings", async (Guid id, PositioningDraft body, HttpContext http, IMediator mediator,
                CancellationToken ct) =>
            {
                var positioning = await mediator.Send(new Command(id, body, http.Caller()), ct);
                return TypedResults.Created((string?)null, positioning);
            })
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("PositionOnGrid")
            .WithSummary("Position a person or a team on a grid")
            .WithDescription("Records where a person (of the grid's académie directory, with their name) or a team stands at a date: the "
                + "rank of the level reached on each criterion given. A criterion the grid lacks, given twice, or a rank outside its "
                + "levels is a 400 naming the field, every error at once. A grid of another académie is a 404. An erased person's "
                + "positionings keep their levels and lose the name.")
            .WithIdempotency()
            .Accepts<PositioningDraft>("application/json")
            .Produces<Positioning>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
