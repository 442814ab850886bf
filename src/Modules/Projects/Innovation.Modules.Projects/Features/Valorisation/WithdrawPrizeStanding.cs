namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class WithdrawPrizeStanding
{
    internal const string DeleteSql = "DELETE FROM projects.project_prize WHERE project_id = @ProjectId AND year = @Year";

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapDelete("/{id:guid}/prize/{year:int}", (Guid id, int year, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ValorisationRemoval.RemovedAsync(http, mediator, (ifMatch, caller) => new ValorisationRemoval(
                    id, DeleteSql, new { ProjectId = id, Year = year }, "prize standing", $"{id}/{year}", ifMatch, caller), ct))
            .RemovesValorisation("WithdrawProjectPrizeStanding", "Take a project off a year's prize list",
                "Removes the project's candidate or laureate standing for `year` (404 when it has none).");
}
