namespace Innovation.Modules.Evaluation.Features.Reports;

internal static class GetReport
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapReadById("/{id:guid}",
                async (read, id, caller) => (await ReportTable.FindVisibleAsync(read.Connection, id, caller)).ToVersioned())
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetReport")
            .WithSummary("Read a practice narrative or a monograph")
            .WithDescription("One report. A report of another académie is a 404. Answers 304 to If-None-Match with its ETag.");
}
