namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// A start-up backfill that runs until it has found nothing left to complete, then no more: its row in
/// <c>projects.start_backfill</c> (migration 0015) says so, and a start reads that row where the backfill would look through
/// every project. Rows written since the views and the term weights exist have both, so done stays done. A missing row
/// counts as not done.
/// </summary>
internal static class StartBackfill
{
    private const string DoneSql = "SELECT COUNT(*) FROM projects.start_backfill WHERE name = @Name AND done = 1";

    private const string RecordDoneSql = """
        UPDATE projects.start_backfill SET done = 1 WHERE name = @Name;
        INSERT INTO projects.start_backfill (name, done)
        SELECT @Name, 1 WHERE NOT EXISTS (SELECT 1 FROM projects.start_backfill WHERE name = @Name);
        """;

    public static async Task RunOnceAsync(Db db, string name, Func<Task> backfill, CancellationToken cancellationToken)
    {
        if (await db.ReadAsync(c => c.ExecuteScalarAsync<int>(DoneSql, new { Name = name }), cancellationToken) > 0)
        {
            return;
        }

        await backfill();
        await db.WriteAsync((c, t) => c.ExecuteAsync(RecordDoneSql, new { Name = name }, t), cancellationToken);
    }
}
