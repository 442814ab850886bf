namespace Innovation.Modules.Evaluation.Features.Campaigns;

internal static class OpenCampaign
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

                if (row.CurrentStatus != CampaignStatus.Draft)
                {
                    throw ProblemException.Conflict("invalid_transition", $"Only a draft campaign can be opened; this one is {row.Status}.")
                        .With("campaignStatus", row.Status);
                }

                await CampaignTable.ChangeStatusAsync(c, t, row, CampaignStatus.Open, time.GetUtcNow(), command.Caller.Id);
                return row.ToSaved();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder campaigns) =>
        campaigns.MapPost("/{id:guid}/open", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Command(id, ETags.RequiredIfMatch(http.Request), http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(saved.Version);
                return TypedResults.Ok(saved.Campaign);
            })
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("OpenCampaign")
            .WithSummary("Open a questionnaire campaign")
            .WithDescription("Opens a draft campaign: from its `opensOn` to its `closesOn` its respondents may answer. A campaign that is not a "
                + "draft is a 409 `invalid_transition`. Publishes `CampaignOpened`. A campaign of another académie is a 404. Requires "
                + "If-Match with the campaign's ETag.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces<Campaign>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
