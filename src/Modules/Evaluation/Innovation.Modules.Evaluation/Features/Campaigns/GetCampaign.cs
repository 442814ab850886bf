namespace Innovation.Modules.Evaluation.Features.Campaigns;

internal static class GetCampaign
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<SavedCampaign>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, SavedCampaign>
    {
        public Task<SavedCampaign> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c => (await CampaignTable.FindVisibleAsync(c, query.Id, query.Caller)).ToSaved(), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder campaigns) =>
        campaigns.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, saved.Version, saved.Campaign);
            })
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetCampaign")
            .WithSummary("Read a questionnaire campaign")
            .WithDescription("One campaign: its questionnaire, target, dates, anonymity and status. A campaign of another académie is a 404. "
                + "Answers 304 to If-None-Match with its ETag.")
            .ReadsVersioned<Campaign>();
}
