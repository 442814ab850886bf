namespace Innovation.Modules.Evaluation.Features.Indicators;

internal static class GetIndicator
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Versioned<Indicator>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Versioned<Indicator>>
    {
        public Task<Versioned<Indicator>> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c => (await IndicatorTable.FindVisibleAsync(c, query.Id, query.Caller)).ToVersioned(), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder indicators) =>
        indicators.MapRead("/{id:guid}", (id, caller) => new Query(id, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetIndicator")
            .WithSummary("Read an indicator")
            .WithDescription("One indicator. An indicator of another académie is a 404. Answers 304 to If-None-Match with its ETag.");
}
