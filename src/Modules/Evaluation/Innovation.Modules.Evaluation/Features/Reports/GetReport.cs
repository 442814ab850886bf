namespace Innovation.Modules.Evaluation.Features.Reports;

internal static class GetReport
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<ReportTable.Row>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, ReportTable.Row>
    {
        public Task<ReportTable.Row> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(c => ReportTable.FindVisibleAsync(c, query.Id, query.Caller), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, row.Version, row.ToReport());
            })
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetReport")
            .WithSummary("Read a practice narrative or a monograph")
            .WithDescription("One report. A report of another académie is a 404. Answers 304 to If-None-Match with its ETag.")
            .ReadsVersioned<Report>();
}
