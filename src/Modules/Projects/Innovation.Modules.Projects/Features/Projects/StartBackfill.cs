namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// A start-up backfill that runs until it has found nothing left to complete, then no more: its row in
/// <c>projects.start_backfill</c> (migration 0015) says so, and a start reads that row where the backfill would look through
/// every project. Rows written since the views and the term weights exist have both, so done stays done. A missing row
/// counts as not done.
/// </summary>
internal static class StartBackfill
{
    private const string DoneSql = "SELECT COUNT(*) FROM projects.start_backfill WHERE backfill = @Backfill AND done = 1";

    private const string RecordDoneSql = """
        UPDATE projects.start_backfill SET done = 1 WHERE backfill = @Backfill;
        INSERT INTO projects.start_backfill (backfill, done)
        SELECT @Backfill, 1 WHERE NOT EXISTS (SELECT 1 FROM projects.start_backfill WHERE backfill = @Backfill);
        """;

    public static async Task RunOnceAsync(Db db, string name, Func<Task> backfill, CancellationToken cancellationToken)
    {
        if (await db.ReadAsync(c => c.ExecuteScalarAsync<int>(DoneSql, new { Backfill = name }), cancellationToken) > 0)
        {
            return;
        }

        await backfill();
        await db.WriteAsync((c, t) => c.ExecuteAsync(RecordDoneSql, new { Backfill = name }, t), cancellationToken);
    }
}
