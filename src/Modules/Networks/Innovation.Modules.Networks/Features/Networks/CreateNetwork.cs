namespace Innovation.Modules.Networks.Features.Networks;

internal static class CreateNetwork
{
    internal sealed record Command(NetworkDraft Body, Caller Caller) : IRequest<NetworkTable.Row>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<NetworkDraft> network) => RuleFor(c => c.Body).SetValidator(network);
    }

    internal sealed class Handler(Db db, Territory territory, TimeProvider time) : IRequestHandler<Command, NetworkTable.Row>
    {
        public async Task<NetworkTable.Row> Handle(Command command, CancellationToken cancellationToken)
        {
            var row = command.Body.ToRow(SortableId.New(), await territory.GetAsync(cancellationToken), command.Caller);
            await db.WriteAsync(async (c, t) =>
            {
                var now = time.GetUtcNow();
                await NetworkTable.InsertAsync(c, t, row, now);
                await NetworksAudit.RecordAsync(
                    c, t, command.Caller, now, row.Academie, "network", row.Id.ToString(), "create", null, row.ToNetwork());
            }, cancellationToken);
            return row;
        }
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPost("/", async (NetworkDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Command(body, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Created($"/api/v1/networks/{row.Id}", row.ToNetwork());
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("CreateNetwork")
            .WithSummary("Create a network")
            .WithDescription("Creates a network or professional collective of the caller's académie (the académie follows from the département " +
                "when one is given). Publishes `NetworkCreated`.")
            .WithIdempotency()
            .ReturnsETag()
            .Accepts<NetworkDraft>("application/json")
            .Produces<Network>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
