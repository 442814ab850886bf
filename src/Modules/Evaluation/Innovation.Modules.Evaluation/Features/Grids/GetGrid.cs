namespace Innovation.Modules.Evaluation.Features.Grids;

internal static class GetGrid
{
    public static void Map(IEndpointRouteBuilder grids) =>
        grids.MapReadById("/{id:guid}",
                async (read, id, caller) => (await GridTable.FindVisibleAsync(read.Connection, id, caller)).ToVersioned())
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetGrid")
            .WithSummary("Read a self-positioning grid")
            .WithDescription("One grid with its criteria and levels. A grid of another académie is a 404. Answers 304 to If-None-Match.");
}
