using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Modules.Networks.Features.Conventions;

internal static class AddNetworkConvention
{
    internal sealed record Command(Guid NetworkId, ConventionDraft Body, Caller Caller) : IRequest<ConventionTable.Row>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ConventionDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, ConventionTable.Row>
    {
        public Task<ConventionTable.Row> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkChildren.WriteAsync(db, command.NetworkId, command.Caller, async (c, t, network) =>
            {
                var row = ConventionTable.Row.From(command.Body, SortableId.New(), network.Id);
                await c.ExecuteAsync(ConventionTable.InsertSql, row, t);
                await NetworkChildren.AuditAsync(c, t, network, command.Caller, time.GetUtcNow(), "convention", row.Id, "add", null, row);
                return row;
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPost("/{id:guid}/conventions", async (
                Guid id, ConventionDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Command(id, body, http.Caller()), ct);
                return http.CreatedWithETag($"/api/v1/networks/{id}/conventions", row.Version, row.ToConvention());
            })
            .WithName("AddNetworkConvention")
            .WithSummary("Add a partnership convention")
            .WithDescription("Records a convention between the network and a partner (INSPE, research laboratory, local authority, association): "
                + "object, start and end, and documents as http(s) URLs.")
            .CreatesInNetwork<ConventionDraft, Convention>();
}
