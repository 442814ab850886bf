using Innovation.Modules.Projects.Contracts;

namespace Innovation.Modules.Projects.Features.Lifecycle;

/// <summary>Answers <see cref="FindProject"/> for other modules: the snapshot the latest lifecycle event carried, read now.</summary>
internal sealed class ProjectLifecycleQuery(Db db) : IRequestHandler<FindProject, ProjectLifecycleSnapshot?>
{
    internal const string LastTransitionSql = """
        SELECT from_status AS FromStatus, occurred_at AS OccurredAt FROM projects.project_transition
        WHERE project_id = @Id AND sequence = (SELECT MAX(sequence) FROM projects.project_transition WHERE project_id = @Id)
        """;

    public Task<ProjectLifecycleSnapshot?> Handle(FindProject request, CancellationToken cancellationToken) =>
        db.ReadAsync(async c =>
        {
            var record = await ProjectTable.LoadAsync(c, request.ProjectId);
            if (record is null || record.Row.Status == StableCode.Of(ProjectStatus.Draft))
            {
                return null;
            }

            var last = await c.QuerySingleAsync<LastTransition>(LastTransitionSql, new { Id = request.ProjectId });
            return ProjectLifecycle.Snapshot(record, StableCode.Parse<ProjectStatus>(last.FromStatus!), last.OccurredAt);
        }, cancellationToken);

    internal sealed class LastTransition
    {
        public string? FromStatus { get; set; }
        public DateTimeOffset OccurredAt { get; set; }
    }
}
