namespace Innovation.Modules.Evaluation.Features.Campaigns;

/// <summary>A campaign's two steps: a draft is opened, an open campaign is closed (each publishes its event).</summary>
internal static class CampaignLifecycle
{
    internal sealed record Command(Guid Id, int? IfMatch, Caller Caller, CampaignStatus From, CampaignStatus To, string Refusal)
        : IRequest<Versioned<Campaign>>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, Versioned<Campaign>>
    {
        public Task<Versioned<Campaign>> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var row = await CampaignTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                if (row.CurrentStatus != command.From)
                {
                    throw ProblemException.Conflict("invalid_transition", $"{command.Refusal}; this one is {row.Status}.")
                        .With("campaignStatus", row.Status);
                }

                await CampaignTable.ChangeStatusAsync(c, t, row, command.To, time.GetUtcNow(), command.Caller.Id);
                return row.ToVersioned();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder campaigns)
    {
        Step(campaigns, "open", CampaignStatus.Draft, CampaignStatus.Open, "Only a draft campaign can be opened")
            .WithName("OpenCampaign")
            .WithSummary("Open a questionnaire campaign")
            .WithDescription("Opens a draft campaign: from its `opensOn` to its `closesOn` its respondents may answer. A campaign that is not a "
                + "draft is a 409 `invalid_transition`. Publishes `CampaignOpened`. A campaign of another académie is a 404. Requires "
                + "If-Match with the campaign's ETag.");
        Step(campaigns, "close", CampaignStatus.Open, CampaignStatus.Closed, "Only an open campaign can be closed")
            .WithName("CloseCampaign")
            .WithSummary("Close a questionnaire campaign")
            .WithDescription("Closes an open campaign: every later response is a 409 `campaign_closed` and its results are final. A campaign "
                + "that is not open is a 409 `invalid_transition`. Publishes `CampaignClosed`. A campaign of another académie is a 404. "
                + "Requires If-Match with the campaign's ETag.");
    }

    private static RouteHandlerBuilder Step(IEndpointRouteBuilder campaigns, string action, CampaignStatus from, CampaignStatus to,
        string refusal) =>
        campaigns.MapPost($"/{{id:guid}}/{action}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Command(id, ETags.RequiredIfMatch(http.Request), http.Caller(), from, to, refusal), ct);
                return ETags.Saved(http, saved.Version, saved.Value);
            })
            .RequireAuthorization(Scopes.EvaluationWrite)
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces<Campaign>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
