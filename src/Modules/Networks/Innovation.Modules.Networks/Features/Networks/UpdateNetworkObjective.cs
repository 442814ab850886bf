namespace Innovation.Modules.Networks.Features.Networks;

internal static class UpdateNetworkObjective
{
    internal sealed record Command(Guid NetworkId, Guid ObjectiveId, ObjectiveDraft Body, int? IfMatch, Caller Caller) : IRequest<ObjectiveTable.Row>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ObjectiveDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db) : IRequestHandler<Command, ObjectiveTable.Row>
    {
        public Task<ObjectiveTable.Row> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkChildren.ReplaceAsync<ObjectiveTable.Row>(
                db, command.NetworkId, command.ObjectiveId, command.IfMatch, command.Caller, ObjectiveTable.Child,
                current => ObjectiveTable.Row.From(command.Body, current.Id, current.NetworkId), (current, row) => current.SameDataAs(row),
                cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPut("/{id:guid}/objectives/{objectiveId:guid}", async (
                Guid id, Guid objectiveId, ObjectiveDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var row = await mediator.Send(new Command(id, objectiveId, body, ifMatch, http.Caller()), ct);
                return http.OkWithETag(row.Version, row.ToObjective());
            })
            .WithName("UpdateNetworkObjective")
            .WithSummary("Replace an objective (e.g. its status)")
            .WithDescription("Replaces an objective's year, title, description and status. Requires If-Match with the objective's ETag.")
            .ReplacesInNetwork<ObjectiveDraft, Objective>();
}
