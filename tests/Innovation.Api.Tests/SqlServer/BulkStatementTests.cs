using System.Reflection;
using System.Text.RegularExpressions;
using Innovation.Api.Tests.Architecture;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Messaging;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>
/// What a <see cref="BulkStatement{TRow}"/> sends to SQL Server: its single-row text repeated over
/// as many rows as one command takes. Each text is valid T-SQL and stays within the engine's limits
/// (2,100 parameters per command, 1,000 rows per VALUES list), or SQL Server would refuse it at run time.
/// </summary>
public sealed partial class BulkStatementTests
{
    public static IEnumerable<TestCaseData> Statements() =>
        Discover().Select(s => new TestCaseData(s.Name).SetArgDisplayNames(s.Name));

    [Test]
    public void Discovery_finds_the_bulk_statements_of_the_modules_and_the_outbox() =>
        Discover().Select(s => s.Name).Should().Contain(
            ["SchoolTable.BulkInsert", "SchoolTable.BulkUpdate", "PersonTable.BulkInsert", "PersonTable.BulkUpdate", "Outbox.BulkInsert(networks)"]);

    [TestCaseSource(nameof(Statements))]
    public void The_sql_server_text_of_a_full_command_parses_and_fits_the_limits(string name)
    {
        var statement = Discover().Single(s => s.Name == name).Statement;
        var rows = statement.SqlServerRowsPerCommand;
        var sql = statement.SqlServerText(rows);

        var script = TSql.ShouldParse(sql, $"the SQL Server text of {rows} rows of: {statement.Sql}");
        var parameters = ParameterName().Matches(sql).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        parameters.Should().BeLessThanOrEqualTo(2100, "SQL Server refuses a command with more parameters");
        parameters.Should().Be(rows * statement.ParametersPerRow, "each row has its own copy of every parameter");
        var insert = script.Batches.Single().Statements.Single() as InsertStatement;
        if (insert is not null)
        {
            var values = ((ValuesInsertSource)insert.InsertSpecification.InsertSource).RowValues;
            values.Should().HaveCount(rows).And.HaveCountLessThanOrEqualTo(1000, "SQL Server refuses a VALUES list of more rows");
            rows.Should().BeGreaterThan(1, "an INSERT sends many rows per command: one round trip per row is what the bulk form avoids");
        }
        else
        {
            rows.Should().Be(1, "a statement other than INSERT ... VALUES runs once per row");
        }
    }

    [Test]
    public void Each_parameter_needs_a_value_and_each_value_a_parameter()
    {
        const string sql = "INSERT INTO networks.school (uai, name) VALUES (@Uai, @Name)";
        var missing = () => new BulkStatement<string>(sql, ("Uai", s => s));
        var unknown = () => new BulkStatement<string>(sql, ("Uai", s => s), ("Name", s => s), ("Commune", s => s));

        missing.Should().Throw<ArgumentException>().WithMessage("*missing: Name*");
        unknown.Should().Throw<ArgumentException>().WithMessage("*unknown: Commune*");
    }

    [Test]
    public void A_short_last_command_takes_the_rows_left()
    {
        var statement = new BulkStatement<string>("INSERT INTO networks.school (uai, name) VALUES (@Uai, @Name)", ("Uai", s => s), ("Name", s => s));

        statement.SqlServerRowsPerCommand.Should().Be(1000, "two parameters a row: the 1,000-row limit comes first");
        statement.SqlServerText(3).Should()
            .Be("INSERT INTO networks.school (uai, name) VALUES (@Uai_0, @Name_0), (@Uai_1, @Name_1), (@Uai_2, @Name_2)");
    }

    private static IReadOnlyList<(string Name, IBulkStatement Statement)> Discover() =>
        AppAssemblies.All
            .SelectMany(AppAssemblies.TypesOf)
            .SelectMany(type => type
                .GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => typeof(IBulkStatement).IsAssignableFrom(f.FieldType))
                .Select(f => ($"{type.Name}.{f.Name}", (IBulkStatement)f.GetValue(null)!)))
            .Append(("Outbox.BulkInsert(networks)", Outbox.BulkInsert("networks")))
            .ToList();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterName();
}
