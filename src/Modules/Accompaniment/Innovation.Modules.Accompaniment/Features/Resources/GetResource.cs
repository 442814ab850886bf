namespace Innovation.Modules.Accompaniment.Features.Resources;

internal static class GetResource
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Versioned<BankResource>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Versioned<BankResource>>
    {
        public Task<Versioned<BankResource>> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var row = await ResourceTable.FindVisibleAsync(c, query.Id, query.Caller);
                return new Versioned<BankResource>((await ResourceTable.LoadAsync(db, c, [row]))[0], row.Version);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder resources) =>
        resources.MapRead("/{id:guid}", (id, caller) => new Query(id, caller))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("GetBankResource")
            .WithSummary("Read a resource of the bank")
            .WithDescription("One resource, published or not. A resource of another académie is a 404. Answers 304 to If-None-Match with its ETag.");
}
