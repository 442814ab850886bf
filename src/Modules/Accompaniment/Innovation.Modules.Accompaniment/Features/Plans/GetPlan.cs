namespace Innovation.Modules.Accompaniment.Features.Plans;

internal static class GetPlan
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Versioned<AccompanimentPlan>>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Query, Versioned<AccompanimentPlan>>
    {
        public Task<Versioned<AccompanimentPlan>> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var row = await PlanRules.FindVisibleAsync(c, query.Id, query.Caller);
                return new Versioned<AccompanimentPlan>(await PlanTable.LoadOneAsync(db, c, row, Today.Of(time)), row.Version);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapRead("/plans/{id:guid}", (id, caller) => new Query(id, caller))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("GetAccompanimentPlan")
            .WithSummary("Read an accompaniment plan")
            .WithDescription("One plan with its types, goals, accompanists and pending revision. A plan of another académie is a 404. "
                + "Answers 304 to If-None-Match with its ETag.");
}
