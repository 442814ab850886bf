namespace Innovation.Modules.Evaluation.Features.Reports;

internal static class GetReport
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Versioned<Report>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Versioned<Report>>
    {
        public Task<Versioned<Report>> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c => (await ReportTable.FindVisibleAsync(c, query.Id, query.Caller)).ToVersioned(), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapRead("/{id:guid}", (id, caller) => new Query(id, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetReport")
            .WithSummary("Read a practice narrative or a monograph")
            .WithDescription("One report. A report of another académie is a 404. Answers 304 to If-None-Match with its ETag.");
}
