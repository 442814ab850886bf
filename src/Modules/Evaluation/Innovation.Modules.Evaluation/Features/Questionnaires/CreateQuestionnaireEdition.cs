namespace Innovation.Modules.Evaluation.Features.Questionnaires;

internal static class CreateQuestionnaireEdition
{
    internal sealed record Command(Guid Id, QuestionnaireDraft Body, Caller Caller) : IRequest<Versioned<Questionnaire>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<QuestionnaireDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, Versioned<Questionnaire>>
    {
        public Task<Versioned<Questionnaire>> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var source = await QuestionnaireTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                if (!string.IsNullOrWhiteSpace(command.Body.Academie) && command.Body.Academie.Trim() != source.Academie)
                {
                    throw RequestValidationException.For("academie", $"An edition stays in its lineage's académie ({source.Academie}).");
                }

                var last = await c.QuerySingleAsync<int>(QuestionnaireTable.LastEditionSql, new { source.LineageId }, t);
                var row = QuestionnaireTable.Row.From(command.Body, source.Academie, time.GetUtcNow(), lineage: (source.LineageId, last + 1));
                await QuestionnaireTable.SaveAsync(c, t, row, null, command.Caller.Id, "createEdition");
                return row.ToVersioned();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder questionnaires) =>
        questionnaires.MapCreate<QuestionnaireDraft, Questionnaire>("/{id:guid}/editions", "id", (id, body, caller) => new Command(id, body, caller),
                questionnaire => $"/api/v1/evaluation/questionnaires/{questionnaire.Id}")
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("CreateQuestionnaireEdition")
            .WithSummary("Create a new edition of a questionnaire")
            .WithDescription("Creates the next edition of the questionnaire's lineage from the body (a whole questionnaire, as on creation), "
                + "in the same académie, with its own id: the way to change a questionnaire that already has answers, whose campaigns and "
                + "results keep the edition they used. A questionnaire of another académie is a 404.");
}
