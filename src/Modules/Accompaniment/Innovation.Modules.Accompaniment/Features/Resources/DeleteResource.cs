namespace Innovation.Modules.Accompaniment.Features.Resources;

internal static class DeleteResource
{
    internal sealed record Command(Guid Id, int? IfMatch, Caller Caller) : IRequest<Unit>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, Unit>
    {
        public Task<Unit> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var row = await ResourceTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                await ResourceTable.LoadAsync(db, c, [row], t);
                await ResourceTable.DeleteAsync(c, t, row, command.Caller, time.GetUtcNow());
                return Unit.Value;
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder resources) =>
        resources.MapDelete("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id, ETags.RequiredIfMatch(http.Request), http.Caller()), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Scopes.ResourcesWrite)
            .WithName("DeleteBankResource")
            .WithSummary("Remove a resource from the bank")
            .WithDescription("Removes the resource for good (the public portal stops serving it at once). A resource of another académie is "
                + "a 404. Requires If-Match with the resource's ETag.")
            .RequiresIfMatch()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
