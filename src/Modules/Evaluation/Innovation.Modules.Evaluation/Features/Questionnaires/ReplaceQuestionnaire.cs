namespace Innovation.Modules.Evaluation.Features.Questionnaires;

internal static class ReplaceQuestionnaire
{
    internal sealed record Command : VersionedChange<QuestionnaireDraft, Questionnaire>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<QuestionnaireDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<Questionnaire>>
    {
        public async Task<Versioned<Questionnaire>> Handle(Command command, CancellationToken cancellationToken)
        {
            var named = string.IsNullOrWhiteSpace(command.Body.Academie)
                ? null
                : await command.Body.AcademieAsync(mediator, command.Caller, cancellationToken);
            return await db.WriteAsync(async (c, t) =>
            {
                var current = await QuestionnaireTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                if (current.IsBuiltIn)
                {
                    throw ProblemException.Conflict("builtin_questionnaire",
                        "The built-in evaluation of accompaniment is the same for every accompaniment: create your own questionnaire instead.");
                }

                if (current.IsAnswered)
                {
                    throw QuestionnaireTable.Answered(current.Id);
                }

                ETags.EnsureCurrent(command.IfMatch, current.Version);

                if (named is not null && named != current.Academie)
                {
                    throw RequestValidationException.For("academie", $"A questionnaire stays in its académie ({current.Academie}).");
                }

                var row = QuestionnaireTable.Row.From(command.Body, current.Academie, time.GetUtcNow(), current);
                await QuestionnaireTable.SaveAsync(c, t, row, current, command.Caller.Id, "update");
                return row.ToVersioned();
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder questionnaires) =>
        questionnaires.MapChange<Command, QuestionnaireDraft, Questionnaire>("PUT", "/{id:guid}", StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("ReplaceQuestionnaire")
            .WithSummary("Replace a questionnaire")
            .WithDescription("Replaces the title, purpose, description and questions of a questionnaire that has no answer yet. Once a "
                + "campaign of it has a response, the answers must keep the questions they answered: a change is a 409 "
                + "`questionnaire_answered` whose `newEdition` names the route creating a new edition. The built-in evaluation of "
                + "accompaniment is a 409 `builtin_questionnaire`. A questionnaire of another académie is a 404. Requires If-Match.");
}
