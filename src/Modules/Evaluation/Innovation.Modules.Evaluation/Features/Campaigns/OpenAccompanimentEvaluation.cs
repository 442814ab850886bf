using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Accompaniment.Contracts;
using Innovation.Modules.Evaluation.Features.Questionnaires;
using Innovation.Modules.Evaluation.Features.ReadModels;
using Microsoft.Extensions.Configuration;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

/// <summary>
/// <c>AccompanimentClosed</c>: opens the evaluation of the accompaniment on its four levels, an anonymous campaign of the académie's
/// built-in questionnaire (created with the académie's first one) sent to the plan's carriers and accompanists, from the day of
/// the closing for <c>Evaluation:AccompanimentEvaluationDays</c> days; it keeps the plan's types and the project's départements
/// for the results. Publishes <c>CampaignOpened</c>.
/// </summary>
internal sealed class OpenAccompanimentEvaluation(Db db, TimeProvider time, IConfiguration configuration)
    : INotificationHandler<IntegrationEvent<AccompanimentClosed>>
{
    internal const string BuiltInSql = QuestionnaireTable.SelectSql + "\nWHERE academie = @Academie AND is_builtin = 1";

    public Task Handle(IntegrationEvent<AccompanimentClosed> notification, CancellationToken cancellationToken)
    {
        var plan = notification.Payload.Plan;
        var now = time.GetUtcNow();
        var days = Math.Max(1, configuration.GetValue(AccompanimentEvaluation.DaysSetting, AccompanimentEvaluation.DefaultDays));
        return db.ProcessOnceAsync(EvaluationModule.Schema, nameof(OpenAccompanimentEvaluation), notification.Id, now, async (c, t) =>
        {
            var questionnaire = await c.QuerySingleOrDefaultAsync<QuestionnaireTable.Row>(BuiltInSql, new { plan.Academie }, t);
            if (questionnaire is null)
            {
                questionnaire = QuestionnaireTable.Row.From(AccompanimentEvaluation.Draft(plan.Academie), plan.Academie, now);
                questionnaire.IsBuiltIn = true;
                await QuestionnaireTable.SaveAsync(c, t, questionnaire, null, AuditEntry.SystemActor, "create");
            }

            var departements = await c.QueryAsync<string>(ProjectReadModel.DepartementsSql, new { plan.ProjectId }, t);
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var campaign = new CampaignTable.Row
            {
                Id = SortableId.New(now),
                Academie = plan.Academie,
                QuestionnaireId = questionnaire.Id,
                Title = "Évaluation de l'accompagnement",
                TargetType = StableCode.Of(CampaignTargetType.Accompaniment),
                TargetId = plan.PlanId,
                OpensOn = today,
                ClosesOn = today.AddDays(days - 1),
                IsAnonymous = true,
                Status = StableCode.Of(CampaignStatus.Open),
                ProjectId = plan.ProjectId,
                AccompanimentTypes = CampaignTable.Row.Join(plan.Types),
                Departements = CampaignTable.Row.Join(departements),
                Version = 1,
                CreatedAt = now,
                UpdatedAt = now,
            };
            await CampaignTable.InsertAsync(c, t, campaign, AuditEntry.SystemActor);
        }, cancellationToken);
    }
}
