
namespace Innovation.Modules.Projects.Features.Valorisation;

internal static class WithdrawPrizeStanding
{
    internal const string DeleteSql = "DELETE FROM projects.project_prize WHERE project_id = @ProjectId AND year = @Year";

    internal sealed record Command(Guid Id, int Year, int? IfMatch, Caller Caller) : IRequest<ProjectValorisation>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, ProjectValorisation>
    {
        public Task<ProjectValorisation> Handle(Command command, CancellationToken cancellationToken) =>
            ValorisationTable.RemoveAsync(
                db, time, command.Id, command.IfMatch, command.Caller, DeleteSql, new { ProjectId = command.Id, command.Year },
                "prize standing", $"{command.Id}/{command.Year}", cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapDelete("/{id:guid}/prize/{year:int}", (Guid id, int year, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ValorisationRemoval.RemovedAsync(http, mediator, ifMatch => new Command(id, year, ifMatch, http.Caller()), ct))
            .RemovesValorisation(
                "WithdrawProjectPrizeStanding",
                "Take a project off a year's prize list",
                "Removes the project's candidate or laureate standing for `year` (404 when it has none). "
                + "Requires If-Match with the project's ETag; the new ETag comes back in the response header. Needs `projects:write`. "
                + "A project of another académie is a 404.");
}
