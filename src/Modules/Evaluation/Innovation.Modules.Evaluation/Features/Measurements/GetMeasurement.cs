namespace Innovation.Modules.Evaluation.Features.Measurements;

internal static class GetMeasurement
{
    /// <summary>One step of a measurement's history.</summary>
    /// <param name="Action">submit, correct, import, approve or return.</param>
    /// <param name="Status">The status the step left: submitted, approved or returned.</param>
    /// <param name="Value" example="14.5">The value at that step.</param>
    /// <param name="Reason">The reason of a return.</param>
    /// <param name="OccurredAt">When.</param>
    internal sealed record MeasurementStep(string Action, MeasurementStatus Status, double Value, string? Reason, DateTimeOffset OccurredAt);

    internal sealed class StepRow
    {
        public string Action { get; set; } = "";
        public string Status { get; set; } = "";
        public double Value { get; set; }
        public string? Reason { get; set; }
        public DateTimeOffset OccurredAt { get; set; }
    }

    internal sealed record HistoryQuery(Guid Id, Caller Caller) : IRequest<IReadOnlyList<MeasurementStep>>;

    internal sealed class Handler(Db db) : IRequestHandler<HistoryQuery, IReadOnlyList<MeasurementStep>>
    {
        public Task<IReadOnlyList<MeasurementStep>> Handle(HistoryQuery query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var row = await MeasurementTable.FindVisibleAsync(c, query.Id, query.Caller);
                var steps = await c.QueryAsync<StepRow>(MeasurementTable.HistorySql, new { row.Id });
                return (IReadOnlyList<MeasurementStep>)[.. steps.Select(s =>
                    new MeasurementStep(s.Action, StableCode.Parse<MeasurementStatus>(s.Status), s.Value, s.Reason, s.OccurredAt))];
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder measurements)
    {
        measurements.MapReadById("/{id:guid}",
                async (read, id, caller) => (await MeasurementTable.FindVisibleAsync(read.Connection, id, caller)).ToVersioned())
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetMeasurement")
            .WithSummary("Read a measurement")
            .WithDescription("One measurement and its status. A measurement of another académie is a 404. Answers 304 to If-None-Match with "
                + "its ETag.");

        measurements.MapGet("/{id:guid}/history", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new HistoryQuery(id, http.Caller()), ct)))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetMeasurementHistory")
            .WithSummary("Read a measurement's history")
            .WithDescription("Every value and decision of a measurement, oldest first: submissions, corrections, imports, approvals and "
                + "returns with their reasons (who made them is in the audit trail). A measurement of another académie is a 404.")
            .Produces<IReadOnlyList<MeasurementStep>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
