namespace Innovation.Modules.Evaluation.Features.Indicators;

internal static class GetIndicator
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<SavedIndicator>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, SavedIndicator>
    {
        public Task<SavedIndicator> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var row = await IndicatorTable.FindVisibleAsync(c, query.Id, query.Caller);
                return new SavedIndicator(row.ToIndicator(), row.Version);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder indicators) =>
        indicators.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, saved.Version, saved.Indicator);
            })
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetIndicator")
            .WithSummary("Read an indicator")
            .WithDescription("One indicator. An indicator of another académie is a 404. Answers 304 to If-None-Match with its ETag.")
            .ReadsVersioned<Indicator>();
}
