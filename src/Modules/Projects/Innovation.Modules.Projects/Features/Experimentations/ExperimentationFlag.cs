using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Experimentation.Contracts;

namespace Innovation.Modules.Projects.Features.Experimentations;

/// <summary>
/// A project is an official experimentation from the DASEN's approval of one of its experimentations, and stays one once it is
/// closed: <c>has_experimentation</c> (the list's <c>hasExperimentation</c> filter, the project's field) is set by these events and
/// by nothing else. The project moves one version up, so its ETag no longer matches what a client read before. Runs once per event.
/// </summary>
internal sealed class ExperimentationFlag(Db db, TimeProvider time) :
    INotificationHandler<IntegrationEvent<ExperimentationApproved>>,
    INotificationHandler<IntegrationEvent<ExperimentationClosed>>
{
    internal const string FlagSql = """
        UPDATE projects.project SET has_experimentation = 1, version = version + 1 WHERE id = @ProjectId AND has_experimentation = 0
        """;

    public Task Handle(IntegrationEvent<ExperimentationApproved> notification, CancellationToken cancellationToken) =>
        FlagAsync(notification.Id, notification.Payload.Experimentation.ProjectId, cancellationToken);

    public Task Handle(IntegrationEvent<ExperimentationClosed> notification, CancellationToken cancellationToken) =>
        FlagAsync(notification.Id, notification.Payload.Experimentation.ProjectId, cancellationToken);

    private Task FlagAsync(Guid eventId, Guid projectId, CancellationToken cancellationToken) =>
        db.ProcessOnceAsync(ProjectsModule.Schema, nameof(ExperimentationFlag), eventId, time.GetUtcNow(),
            (c, t) => c.ExecuteAsync(FlagSql, new { ProjectId = projectId }, t), cancellationToken);
}
