namespace Innovation.Modules.Evaluation.Features.Questionnaires;

internal static class CreateQuestionnaire
{
    internal sealed record Command(QuestionnaireDraft Body, Caller Caller) : IRequest<Versioned<Questionnaire>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<QuestionnaireDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<Questionnaire>>
    {
        public async Task<Versioned<Questionnaire>> Handle(Command command, CancellationToken cancellationToken)
        {
            var academie = await command.Body.AcademieAsync(mediator, command.Caller, cancellationToken);
            var row = QuestionnaireTable.Row.From(command.Body, academie, time.GetUtcNow());
            await db.WriteAsync((c, t) => QuestionnaireTable.SaveAsync(c, t, row, null, command.Caller.Id, "create"), cancellationToken);
            return row.ToVersioned();
        }
    }

    public static void Map(IEndpointRouteBuilder questionnaires) =>
        questionnaires.MapCreate<QuestionnaireDraft, Questionnaire>("/", (body, caller) => new Command(body, caller),
                questionnaire => $"/api/v1/evaluation/questionnaires/{questionnaire.Id}")
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("CreateQuestionnaire")
            .WithSummary("Create a questionnaire")
            .WithDescription("Creates the first edition of a questionnaire of the académie: title, purpose (satisfaction, perceivedChange, "
                + "uncoveredNeeds, evaluationOfAccompaniment, other) and its questions (likert 1–5, singleChoice, multipleChoice, number, "
                + "freeText), each with a code responses name. Every invalid field is listed at once (400); an académie other than the "
                + "caller's is a 403 `academie_forbidden`.");
}
