namespace Innovation.Modules.Evaluation.Features.Campaigns;

internal static class GetCampaign
{
    public static void Map(IEndpointRouteBuilder campaigns) =>
        campaigns.MapReadById("/{id:guid}",
                async (read, id, caller) => (await CampaignTable.FindVisibleAsync(read.Connection, id, caller)).ToVersioned())
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetCampaign")
            .WithSummary("Read a questionnaire campaign")
            .WithDescription("One campaign: its questionnaire, target, dates, anonymity and status. A campaign of another académie is a 404. "
                + "Answers 304 to If-None-Match with its ETag.");
}
