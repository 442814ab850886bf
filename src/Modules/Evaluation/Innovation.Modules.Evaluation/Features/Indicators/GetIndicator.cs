namespace Innovation.Modules.Evaluation.Features.Indicators;

internal static class GetIndicator
{
    public static void Map(IEndpointRouteBuilder indicators) =>
        indicators.MapReadById("/{id:guid}",
                async (read, id, caller) => (await IndicatorTable.FindVisibleAsync(read.Connection, id, caller)).ToVersioned())
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetIndicator")
            .WithSummary("Read an indicator")
            .WithDescription("One indicator. An indicator of another académie is a 404. Answers 304 to If-None-Match with its ETag.");
}
