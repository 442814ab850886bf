namespace Innovation.Modules.Evaluation.Features.Campaigns;

internal static class GetCampaign
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Versioned<Campaign>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Versioned<Campaign>>
    {
        public Task<Versioned<Campaign>> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c => (await CampaignTable.FindVisibleAsync(c, query.Id, query.Caller)).ToVersioned(), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder campaigns) =>
        campaigns.MapRead("/{id:guid}", (id, caller) => new Query(id, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetCampaign")
            .WithSummary("Read a questionnaire campaign")
            .WithDescription("One campaign: its questionnaire, target, dates, anonymity and status. A campaign of another académie is a 404. "
                + "Answers 304 to If-None-Match with its ETag.");
}
