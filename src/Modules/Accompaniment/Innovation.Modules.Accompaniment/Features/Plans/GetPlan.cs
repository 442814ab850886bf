namespace Innovation.Modules.Accompaniment.Features.Plans;

internal static class GetPlan
{
    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapReadById("/plans/{id:guid}", async (read, id, caller) =>
            {
                var row = await PlanRules.FindVisibleAsync(read.Connection, id, caller);
                return new Versioned<AccompanimentPlan>(await PlanTable.LoadOneAsync(read.Db, read.Connection, row, read.Today), row.Version);
            })
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("GetAccompanimentPlan")
            .WithSummary("Read an accompaniment plan")
            .WithDescription("One plan with its types, goals, accompanists and pending revision. A plan of another académie is a 404. "
                + "Answers 304 to If-None-Match with its ETag.");
}
