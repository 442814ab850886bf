using Microsoft.Extensions.Hosting;

namespace Innovation.Modules.Projects.Features.Search;

/// <summary>
/// Projects' full-text index (ADR 0013), read side: the terms of a project's title, summary and canvas
/// in <c>projects.project_search_term</c>, each weighted by the field it came from, are written by the
/// table file (<see cref="ProjectTable.WriteSearchTermsAsync"/>). A query word matches a term it begins
/// ("pedago" finds "pédagogique"); several words are AND-ed (<see cref="ProjectFilterSql.Where"/>), and
/// <see cref="ScoreSql"/> ranks the matches.
/// </summary>
internal static class ProjectSearchIndex
{
    /// <summary>
    /// A project's relevance to the query words <c>@Q1</c>…<c>@Q5</c> (alias <c>p</c>): for each word, the
    /// weight of the best field it begins a word of (title 2, summary or canvas 1). Every word is required,
    /// so the sum says how many of them the title holds.
    /// </summary>
    internal const string ScoreSql = """
        COALESCE((SELECT MAX(s1.weight) FROM projects.project_search_term s1 WHERE s1.project_id = p.id AND s1.term LIKE @Q1 ESCAPE '\'), 0)
            + COALESCE((SELECT MAX(s2.weight) FROM projects.project_search_term s2 WHERE s2.project_id = p.id AND s2.term LIKE @Q2 ESCAPE '\'), 0)
            + COALESCE((SELECT MAX(s3.weight) FROM projects.project_search_term s3 WHERE s3.project_id = p.id AND s3.term LIKE @Q3 ESCAPE '\'), 0)
            + COALESCE((SELECT MAX(s4.weight) FROM projects.project_search_term s4 WHERE s4.project_id = p.id AND s4.term LIKE @Q4 ESCAPE '\'), 0)
            + COALESCE((SELECT MAX(s5.weight) FROM projects.project_search_term s5 WHERE s5.project_id = p.id AND s5.term LIKE @Q5 ESCAPE '\'), 0)
        """;

    /// <summary>Projects whose terms were stored before terms had weights (migration 0008 gave them 0).</summary>
    internal const string UnweightedSql = """
        SELECT id AS Id, title AS Title, summary AS Summary, needs AS Needs, objectives AS Objectives, actors AS Actors,
               resources AS Resources, key_steps AS KeySteps, evaluation_indicators AS EvaluationIndicators
        FROM projects.project
        WHERE id IN (SELECT project_id FROM projects.project_search_term WHERE weight = 0)
        ORDER BY id
        {{limit @Take}}
        """;

    /// <summary>
    /// Weighs the terms of projects stored before terms had weights, before the API serves its first
    /// request (hosted services start before the server listens). Until then they are found as before. Once it has found
    /// none, a start no longer looks.
    /// </summary>
    internal sealed class Backfill(Db db) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => StartBackfill.RunOnceAsync(db, "search_term_weights", async () =>
        {
            var sql = db.Sql(UnweightedSql);
            while ((await db.ReadAsync(c => c.QueryAsync<ProjectTable.Row>(sql, new { Take = 200 }), cancellationToken)).AsList() is
                   { Count: > 0 } rows)
            {
                await db.WriteAsync(async (c, t) =>
                {
                    foreach (var row in rows)
                    {
                        await ProjectTable.WriteSearchTermsAsync(c, t, row);
                    }
                }, cancellationToken);
            }
        }, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
