namespace Innovation.Modules.Evaluation.Features.Questionnaires;

internal static class GetQuestionnaire
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<SavedQuestionnaire>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, SavedQuestionnaire>
    {
        public Task<SavedQuestionnaire> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c => (await QuestionnaireTable.FindVisibleAsync(c, query.Id, query.Caller)).ToSaved(), cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder questionnaires) =>
        questionnaires.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Query(id, http.Caller()), ct);
                return ETags.OkOrNotModified(http, saved.Version, saved.Questionnaire);
            })
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetQuestionnaire")
            .WithSummary("Read a questionnaire")
            .WithDescription("One edition of a questionnaire with its questions and whether it is answered (then frozen). A questionnaire of "
                + "another académie is a 404. Answers 304 to If-None-Match with its ETag.")
            .ReadsVersioned<Questionnaire>();
}
