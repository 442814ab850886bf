using System.Text.Json;
using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Modules.Networks.Features.Relays;

/// <summary>A decision on a relay's progression.</summary>
/// <param name="Decision">promote (next year), hold (same year again) or stop.</param>
/// <param name="On" example="2026-09-01">Date of the decision: not before the previous one.</param>
/// <param name="ToYear" example="2">Optional check on a promotion: the year it leads to (must be the next one).</param>
/// <param name="CpcId">The CPC the teacher continues with: required to enter year 2.</param>
internal sealed record RelayDecisionDraft(RelayDecision? Decision, DateOnly? On, int? ToYear, Guid? CpcId);

internal static class DecideRelay
{
    internal sealed record Command(Guid NetworkId, Guid RelayId, RelayDecisionDraft Body, int? IfMatch, Caller Caller) : IRequest<RelayTable.Row>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Decision).NotNull().OverridePropertyName("decision");
            RuleFor(c => c.Body.On).NotNull().OverridePropertyName("on");
            RuleFor(c => c.Body.ToYear).InclusiveBetween(1, RelayProgression.LastYear).OverridePropertyName("toYear");
        }
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, RelayTable.Row>
    {
        public Task<RelayTable.Row> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkChildren.ChangeAsync<RelayTable.Row>(
                db, time, command.NetworkId, command.RelayId, command.IfMatch, command.Caller, RelayTable.Child,
                async (c, t, network, row) =>
                {
                    var body = command.Body;
                    var (year, refusal) = RelayProgression.Decide(
                        row.Stage, row.Status == StableCode.Of(RelayStatus.Stopped), Periods.Date(row.LastDate)!.Value,
                        body.Decision!.Value, body.On!.Value, body.ToYear, body.CpcId);
                    if (refusal is not null)
                    {
                        throw refusal.Status == 400
                            ? RequestValidationException.For(refusal.Field, refusal.Message)
                            : ProblemException.Conflict(refusal.Code, refusal.Message);
                    }

                    if (body.CpcId is { } cpc)
                    {
                        await PersonDirectory.RequireAsync(c, t, cpc, network.Academie, "cpcId");
                    }

                    var steps = row.StepList;
                    steps.Add(new RelayStep(body.Decision.Value, year, body.On.Value, body.CpcId));
                    row.Stage = year;
                    row.CpcId = body.CpcId ?? row.CpcId;
                    row.Status = StableCode.Of(body.Decision == RelayDecision.Stop ? RelayStatus.Stopped : RelayStatus.Active);
                    row.LastDate = Periods.Text(body.On)!;
                    row.Steps = JsonSerializer.Serialize(steps, RelayTable.StepsJson);
                    return row;
                }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGroup("/networks").WithTags("Relays")
            .MapPost("/{id:guid}/relays/{relayId:guid}/decisions", async (
                Guid id, Guid relayId, RelayDecisionDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                int? ifMatch = string.IsNullOrWhiteSpace(http.Request.Headers.IfMatch) ? null : ETags.RequiredIfMatch(http.Request);
                var row = await mediator.Send(new Command(id, relayId, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Ok(row.ToRelay());
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("DecideRelay")
            .WithSummary("Promote, hold or stop a relay")
            .WithDescription("Records a dated decision: `promote` to the next year (year 2 needs `cpcId`, the CPC the teacher continues with; "
                + "409 `relay_year_skipped` if `toYear` is not the next year: no year 3 without year 2; 409 `relay_at_last_year` beyond year 3), "
                + "`hold` (the same year again) or `stop`. Decisions are dated in order (409 `relay_dates_out_of_order`) and nothing follows a stop "
                + "(409 `relay_stopped`). An If-Match with the relay's ETag is honoured when sent.")
            .ReturnsETag()
            .Accepts<RelayDecisionDraft>("application/json")
            .Produces<Relay>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
