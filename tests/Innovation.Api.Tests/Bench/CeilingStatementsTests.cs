using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Projects;
using Innovation.Api.Tests.SqlServer;
using Innovation.BuildingBlocks.Data;
using Innovation.Modules.Networks.Features.Schools;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Bench;

/// <summary>
/// bench/ceilings.py runs the API's writes through SQLite alone, and `make bench` judges the POST and the import against
/// that ceiling (ADR 0010): its statements must stay the API's. Every INSERT of the script must name the columns of the
/// API's INSERT into the same table (found in src/ by its text, wherever it lives), and the tables the script writes for a
/// project creation (schema projects) and a school import (schema networks) must be the ones the API writes for them, and
/// the import's look-up of each key must be the statement the API runs for it.
/// </summary>
public sealed partial class CeilingStatementsTests(Engine engine) : ProjectApiTest(engine)
{
    private static readonly string CeilingScript = Path.Combine(RepositoryLayout.Root, "bench", "ceilings.py");

    [Test]
    public void Every_insert_of_the_ceiling_names_the_columns_of_the_APIs_insert_into_that_table()
    {
        var api = Inserts(Directory.EnumerateFiles(RepositoryLayout.SourceFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));
        var ceiling = Inserts([CeilingScript]);
        ceiling.Should().NotBeEmpty("bench/ceilings.py writes through INSERT statements");
        foreach (var (table, columns, _) in ceiling)
        {
            var theirs = api.Where(a => a.Table == table).ToList();
            theirs.Should().NotBeEmpty($"bench/ceilings.py inserts into {table}, which no INSERT of src/ writes any more: "
                + "remove that statement from bench/ceilings.py or point it at the table the API now writes");
            foreach (var statement in theirs)
            {
                columns.Should().Equal(statement.Columns,
                    $"bench/ceilings.py inserts into {table} ({string.Join(", ", columns)}) but {Relative(statement.File)} inserts "
                    + $"({string.Join(", ", statement.Columns)}): update the INSERT into {table} in bench/ceilings.py, and the values it "
                    + "binds, to the API's columns");
            }
        }
    }

    [Test]
    public void The_ceilings_key_look_up_is_the_statement_the_school_import_runs_for_each_key()
    {
        var script = File.ReadAllText(CeilingScript);
        var probe = Regex.Match(script, "SCHOOL_PROBE = \"\"\"(?<sql>.*?)\"\"\"", RegexOptions.Singleline);
        probe.Success.Should().BeTrue("bench/ceilings.py looks up each key of the import with SCHOOL_PROBE");
        Normalized(probe.Groups["sql"].Value).Should().Be(Normalized(SchoolTable.FindSql.Replace("@Uai", "?", StringComparison.Ordinal)),
            "the import looks up each key with SchoolTable.FindSql (KeyLookup): update SCHOOL_PROBE in bench/ceilings.py to that text");

        static string Normalized(string sql) => Regex.Replace(sql, @"\s+", " ").Trim();
    }

    [Test]
    public async Task A_project_creation_writes_the_tables_the_ceiling_writes()
    {
        SqliteOnly();
        await StandardSchools();
        var body = ValidProject();
        body["tags"] = Array.Empty<string>(); // the bench's POST body: no tags, one carrier
        body["team"] = new object[] { new { role = "carrier", name = "Ada Lovelace", email = "ada@ac-versailles.fr" } };
        var written = await TablesWrittenBy("projects", async () =>
            (await Admin.PostAsJsonAsync("/api/v1/projects", body)).StatusCode.Should().Be(HttpStatusCode.Created));
        written.Should().BeEquivalentTo(CeilingTables("projects"),
            "bench/ceilings.py's project_writes must write what POST /api/v1/projects writes (bench's body): add or remove its statements");
    }

    [Test]
    public async Task A_school_import_writes_the_tables_the_ceiling_writes()
    {
        SqliteOnly();
        const string csv = "uai,name,type,sector,departement,commune,latitude,longitude\n0951099D,École Galois,ecole,public,095,Sannois,48.9,2.2\n";
        var written = await TablesWrittenBy("networks", async () =>
        {
            using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
            (await Admin.PostAsync("/api/v1/imports/schools", content)).StatusCode.Should().Be(HttpStatusCode.OK);
        });
        written.Should().BeEquivalentTo(CeilingTables("networks"),
            "bench/ceilings.py's import_rows must write what POST /api/v1/imports/schools writes per row: add or remove its statements");
    }

    private void SqliteOnly()
    {
        if (Factory.Services.GetRequiredService<Db>().Provider != DatabaseProvider.Sqlite)
        {
            Assert.Ignore("The ceiling is SQLite's.");
        }
    }

    /// <summary>
    /// The tables of <paramref name="schema"/> that hold more rows after <paramref name="act"/> than before. SQLite's own tables
    /// are left out: <c>sqlite_sequence</c> gains a row the first time an AUTOINCREMENT table (the outbox) is written in a fresh
    /// database, so counting it made this test pass or fail with whichever test wrote the outbox first.
    /// </summary>
    private async Task<List<string>> TablesWrittenBy(string schema, Func<Task> act)
    {
        var db = Factory.Services.GetRequiredService<Db>();
        Task<Dictionary<string, long>> Count() => db.ReadAsync(async c =>
        {
            var counts = new Dictionary<string, long>();
            var tables = $"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
            foreach (var table in await c.QueryAsync<string>(tables))
            {
                counts[table] = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {schema}.\"{table}\"");
            }

            return counts;
        }, CancellationToken.None);

        var before = await Count();
        await act();
        var after = await Count();
        return [.. after.Where(t => t.Value > before.GetValueOrDefault(t.Key)).Select(t => $"{schema}.{t.Key}").Order(StringComparer.Ordinal)];
    }

    private static List<string> CeilingTables(string schema) =>
        [.. Inserts([CeilingScript]).Select(i => i.Table).Where(t => t.StartsWith(schema + ".", StringComparison.Ordinal)).Distinct()
            .Order(StringComparer.Ordinal)];

    private sealed record Insert(string Table, IReadOnlyList<string> Columns, string File);

    /// <summary>Every <c>INSERT INTO schema.table (columns)</c> of the files; a building block's <c>{schema}</c> matches any module's.</summary>
    private static List<Insert> Inserts(IEnumerable<string> files) =>
    [
        .. files.SelectMany(file => InsertStatement().Matches(File.ReadAllText(file)).Select(m => new Insert(
            m.Groups["table"].Value,
            [.. m.Groups["columns"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
            file)))
            .SelectMany(i => i.Table.StartsWith("{schema}.", StringComparison.Ordinal)
                ? new[] { i with { Table = "projects" + i.Table[8..] }, i with { Table = "networks" + i.Table[8..] } }
                : [i]),
    ];

    private static string Relative(string file) => Path.GetRelativePath(RepositoryLayout.Root, file);

    [GeneratedRegex(@"INSERT INTO (?<table>(?:\{schema\}|[a-z_]+)\.[a-z_]+)\s*\((?<columns>[a-z_,\s]+)\)", RegexOptions.IgnoreCase)]
    private static partial Regex InsertStatement();
}
