namespace Innovation.Modules.Evaluation.Features.Campaigns;

internal static class CloseCampaign
{
    internal sealed record Command(Guid Id, int? IfMatch, Caller Caller) : IRequest<SavedCampaign>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, SavedCampaign>
    {
        public Task<SavedCampaign> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var row = await CampaignTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                if (command.IfMatch is { } expected && expected != row.Version)
                {
                    throw ETags.Stale(row.Version);
                }

                if (row.CurrentStatus != CampaignStatus.Open)
                {
                    throw ProblemException.Conflict("invalid_transition", $"Only an open campaign can be closed; this one is {row.Status}.")
                        .With("campaignStatus", row.Status);
                }

                await CampaignTable.ChangeStatusAsync(c, t, row, CampaignStatus.Closed, time.GetUtcNow(), command.Caller.Id);
                return row.ToSaved();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder campaigns) =>
        campaigns.MapPost("/{id:guid}/close", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Command(id, ETags.RequiredIfMatch(http.Request), http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(saved.Version);
                return TypedResults.Ok(saved.Campaign);
            })
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("CloseCampaign")
            .WithSummary("Close a questionnaire campaign")
            .WithDescription("Closes an open campaign: every later response is a 409 `campaign_closed` and its results are final. A campaign "
                + "that is not open is a 409 `invalid_transition`. Publishes `CampaignClosed`. A campaign of another académie is a 404. "
                + "Requires If-Match with the campaign's ETag.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces<Campaign>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
