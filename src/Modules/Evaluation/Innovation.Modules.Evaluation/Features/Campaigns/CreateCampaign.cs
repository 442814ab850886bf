using System.Data.Common;
using Innovation.Modules.Evaluation.Features.Questionnaires;
using Innovation.Modules.Evaluation.Features.ReadModels;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

internal static class CreateCampaign
{
    internal sealed record Command(CampaignDraft Body, Caller Caller) : IRequest<Versioned<Campaign>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<CampaignDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<Campaign>>
    {
        public async Task<Versioned<Campaign>> Handle(Command command, CancellationToken cancellationToken)
        {
            // A project submitted a moment ago may not have reached the read model yet (ADR 0026).
            if (command.Body.Target is { Type: CampaignTargetType.Project, Id: { } projectId })
            {
                await ProjectReadModel.CatchUpAsync(db, mediator, projectId, cancellationToken);
            }

            return await db.WriteAsync(async (c, t) =>
            {
                var body = command.Body;
                var questionnaire = await c.QuerySingleOrDefaultAsync<QuestionnaireTable.Row>(QuestionnaireTable.FindSql,
                    new { Id = body.QuestionnaireId }, t);
                if (questionnaire is null || !command.Caller.Sees(questionnaire.Academie))
                {
                    throw RequestValidationException.For("questionnaireId", $"No questionnaire '{body.QuestionnaireId}' is visible to you.");
                }

                await CheckTargetAsync(c, t, body.Target!, questionnaire.Academie, command.Caller);
                var now = time.GetUtcNow();
                var row = new CampaignTable.Row
                {
                    Id = SortableId.New(),
                    Academie = questionnaire.Academie,
                    QuestionnaireId = questionnaire.Id,
                    Title = body.Title!.Trim(),
                    TargetType = StableCode.Of(body.Target!.Type!.Value),
                    TargetId = body.Target.Id!.Value,
                    OpensOn = body.OpensOn!.Value,
                    ClosesOn = body.ClosesOn!.Value,
                    IsAnonymous = body.Anonymous ?? true,
                    Status = StableCode.Of(CampaignStatus.Draft),
                    Version = 1,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                await CampaignTable.InsertAsync(c, t, row, command.Caller.Id);
                return row.ToVersioned();
            }, cancellationToken);
        }

        /// <summary>
        /// The 404 of a target Evaluation does not know or that the caller does not see (the module's read models), and the 400 of one
        /// of another académie than the questionnaire's.
        /// </summary>
        private static async Task CheckTargetAsync(DbConnection c, DbTransaction t, CampaignTarget target, string academie, Caller caller)
        {
            var id = target.Id!.Value;
            var targetAcademie = target.Type switch
            {
                CampaignTargetType.Project => (await ProjectReadModel.FindVisibleAsync(c, id, caller, t)).Academie,
                CampaignTargetType.Network => (await NetworkReadModel.FindVisibleAsync(c, id, caller, t)).Academie,
                _ => (await AccompanimentPlanReadModel.FindVisibleAsync(c, id, caller, t)).Academie,
            };
            if (targetAcademie != academie)
            {
                throw RequestValidationException.For("target.id", $"The target is of académie {targetAcademie} and the questionnaire of "
                    + $"{academie}: send a questionnaire of the target's académie.");
            }
        }
    }

    public static void Map(IEndpointRouteBuilder campaigns) =>
        campaigns.MapCreate<CampaignDraft, Campaign>("/", (body, caller) => new Command(body, caller),
                campaign => $"/api/v1/evaluation/campaigns/{campaign.Id}", StatusCodes.Status404NotFound)
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("CreateCampaign")
            .WithSummary("Create a questionnaire campaign")
            .WithDescription("Prepares (status `draft`) the sending of a questionnaire edition to a project, a network or an accompaniment "
                + "plan between two dates. Anonymous by default: its responses then hold no respondent identity at all, and its results "
                + "show only from the anonymity threshold on (`Evaluation:AnonymityThreshold`, default 5). The campaign belongs to the "
                + "questionnaire's académie, which must be the target's; a questionnaire the caller does not see is a 400 naming "
                + "`questionnaireId`, a target Evaluation does not know or the caller does not see a 404 (a project is known from its "
                + "submission, a network from its creation, an accompaniment plan from its proposal). Open it with `POST …/open`.");
}
