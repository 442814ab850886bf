namespace Innovation.Modules.Evaluation.Features.Grids;

internal static class CreateGrid
{
    internal sealed record Command(GridDraft Body, Caller Caller) : IRequest<Versioned<Grid>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<GridDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<Grid>>
    {
        public async Task<Versioned<Grid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var academie = await command.Body.AcademieAsync(mediator, command.Caller, cancellationToken);
            var row = GridTable.Row.From(command.Body, academie, time.GetUtcNow());
            await db.WriteAsync((c, t) => GridTable.InsertAsync(c, t, row, command.Caller.Id), cancellationToken);
            return row.ToVersioned();
        }
    }

    public static void Map(IEndpointRouteBuilder grids) =>
        grids.MapCreate<GridDraft, Grid>("/", (body, caller) => new Command(body, caller), grid => $"/api/v1/evaluation/grids/{grid.Id}")
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("CreateGrid")
            .WithSummary("Create a self-positioning grid")
            .WithDescription("Records a grid co-constructed with a team: its criteria, each with 2 to 10 ordered levels (rank 1 first) and "
                + "what each level looks like in practice. People or teams then position themselves on it at dates. Every invalid field "
                + "is listed at once (400); an académie other than the caller's is a 403 `academie_forbidden`.");
}
