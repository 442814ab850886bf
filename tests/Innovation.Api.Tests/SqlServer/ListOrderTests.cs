using System.Data.SqlTypes;
using System.Text.RegularExpressions;
using Innovation.BuildingBlocks.Data;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>
/// Every list comes back in the same order on both engines (ADR 0003). SQLite sorts a GUID as text, SQL Server
/// sorts a UNIQUEIDENTIFIER by its last six bytes first: an ORDER BY on an id follows the creation order on both
/// only because every id the application makes is a <see cref="SortableId"/>. SQLite sorts text by its bytes; SQL
/// Server by the column's collation: a text key has a binary collation (its column's, or <c>{{binary}}</c> after it),
/// or holds fixed-format values every collation sorts alike (<see cref="FixedFormat"/>).
/// </summary>
public sealed partial class ListOrderTests
{
    /// <summary>ORDER BY keys computed in their statement (no column of their own), and why both engines sort them alike.</summary>
    private static readonly (string Statement, string Key, string Reason)[] ComputedKeys =
    [
        ("ListProjects.ListByRelevanceSql", "score", "a relevance score, a number"),
        ("ListProjects.ListAllByRelevanceSql", "score", "a relevance score, a number"),
        ("ListResources.ListByRelevanceSql", "Score", "a relevance score, a number"),
        ("ProjectTable.LoadSql", "Kind", "a literal number per UNION branch"),
        ("ProjectTable.LoadSql", "Code", "a UNION of a UAI, a theme, a tag and a role, binary by its first branch's {{binary}}"),
    ];

    /// <summary>Where the application makes a GUID that is not a <see cref="SortableId"/>, and why.</summary>
    private static readonly (string File, string Reason)[] OtherGuids =
    [
        ("src/Modules/Evaluation/Innovation.Modules.Evaluation/Features/Campaigns/AnswerCampaign.cs",
            "an anonymous response's id is random on purpose (ADR 0025): a time in it would tell when someone answered"),
        ("src/Innovation.Api/Messaging/OutboxDispatcher.cs", "the lease owner's name, not a row id"),
        ("src/Innovation.Api/Features/Webhooks/WebhookDispatcher.cs", "the lease owner's name, not a row id"),
    ];

    [Test]
    public void Every_order_by_key_sorts_alike_on_both_engines()
    {
        var schema = SqlServerSchemaModel.FromMigrations();
        var problems = new List<string>();
        var keys = 0;
        foreach (var constant in TSqlStatementTests.DiscoverSqlConstants())
        {
            foreach (var (table, column, key, collation) in StatementColumns.OrderKeys(TSqlStatementTests.ForSqlServer(constant.Sql), schema))
            {
                keys++;
                if (column is null)
                {
                    var name = key.Split('.')[^1];
                    if (!IsLiteralOrParameter(key) && !ComputedKeys.Any(c => c.Statement == constant.Name && c.Key == name))
                    {
                        problems.Add($"{constant.Name}: ORDER BY {key} is no column the migrations declare (list it in ComputedKeys)");
                    }

                    continue;
                }

                // A UNIQUEIDENTIFIER key sorts in creation order on both engines: see the SortableId tests below.
                if (column.DataType is "char" or "varchar" or "nchar" or "nvarchar" && !IsBinary(collation ?? column.Collation)
                    && !FixedFormat.IsFixedFormat(table!, column.Name))
                {
                    problems.Add($"{constant.Name}: ORDER BY {key} sorts {table}.{column.Name} {column.Declared} by the database's "
                        + "collation, SQLite by its bytes (give the column a _BIN2 collation, or write the key {{binary}})");
                }
            }
        }

        keys.Should().BeGreaterThan(50, "every list statement is read");
        problems.Should().BeEmpty();
    }

    [Test]
    public void The_application_makes_its_ids_with_SortableId()
    {
        var offenders = RepositoryLayout.SourceFiles()
            .Where(path => OtherGuid().IsMatch(File.ReadAllText(path)))
            .Select(RepositoryLayout.Relative)
            .Where(file => !OtherGuids.Any(o => o.File == file))
            .ToList();

        offenders.Should().BeEmpty("an id made otherwise sorts at random on SQL Server (ADR 0003)");
    }

    [Test]
    public void Sortable_ids_sort_in_creation_order_as_sql_server_and_as_sqlite_compare_them()
    {
        var start = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 2000).Select(i => SortableId.New(start.AddMilliseconds(i * 7 / 3))).ToList();

        ids.Should().OnlyHaveUniqueItems();
        ids.Select(id => id.ToString("D")).Should().BeInAscendingOrder(StringComparer.Ordinal, "SQLite compares the text");
        ids.Should().BeInAscendingOrder(Comparer<Guid>.Create((a, b) => new SqlGuid(a).CompareTo(new SqlGuid(b))),
            "SQL Server compares the last six bytes first");
        ids.Should().BeInAscendingOrder(SqlDialect.SqlServer.IdOrder).And.BeInAscendingOrder(SqlDialect.Sqlite.IdOrder);
    }

    [Test]
    public void A_sortable_id_is_a_version_7_guid_with_its_creation_time()
    {
        var at = new DateTimeOffset(2026, 12, 5, 2, 14, 52, 123, TimeSpan.Zero);
        var id = SortableId.New(at);
        var text = id.ToString("N");

        Convert.ToInt64(text[..12], 16).Should().Be(at.ToUnixTimeMilliseconds());
        id.Version.Should().Be(7);
        id.Variant.Should().BeInRange(8, 11, "the RFC 9562 variant");
    }

    [Test]
    public void Many_ids_in_one_millisecond_are_unique_and_in_order_as_sqlite_sorts_them()
    {
        var at = new DateTimeOffset(2026, 12, 5, 2, 14, 52, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 100_000).Select(_ => SortableId.New(at)).ToList();

        ids.Should().OnlyHaveUniqueItems();
        ids.Select(id => id.ToString("D")).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    internal static bool IsBinary(string? collation) => collation?.EndsWith("_BIN2", StringComparison.OrdinalIgnoreCase) == true;

    private static bool IsLiteralOrParameter(string key) => key.StartsWith('@') || int.TryParse(key, out _);

    [GeneratedRegex(@"Guid\.(NewGuid|CreateVersion7)\(")]
    private static partial Regex OtherGuid();
}
