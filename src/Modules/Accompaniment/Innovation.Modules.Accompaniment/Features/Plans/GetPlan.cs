namespace Innovation.Modules.Accompaniment.Features.Plans;

internal static class GetPlan
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<SavedPlan>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Query, SavedPlan>
    {
        public Task<SavedPlan> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var row = await PlanRules.FindVisibleAsync(c, query.Id, query.Caller);
                return new SavedPlan(await PlanTable.LoadOneAsync(db, c, row, Today.Of(time)), row.Version);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapGet("/plans/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, saved.Version, saved.Plan);
            })
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("GetAccompanimentPlan")
            .WithSummary("Read an accompaniment plan")
            .WithDescription("One plan with its types, goals, accompanists and pending revision. A plan of another académie is a 404. "
                + "Answers 304 to If-None-Match with its ETag.")
            .ReadsVersioned<AccompanimentPlan>();
}
