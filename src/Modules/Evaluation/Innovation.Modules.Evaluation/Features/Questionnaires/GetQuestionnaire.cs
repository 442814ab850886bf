namespace Innovation.Modules.Evaluation.Features.Questionnaires;

internal static class GetQuestionnaire
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Versioned<Questionnaire>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Versioned<Questionnaire>>
    {
        public Task<Versioned<Questionnaire>> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c => (await QuestionnaireTable.FindVisibleAsync(c, query.Id, query.Caller)).ToVersioned(), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder questionnaires) =>
        questionnaires.MapRead("/{id:guid}", (id, caller) => new Query(id, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetQuestionnaire")
            .WithSummary("Read a questionnaire")
            .WithDescription("One edition of a questionnaire with its questions and whether it is answered (then frozen). A questionnaire of "
                + "another académie is a 404. Answers 304 to If-None-Match with its ETag.");
}
