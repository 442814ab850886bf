using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Experimentation.Contracts;
using Innovation.Modules.Experimentation.Features.Experimentations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Innovation.Modules.Experimentation.Features.Reviews;

/// <summary>
/// Announces each review that passed its due date unsubmitted, once: a pass (every <c>Experimentation:OverdueCheckInterval</c>, an hour
/// by default) marks the review's <c>overdue_announced_at</c> and writes <c>ReviewOverdue</c> in the same transaction. The mark is set
/// only where it was empty, so two instances never announce one review twice. "Today" comes from the injected clock.
/// </summary>
internal sealed class OverdueReviews(Db db, TimeProvider time, IConfiguration configuration, ILogger<OverdueReviews> logger) : BackgroundService
{
    internal const string DueSql = """
        SELECT r.id AS Id, r.experimentation_id AS ExperimentationId
        FROM experimentation.review r JOIN experimentation.experimentation e ON e.id = r.experimentation_id
        WHERE r.submitted_at IS NULL AND r.overdue_announced_at IS NULL AND r.due_on < @Today
          AND e.status IN ('approved', 'adopted', 'enteredInSchoolProject', 'running')
        """;

    internal const string MarkSql = """
        UPDATE experimentation.review SET overdue_announced_at = @Now WHERE id = @Id AND overdue_announced_at IS NULL
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Experimentation:OverdueCheckInterval", TimeSpan.FromHours(1));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await AnnounceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Announcing overdue reviews failed; the next pass will retry.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: every overdue review not yet announced is announced, in one transaction.</summary>
    internal Task AnnounceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Today.Of(time);
        return db.WriteAsync(async (c, t) =>
        {
            foreach (var due in (await c.QueryAsync<DueReview>(DueSql, new { Today = today }, t)).ToList())
            {
                if (await c.ExecuteAsync(MarkSql, new { due.Id, Now = now }, t) == 0)
                {
                    continue;
                }

                var row = await c.QuerySingleAsync<ExperimentationTable.Row>(ExperimentationTable.FindSql, new { Id = due.ExperimentationId }, t);
                var view = await ExperimentationTable.LoadOneAsync(db, c, row, today, t);
                var review = view.Reviews.Single(r => r.Id == due.Id);
                await Outbox.EnqueueAsync(c, t, ExperimentationModule.Schema,
                    new ReviewOverdue(ExperimentationTable.Snapshot(row, view.Departements), review.ToSnapshot()), now);
            }
        }, cancellationToken);
    }

    internal sealed class DueReview
    {
        public Guid Id { get; set; }
        public Guid ExperimentationId { get; set; }
    }
}
