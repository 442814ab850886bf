using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.Modules.Evaluation;
using Microsoft.Data.Sqlite;

namespace Innovation.Api.Tests.Evaluation;

/// <summary>
/// SQLite migrations 0032 and 0033: the plans whose closing opened an evaluation are known to the accompaniment plan read model, and
/// campaign_project merges into the one project read model (a project only it knew is copied with its départements; a newer
/// copy keeps its own), then goes.
/// </summary>
public sealed class ReadModelMigrationTests
{
    [Test]
    public void The_campaign_copy_of_the_projects_merges_into_the_project_read_model_and_closed_plans_are_known()
    {
        var migrations = new ModuleSchema("evaluation", typeof(EvaluationModule).Assembly).Migrations(DatabaseProvider.Sqlite);
        var directory = Directory.CreateTempSubdirectory("evaluation-read-models-migration-");
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(directory.FullName, "evaluation.db")};Pooling=False");
            connection.Open();
            static bool Before(string name) => string.CompareOrdinal(Path.GetFileName(name), "0032") < 0;
            foreach (var (_, sql) in migrations.Where(m => Before(m.Name)))
            {
                connection.Execute(sql);
            }

            connection.Execute("INSERT INTO project (id, academie, status, version) VALUES ('p1', '25', 'validated', 3)");
            connection.Execute("INSERT INTO project_departement (project_id, departement) VALUES ('p1', '095')");
            connection.Execute("""
                INSERT INTO campaign_project (project_id, academie, departements, version)
                VALUES ('p1', '25', '|078|095|', 2), ('p2', '25', '|091|092|', 1), ('p3', '11', '', 1)
                """);
            connection.Execute("""
                INSERT INTO questionnaire (id, academie, lineage_id, edition, title, purpose, questions, is_builtin, is_answered, version,
                                           created_at, updated_at)
                VALUES ('q1', '25', 'q1', 1, 'Évaluation', 'evaluationOfAccompaniment', '[]', 1, 0, 1, '2026-11-23', '2026-11-23')
                """);
            connection.Execute("""
                INSERT INTO campaign (id, academie, questionnaire_id, title, target_type, target_id, opens_on, closes_on, is_anonymous,
                                      status, project_id, response_count, version, created_at, updated_at)
                VALUES ('c1', '25', 'q1', 'É', 'accompaniment', 'plan1', '2026-11-23', '2026-12-22', 1, 'open', 'p1', 0, 1, '2026-11-23',
                        '2026-11-23'),
                       ('c2', '25', 'q1', 'À la main', 'accompaniment', 'plan2', '2026-11-23', '2026-12-22', 1, 'open', NULL, 0, 1,
                        '2026-11-23', '2026-11-23')
                """);

            foreach (var (_, sql) in migrations.Where(m => !Before(m.Name)))
            {
                connection.Execute(sql);
            }

            connection.Query<(string, string, string, long)>("SELECT id, academie, status, version FROM project ORDER BY id")
                .Should().Equal(("p1", "25", "validated", 3L), ("p2", "25", "submitted", 1L), ("p3", "11", "submitted", 1L));
            connection.Query<(string, string)>("SELECT project_id, departement FROM project_departement ORDER BY project_id, departement")
                .Should().Equal(("p1", "095"), ("p2", "091"), ("p2", "092"));
            connection.Query<(string, string, long)>("SELECT id, academie, version FROM accompaniment_plan")
                .Should().Equal([("plan1", "25", 0L)], "a plan named by hand only was never checked");
            connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE name = 'campaign_project'").Should().Be(0);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
