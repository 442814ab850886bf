namespace Innovation.Modules.Evaluation.Features.Questionnaires;

internal static class GetQuestionnaire
{
    public static void Map(IEndpointRouteBuilder questionnaires) =>
        questionnaires.MapReadById("/{id:guid}",
                async (read, id, caller) => (await QuestionnaireTable.FindVisibleAsync(read.Connection, id, caller)).ToVersioned())
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetQuestionnaire")
            .WithSummary("Read a questionnaire")
            .WithDescription("One edition of a questionnaire with its questions and whether it is answered (then frozen). A questionnaire of "
                + "another académie is a 404. Answers 304 to If-None-Match with its ETag.");
}
