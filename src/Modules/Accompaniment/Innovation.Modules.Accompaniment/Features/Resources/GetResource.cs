namespace Innovation.Modules.Accompaniment.Features.Resources;

internal static class GetResource
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<SavedResource>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, SavedResource>
    {
        public Task<SavedResource> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var row = await ResourceTable.FindVisibleAsync(c, query.Id, query.Caller);
                return new SavedResource((await ResourceTable.LoadAsync(db, c, [row]))[0], row.Version);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder resources) =>
        resources.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, saved.Version, saved.Resource);
            })
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("GetBankResource")
            .WithSummary("Read a resource of the bank")
            .WithDescription("One resource, published or not. A resource of another académie is a 404. Answers 304 to If-None-Match with its ETag.")
            .ReadsVersioned<BankResource>();
}
