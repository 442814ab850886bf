using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Modules.Networks.Features.Conventions;

internal static class UpdateNetworkConvention
{
    internal sealed record Command(Guid NetworkId, Guid ConventionId, ConventionDraft Body, int? IfMatch, Caller Caller)
        : IRequest<ConventionTable.Row>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ConventionDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db) : IRequestHandler<Command, ConventionTable.Row>
    {
        public Task<ConventionTable.Row> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkChildren.ReplaceAsync<ConventionTable.Row>(
                db, command.NetworkId, command.ConventionId, command.IfMatch, command.Caller, ConventionTable.Child,
                current => ConventionTable.Row.From(command.Body, current.Id, current.NetworkId), (current, row) => current.SameDataAs(row),
                cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPut("/{id:guid}/conventions/{conventionId:guid}", async (
                Guid id, Guid conventionId, ConventionDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var row = await mediator.Send(new Command(id, conventionId, body, ifMatch, http.Caller()), ct);
                return http.OkWithETag(row.Version, row.ToConvention());
            })
            .WithName("UpdateNetworkConvention")
            .WithSummary("Replace a partnership convention")
            .WithDescription("Replaces every field of a convention. Requires If-Match with the convention's ETag.")
            .ReplacesInNetwork<ConventionDraft, Convention>();
}
