using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.Modules.Projects;
using Microsoft.Data.Sqlite;

namespace Innovation.Api.Tests.Projects;

/// <summary>
/// SQLite migration 0007 rebuilds the search terms as a table clustered on its key (ADR 0010): the
/// terms of projects stored before it must all be there after it.
/// </summary>
public sealed class SearchTermsMigrationTests
{
    private const string Clustering = "0007_search_terms_without_rowid.sql";

    [Test]
    public void The_terms_stored_before_the_rebuild_are_kept_and_the_table_has_no_rowid()
    {
        var migrations = new ModuleSchema("projects", typeof(ProjectsModule).Assembly).Migrations(DatabaseProvider.Sqlite);
        var directory = Directory.CreateTempSubdirectory("search-terms-migration-");
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(directory.FullName, "projects.db")};Pooling=False");
            connection.Open();
            foreach (var (_, sql) in migrations.TakeWhile(m => !m.Name.EndsWith(Clustering, StringComparison.Ordinal)))
            {
                connection.Execute(sql);
            }

            // The connection enforces foreign keys, as the migrator's does (the native library's default).
            connection.Execute("""
                INSERT INTO project (id, academie, title, summary, status, levels, is_public, version, created_by, created_at, updated_by, updated_at)
                VALUES (@Id, '25', 'Titre', 'Résumé', 'draft', '', 0, 1, 'test', '2026-11-23', 'test', '2026-11-23')
                """, new[] { new { Id = "p1" }, new { Id = "p2" } });
            connection.Execute("INSERT INTO project_search_term (project_id, term) VALUES (@ProjectId, @Term)", new[]
            {
                new { ProjectId = "p1", Term = "classe" }, new { ProjectId = "p1", Term = "flexible" }, new { ProjectId = "p2", Term = "classe" },
            });

            connection.Execute(migrations.Single(m => m.Name.EndsWith(Clustering, StringComparison.Ordinal)).Sql);

            connection.Query<(string, string)>("SELECT project_id, term FROM project_search_term ORDER BY term, project_id")
                .Should().Equal(("p1", "classe"), ("p2", "classe"), ("p1", "flexible"));
            connection.ExecuteScalar<string>("SELECT sql FROM sqlite_master WHERE name = 'project_search_term'")
                .Should().Contain("WITHOUT ROWID");
            connection.Query<string>("SELECT name FROM pragma_index_list('project_search_term')")
                .Should().Contain("ix_project_search_term_term");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
