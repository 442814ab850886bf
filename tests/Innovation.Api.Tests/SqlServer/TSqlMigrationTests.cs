using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>
/// SQL Server cannot run here, so its migrations are checked by the SQL Server parser itself:
/// each one must be valid T-SQL, touch only its own schema, and have its SQLite counterpart.
/// </summary>
public sealed class TSqlMigrationTests
{
    private static readonly string[] KnownSchemas = ["host", "networks", "projects", "accompaniment", "experimentation", "evaluation"];

    public static IEnumerable<TestCaseData> SqlServerMigrations() =>
        RepositoryLayout.MigrationFiles(RepositoryLayout.SqlServerEngine)
            .Select(f => new TestCaseData(f).SetArgDisplayNames(f.RelativePath));

    [Test]
    public void Every_module_schema_has_sql_server_migrations()
    {
        var files = RepositoryLayout.MigrationFiles(RepositoryLayout.SqlServerEngine);
        files.Select(f => f.Schema).Distinct().Should().Contain(KnownSchemas,
            "every schema the host registers is created by migrations under {0}",
                RepositoryLayout.MigrationsFolder(RepositoryLayout.SqlServerEngine));
    }

    [TestCaseSource(nameof(SqlServerMigrations))]
    public void Sql_server_migration_parses_as_t_sql(MigrationFile file) =>
        TSql.ShouldParse(file.Text, file.ToString());

    [TestCaseSource(nameof(SqlServerMigrations))]
    public void Sql_server_migration_touches_only_its_own_schema(MigrationFile file)
    {
        file.Schema.Should().NotBeNull($"{file} must lie in a schema folder (db-migrations/sqlserver/<schema>/NNNN_name.sql)");
        var script = TSql.ShouldParse(file.Text, file.ToString());

        var objects = new SchemaObjectCollector();
        script.Accept(objects);

        objects.Found.Should().NotBeEmpty($"{file} should create or change at least one table of schema '{file.Schema}'");
        var foreign = objects.Found
            .Where(o => !string.Equals(o.Name.SchemaIdentifier?.Value, file.Schema, StringComparison.Ordinal))
            .Select(o => $"  line {o.Name.StartLine}: {o.Kind} {Describe(o.Name)}")
            .ToList();
        if (foreign.Count > 0)
        {
            Assert.Fail($"{file} must name every table as {file.Schema}.<table> (its own schema, schema-qualified). Offending " +
                $"names:{Environment.NewLine}"
                + string.Join(Environment.NewLine, foreign));
        }
    }

    [Test]
    public void Both_engines_have_the_same_migration_files_per_schema()
    {
        static ILookup<string, string> BySchema(string engine) =>
            RepositoryLayout.MigrationFiles(engine).ToLookup(f => f.Schema ?? "(no schema folder)", f => f.FileName);

        var sqlite = BySchema(RepositoryLayout.SqliteEngine);
        var sqlServer = BySchema(RepositoryLayout.SqlServerEngine);
        sqlite.Count.Should().BeGreaterThan(0, "SQLite migrations exist");
        sqlServer.Count.Should().BeGreaterThan(0, "SQL Server migrations exist");

        var differences = new List<string>();
        foreach (var schema in sqlite.Select(g => g.Key).Union(sqlServer.Select(g => g.Key)).Order(StringComparer.Ordinal))
        {
            differences.AddRange(sqlite[schema].Except(sqlServer[schema], StringComparer.Ordinal)
                .Select(name => $"  {schema}/{name}: in db-migrations/sqlite only (no SQL Server counterpart)"));
            differences.AddRange(sqlServer[schema].Except(sqlite[schema], StringComparer.Ordinal)
                .Select(name => $"  {schema}/{name}: in db-migrations/sqlserver only (no SQLite counterpart)"));
        }

        if (differences.Count > 0)
        {
            Assert.Fail("Each migration exists for both engines under the same schema folder and file name:" + Environment.NewLine
                + string.Join(Environment.NewLine, differences));
        }
    }

    private static string Describe(SchemaObjectName name) =>
        string.Join(".", new[] { name.ServerIdentifier, name.DatabaseIdentifier, name.SchemaIdentifier, name.BaseIdentifier }
            .Where(i => i is not null).Select(i => i!.Value))
        + (name.SchemaIdentifier is null ? " (not schema-qualified)" : "");

    /// <summary>Every table a script creates, indexes, alters, drops, references or writes to.</summary>
    private sealed class SchemaObjectCollector : TSqlFragmentVisitor
    {
        private readonly List<(string Kind, SchemaObjectName Name)> _found = [];
        private readonly List<SchemaObjectName> _tableReferences = [];
        private readonly HashSet<string> _commonTableExpressions = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// What was found once the whole script was visited (a common table expression or a
        /// #temporary table is not a table of any schema, so it is left out).
        /// </summary>
        public IReadOnlyList<(string Kind, SchemaObjectName Name)> Found =>
            _found.Concat(_tableReferences
                    .Where(n => n.SchemaIdentifier is not null
                        || !(_commonTableExpressions.Contains(n.BaseIdentifier.Value) || n.BaseIdentifier.Value.StartsWith('#')))
                    .Select(n => ("table reference", n)))
                .ToList();

        public override void ExplicitVisit(CreateTableStatement node)
        {
            _found.Add(("CREATE TABLE", node.SchemaObjectName));
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(CreateIndexStatement node)
        {
            _found.Add(("CREATE INDEX ON", node.OnName));
            base.ExplicitVisit(node);
        }

        // Called for every ALTER TABLE form (ADD, DROP, ALTER COLUMN, constraints...).
        public override void Visit(AlterTableStatement node)
        {
            _found.Add(("ALTER TABLE", node.SchemaObjectName));
            base.Visit(node);
        }

        public override void ExplicitVisit(DropTableStatement node)
        {
            _found.AddRange(node.Objects.Select(o => ("DROP TABLE", o)));
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(UpdateStatisticsStatement node)
        {
            _found.Add(("UPDATE STATISTICS", node.SchemaObjectName));
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(ForeignKeyConstraintDefinition node)
        {
            _found.Add(("REFERENCES", node.ReferenceTableName));
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(CommonTableExpression node)
        {
            _commonTableExpressions.Add(node.ExpressionName.Value);
            base.ExplicitVisit(node);
        }

        // INSERT, UPDATE, DELETE and MERGE targets and every FROM/JOIN source are named table references.
        public override void ExplicitVisit(NamedTableReference node)
        {
            _tableReferences.Add(node.SchemaObject);
            base.ExplicitVisit(node);
        }
    }
}
