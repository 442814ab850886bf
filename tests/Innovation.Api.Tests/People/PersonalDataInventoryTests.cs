using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.Networks;
using Innovation.Api.Tests.SqlServer;
using Innovation.BuildingBlocks.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.People;

/// <summary>
/// docs/personal-data.md lists every column that can hold a name or an e-mail. After an erasure the person is in none of
/// them (nor in any other column of any schema file, read directly); and a migration that adds a column named like
/// personal data without a line in the inventory fails here.
/// </summary>
public sealed partial class PersonalDataInventoryTests(Engine engine) : ApiTest(engine)
{
    /// <summary>Words of a column name (split on '_') that say it may hold a person: the inventory must list such a column.</summary>
    private static readonly HashSet<string> PersonalWords =
    [
        "name", "email", "mail", "author", "authors", "actor", "actors", "respondent", "contact", "by", "responsible", "team",
        "participants", "accompanists", "attendance", "partner", "who",
    ];

    // ASCII on purpose: LIKE ignores case for ASCII letters only, and JSON never escapes them.
    private const string FirstName = "Zephyrin";
    private const string LastName = "Quenotte";
    private const string Email = "zephyrin.quenotte@ac-versailles.fr";

    [Test]
    public async Task Every_column_named_like_personal_data_is_in_the_inventory_and_every_listed_column_exists()
    {
        var columns = await Columns();
        var inventory = Inventory();

        columns.Where(c => c.Split('.')[2].Split('_').Any(PersonalWords.Contains)).Except(inventory)
            .Should().BeEmpty("docs/personal-data.md lists every column that can hold a name or an e-mail (add a line for a new one)");
        inventory.Except(columns).Should().BeEmpty("every column docs/personal-data.md lists exists in the migrated schemas");
    }

    [Test]
    public async Task After_erasure_the_person_is_in_no_listed_column_nor_anywhere_else()
    {
        var inventory = Inventory();
        await RegisterSchool(NetworkApi.Gonesse, "095");
        var registration = Request(HttpMethod.Post, "/api/v1/people",
            PeopleApi.Body("25", Email, FirstName, LastName, NetworkApi.Gonesse, "teacher"));
        registration.Headers.Add("Idempotency-Key", "inventory-registration");
        var registered = await Admin.SendAsync(registration);
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var person = (await Json(registered)).GetProperty("id").GetString()!;
        var (network, _) = await NetworkApi.Create(Admin, "bassin", "Bassin de Gonesse", "095");
        await NetworkApi.AddPerson(Admin, network, person);
        await Eventually(async () => (await Admin.PostAsJsonAsync("/api/v1/projects", Project("Sonde", "ada@ac-versailles.fr", "Ada Lovelace")))
            .StatusCode == HttpStatusCode.Created, "the school reaches Projects");
        var creation = Request(HttpMethod.Post, "/api/v1/projects", Project("Classe dehors", Email, $"{FirstName} {LastName}"));
        creation.Headers.Add("Idempotency-Key", "inventory-project");
        var created = await Admin.SendAsync(creation);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var project = (await Json(created)).GetProperty("id").GetString()!;

        await Evaluation(person, project);

        var before = await Hits();
        TestContext.Out.WriteLine($"Before the erasure the person is in {string.Join(", ", before)}.");
        before.Should().Contain(["networks.person.last_name", "networks.person.email", "networks.audit_entry.changes",
            "projects.project_member.name", "projects.project_member.email", "host.idempotency_record.body",
            "evaluation.grid_positioning.person_name", "evaluation.report.authors"], "the scenario stores the person");
        before.Except(inventory).Should().BeEmpty("every column the person reaches is in docs/personal-data.md");

        (await Admin.PostAsync($"/api/v1/people/{person}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually(async () => !(await Admin.GetStringAsync($"/api/v1/projects/{project}")).Contains(LastName, StringComparison.Ordinal),
            "the erasure reaches the project's team");
        await Eventually(async () => (await Hits()).Count == 0, "the erasure reaches every module and the idempotency records");
    }

    /// <summary>The person positions themself on a grid and signs a report on the project, by name.</summary>
    private async Task Evaluation(string person, string project)
    {
        var grid = await Admin.PostAsJsonAsync("/api/v1/evaluation/grids", new
        {
            title = "Grille de l'équipe", academie = "25",
            criteria = new[]
            {
                new
                {
                    code = "collaboration", label = "Travail collaboratif",
                    levels = new[]
                    {
                        new { label = "Émergent", descriptor = "Chacun seul." }, new { label = "Installé", descriptor = "Ensemble." },
                    },
                },
            },
        });
        var gridId = (await NetworkApi.Body(grid, HttpStatusCode.Created)).GetProperty("id").GetString();
        await NetworkApi.Body(await Admin.PostAsJsonAsync($"/api/v1/evaluation/grids/{gridId}/positionings", new
        {
            subject = new { personId = person, name = $"{FirstName} {LastName}" }, positionedOn = "2026-10-05",
            levels = new[] { new { criterion = "collaboration", level = 1 } },
        }), HttpStatusCode.Created);
        await NetworkApi.Body(await Admin.PostAsJsonAsync("/api/v1/evaluation/reports", new
        {
            kind = "practiceNarrative", title = "Une année dehors", text = "Une demi-journée par semaine dans le parc.", academie = "25",
            authors = new[] { new { personId = person, name = $"{FirstName} {LastName}" } },
            attachedTo = new { type = "project", id = project },
        }), HttpStatusCode.Created);
    }

    /// <summary>The columns the inventory lists, as schema.table.column.</summary>
    private static List<string> Inventory()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "personal-data.md"));
        var columns = InventoryLine().Matches(text).Select(m => m.Groups[1].Value).ToList();
        columns.Should().HaveCountGreaterThan(10).And.OnlyHaveUniqueItems();
        return columns;
    }

    /// <summary>Every column of every schema file, as schema.table.column, read from the migrated SQLite files.</summary>
    private async Task<List<string>> Columns()
    {
        var columns = new List<string>();
        foreach (var (schema, connection) in await SchemaFiles())
        {
            await using (connection)
            {
                foreach (var table in await Tables(connection))
                {
                    columns.AddRange((await connection.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}')"))
                        .Select(c => $"{schema}.{table}.{c}"));
                }
            }
        }

        return columns;
    }

    /// <summary>The columns where the person's first name, last name or e-mail appears, in any table of any schema file.</summary>
    private async Task<List<string>> Hits()
    {
        var hits = new List<string>();
        foreach (var (schema, connection) in await SchemaFiles())
        {
            await using (connection)
            {
                foreach (var table in await Tables(connection))
                {
                    foreach (var column in await connection.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}')"))
                    {
                        var found = await connection.ExecuteScalarAsync<long>(
                            $"SELECT COUNT(*) FROM \"{table}\" WHERE CAST(\"{column}\" AS TEXT) LIKE @First OR CAST(\"{column}\" AS TEXT) LIKE @Last",
                            new { First = $"%{FirstName}%", Last = $"%{LastName}%" });
                        if (found > 0)
                        {
                            hits.Add($"{schema}.{table}.{column}");
                        }
                    }
                }
            }
        }

        return hits;
    }

    private async Task<List<(string Schema, SqliteConnection Connection)>> SchemaFiles()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            Assert.Ignore("The inventory is checked on the SQLite files; SQL Server has the same tables and columns (SchemaParityTests).");
        }

        var files = new List<(string, SqliteConnection)>();
        foreach (var schema in db.Schemas)
        {
            var path = Path.Combine(db.DataDirectory!, $"{schema}.db");
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
            await connection.OpenAsync();
            files.Add((schema, connection));
        }

        return files;
    }

    private static async Task<List<string>> Tables(SqliteConnection connection) =>
        [.. await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")];

    private static object Project(string title, string email, string name) => new
    {
        title, summary = "Une demi-journée par semaine dehors.", schools = new[] { NetworkApi.Gonesse }, themes = new[] { "schoolForm" },
        team = new[] { new { role = "carrier", name, email } },
    };

    [GeneratedRegex(@"^\| `(\w+\.\w+\.\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex InventoryLine();
}
