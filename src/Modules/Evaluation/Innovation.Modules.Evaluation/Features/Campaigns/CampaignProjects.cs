using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Projects.Contracts;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

/// <summary>
/// The départements of the projects, from the Projects lifecycle events, so that the evaluation of a closed accompaniment can be
/// grouped by département (its <c>AccompanimentClosed</c> carries only the project's id). Kept by this feature alone, apart from the
/// dashboard's read models, so that each part of the module stands on its own; an older version changes nothing.
/// </summary>
internal sealed class CampaignProjects(Db db, TimeProvider time) :
    INotificationHandler<IntegrationEvent<ProjectSubmitted>>,
    INotificationHandler<IntegrationEvent<ProjectValidated>>,
    INotificationHandler<IntegrationEvent<ProjectStarted>>
{
    internal const string UpdateSql = """
        UPDATE evaluation.campaign_project SET academie = @Academie, departements = @Departements, version = @Version
        WHERE project_id = @ProjectId AND version < @Version
        """;

    internal const string InsertSql = """
        INSERT INTO evaluation.campaign_project (project_id, academie, departements, version)
        SELECT @ProjectId, @Academie, @Departements, @Version
        WHERE NOT EXISTS (SELECT 1 FROM evaluation.campaign_project WHERE project_id = @ProjectId)
        """;

    internal const string DepartementsSql = "SELECT departements FROM evaluation.campaign_project WHERE project_id = @ProjectId";

    public Task Handle(IntegrationEvent<ProjectSubmitted> notification, CancellationToken cancellationToken) =>
        ApplyAsync(notification.Id, notification.Payload.Project, cancellationToken);

    public Task Handle(IntegrationEvent<ProjectValidated> notification, CancellationToken cancellationToken) =>
        ApplyAsync(notification.Id, notification.Payload.Project, cancellationToken);

    public Task Handle(IntegrationEvent<ProjectStarted> notification, CancellationToken cancellationToken) =>
        ApplyAsync(notification.Id, notification.Payload.Project, cancellationToken);

    private Task ApplyAsync(Guid eventId, ProjectLifecycleSnapshot project, CancellationToken cancellationToken) =>
        db.ProcessOnceAsync(EvaluationModule.Schema, nameof(CampaignProjects), eventId, time.GetUtcNow(), async (c, t) =>
        {
            var row = new { project.ProjectId, project.Academie, Departements = CampaignTable.Row.Join(project.Departements) ?? "", project.Version };
            await c.ExecuteAsync(UpdateSql, row, t);
            await c.ExecuteAsync(InsertSql, row, t);
        }, cancellationToken);
}
