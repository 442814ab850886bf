using FluentValidation;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Innovation.Modules.Networks.Features.Networks;

internal static class UpdateNetworkObjective
{
    internal sealed record Command(Guid NetworkId, Guid ObjectiveId, ObjectiveDraft Body, int? IfMatch, Caller Caller) : IRequest<ObjectiveTable.Row>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ObjectiveDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db) : IRequestHandler<Command, ObjectiveTable.Row>
    {
        public Task<ObjectiveTable.Row> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkChildren.ChangeAsync<ObjectiveTable.Row>(
                db, command.NetworkId, command.ObjectiveId, command.IfMatch, command.Caller,
                ("objective", ObjectiveTable.FindSql, ObjectiveTable.UpdateSql),
                (_, _, network, current) =>
                {
                    var row = ObjectiveTable.Row.From(command.Body, current.Id, network.Id);
                    return Task.FromResult<ObjectiveTable.Row?>(current.SameDataAs(row) ? null : row);
                }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPut("/{id:guid}/objectives/{objectiveId:guid}", async (
                Guid id, Guid objectiveId, ObjectiveDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var row = await mediator.Send(new Command(id, objectiveId, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Ok(row.ToObjective());
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("UpdateNetworkObjective")
            .WithSummary("Replace an objective (e.g. its status)")
            .WithDescription("Replaces an objective's year, title, description and status. Requires If-Match with the objective's ETag.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<ObjectiveDraft>("application/json")
            .Produces<Objective>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
