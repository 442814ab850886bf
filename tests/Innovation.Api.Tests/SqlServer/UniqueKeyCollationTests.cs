namespace Innovation.Api.Tests.SqlServer;

/// <summary>
/// The code de-duplicates texts exactly (ordinal comparison) before inserting them under a unique key: search terms,
/// tags, codes. SQLite's keys compare bytes; SQL Server's compare by the column's collation, and a linguistic one
/// holds "cœur" and "coeur", "ß" and "ss", or an ignorable character and none, equal: the second insert violates the
/// key on every retry (409). So every text column of a primary key, unique constraint or unique index has a binary
/// collation on SQL Server, unless its values are a fixed-format code any collation compares as SQLite does.
/// </summary>
public sealed class UniqueKeyCollationTests
{
    [Test]
    public void Every_text_column_of_a_unique_key_compares_as_the_code_de_duplicates()
    {
        var schema = SqlServerSchemaModel.FromMigrations();
        schema.Problems.Should().BeEmpty();

        var offenders = schema.UniqueKeys
            .SelectMany(key => key.Columns.Select(name => (key, column: schema.Tables[key.Table][name])))
            .Where(k => k.column.DataType is "char" or "varchar" or "nchar" or "nvarchar")
            .Where(k => !FixedFormat.IsFixedFormat(k.key.Table, k.column.Name) && !FixedFormat.IsClosedCode(k.key.Table, k.column.Name))
            .Where(k => !ListOrderTests.IsBinary(k.column.Collation))
            .Select(k => $"{k.key.Table}.{k.column.Name} {k.column.Declared} (key {k.key.Name})")
            .Distinct()
            .ToList();

        offenders.Should().BeEmpty("the code compares these texts exactly; give the column a _BIN2 collation (ADR 0003)");
    }
}
