using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.Modules.Projects.Features.Projects;
using Innovation.Modules.Projects.Features.Search;
using Innovation.Modules.Projects.Features.SchoolDirectory;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.Api.Tests.Projects;

/// <summary>
/// What the search tests share: schools with types, priority status and coordinates; projects
/// with a chosen canvas; lifecycle moves and funding lines through their endpoints; and one known data set.
/// </summary>
public abstract class ProjectSearchApiTest(Engine engine) : ProjectApiTest(engine)
{
    /// <summary>A lycée of académie 25 in département 078, without coordinates in the directory.</summary>
    protected const string Lycee78 = "0781001P";

    internal const string ExperimentationSql = "UPDATE projects.project SET has_experimentation = 1 WHERE id = @Id";

    protected Db Db => Factory.Services.GetRequiredService<Db>();

    /// <summary>Galois (095, école, REP) and Jaurès (095, collège) and Nîmes (030, école, REP+) with coordinates; <see cref="Lycee78"/>
    /// without.</summary>
    protected async Task SearchSchools()
    {
        await School(Galois, "095", "ecole", "rep", 48.9904, 2.2697);
        await School(Jaures, "095", "college", "none", 49.0123, 2.3011);
        await School(Lycee78, "078", "lycee", "none", null, null);
        await School(Nimes, "030", "ecole", "repPlus", 43.8367, 4.3601);
        foreach (var uai in new[] { Galois, Jaures, Lycee78, Nimes })
        {
            await Eventually(async () => await Db.ReadAsync(c => SchoolReadModel.FindAsync(c, uai), CancellationToken.None) is not null,
                $"school {uai} reaches the projects' read model");
        }
    }

    private async Task School(string uai, string departement, string type, string priority, double? latitude, double? longitude)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/schools", new
        {
            uai, name = $"École {uai}", type, sector = "public", departement, priorityEducation = priority, latitude, longitude,
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates a project (as the national administrator) and returns its id.</summary>
    protected async Task<Guid> Project(
        string title, string[] schools, string[]? themes = null, bool isPublic = true, string plannedStart = "2026-09-01",
        string needs = "Des besoins.", string keySteps = "Des étapes.")
    {
        var body = ValidProject(title, schools);
        body["themes"] = themes ?? ["wellBeing"];
        body["isPublic"] = isPublic;
        body["plannedStart"] = plannedStart;
        body["plannedEnd"] = DateOnly.Parse(plannedStart).AddDays(200).ToString("yyyy-MM-dd");
        body["canvas"] = new
        {
            needs, objectives = "Des objectifs.", actors = "Deux professeurs.", resources = "Des ressources.", keySteps,
            evaluationIndicators = "Des indicateurs.",
        };
        return Guid.Parse((await CreateProject(body)).GetProperty("id").GetString()!);
    }

    /// <summary>Moves a project through <paramref name="statuses"/> with the lifecycle's own action endpoints.</summary>
    protected async Task MoveThrough(Guid id, params string[] statuses)
    {
        var etag = (await Admin.GetAsync($"/api/v1/projects/{id}")).Headers.ETag!.ToString();
        foreach (var to in statuses)
        {
            var (action, body) = to switch
            {
                "submitted" => ("submit", (object?)null),
                "validated" => ("validate", null),
                "rejected" => ("reject", new { reason = "Hors du champ de l'innovation." }),
                "returnedForChanges" => ("return", new { comment = "Précisez les indicateurs." }),
                "inProgress" => ("start", null),
                "completed" => ("complete", null),
                _ => ("archive", null),
            };
            var response = await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/{action}", body, etag));
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            etag = response.Headers.ETag!.ToString();
        }
    }

    /// <summary>Adds a 2026 funding line of <paramref name="scheme"/> through the funding endpoint.</summary>
    protected async Task Fund(Guid id, string scheme)
    {
        var etag = (await Admin.GetAsync($"/api/v1/projects/{id}")).Headers.ETag!.ToString();
        var response = await Admin.SendAsync(Request(HttpMethod.Post, $"/api/v1/projects/{id}/funding",
            new { scheme, year = 2026, amountRequested = 1000.00m }, etag));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The Experimentation module (not built yet) will set this flag; until then the test writes it.</summary>
    protected Task MarkExperimentation(Guid id) =>
        Db.WriteAsync((c, t) => c.ExecuteAsync(ExperimentationSql, new { Id = id }, t), CancellationToken.None);

    /// <summary>
    /// A: Galois, wellBeing, 2026, validated, NEFE, experimentation. B: Jaurès, digitalAndAi, 2025, draft.
    /// C: Lycée 78 + Galois, orientation + wellBeing, 2026, submitted, France 2030. M (Montpellier): Nîmes, wellBeing, 2026, draft.
    /// </summary>
    protected async Task<DataSet> KnownProjects()
    {
        await SearchSchools();
        var a = await Project("Classe dehors", [Galois], ["wellBeing"], needs: "Des élèves peu à l'aise à l'oral.");
        await MoveThrough(a, "submitted", "validated");
        await Fund(a, "nefe");
        await MarkExperimentation(a);
        var b = await Project("Robotique au collège", [Jaures], ["digitalAndAi"], plannedStart: "2025-09-15", keySteps: "Éco-délégués et potager.");
        var c = await Project("Orientation active", [Lycee78, Galois], ["orientation", "wellBeing"], plannedStart: "2026-10-01");
        await MoveThrough(c, "submitted");
        await Fund(c, "france2030");
        var m = await Project("Garrigue vivante", [Nimes], ["wellBeing"]);
        return new DataSet(a, b, c, m);
    }

    protected sealed record DataSet(Guid A, Guid B, Guid C, Guid M);

    protected static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The ids of a page's items.</summary>
    protected static List<Guid> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => Guid.Parse(i.GetProperty("id").GetString()!))];

    protected async Task<List<Guid>> ListIds(HttpClient client, string query) => Ids(await Ok(await client.GetAsync($"/api/v1/projects?{query}")));
}

public sealed class ProjectSearchTests(Engine engine) : ProjectSearchApiTest(engine)
{
    // What migration 0008 leaves in a term stored before it.
    private const string UnweightSql = "UPDATE projects.project_search_term SET weight = 0";

    private const string CountUnweightedSql = "SELECT COUNT(*) FROM projects.project_search_term WHERE weight = 0";

    private readonly Engine _engine = engine;

    [Test]
    public async Task Each_filter_narrows_the_list_and_filters_combine()
    {
        var (a, b, c, m) = await KnownProjects();

        (await ListIds(Admin, "")).Should().BeEquivalentTo([a, b, c, m]);
        (await ListIds(Admin, "status=validated")).Should().BeEquivalentTo([a]);
        (await ListIds(Admin, "theme=wellBeing")).Should().BeEquivalentTo([a, c, m]);
        (await ListIds(Admin, "academie=25")).Should().BeEquivalentTo([a, b, c]);
        (await ListIds(Admin, "academie=Montpellier")).Should().BeEquivalentTo([m], "an académie may be named");
        (await ListIds(Admin, "departement=78")).Should().BeEquivalentTo([c], "the short form of a département works");
        (await ListIds(Admin, "departement=095")).Should().BeEquivalentTo([a, b, c]);
        (await ListIds(Admin, $"school={Jaures}")).Should().BeEquivalentTo([b]);
        (await ListIds(Admin, "schoolType=lycee")).Should().BeEquivalentTo([c]);
        (await ListIds(Admin, "priorityEducation=rep")).Should().BeEquivalentTo([a, c]);
        (await ListIds(Admin, "fundingScheme=nefe")).Should().BeEquivalentTo([a]);
        (await ListIds(Admin, "year=2026")).Should().BeEquivalentTo([a, c, m]);
        (await ListIds(Admin, "year=2025")).Should().BeEquivalentTo([b]);
        (await ListIds(Admin, "hasExperimentation=true")).Should().BeEquivalentTo([a]);
        (await ListIds(Admin, "hasExperimentation=false")).Should().BeEquivalentTo([b, c, m]);

        (await ListIds(Admin, "theme=wellBeing&academie=25&year=2026")).Should().BeEquivalentTo([a, c]);
        (await ListIds(Admin, "theme=wellBeing&academie=25&year=2026&status=submitted")).Should().BeEquivalentTo([c]);
        (await ListIds(Admin, "theme=wellBeing&departement=030&status=submitted")).Should().BeEmpty();
        (await ListIds(Admin, "departement=095&schoolType=college")).Should().BeEquivalentTo([b]);
        (await ListIds(Admin, "departement=078&priorityEducation=rep")).Should().BeEmpty(
            "the school filters hold for one same school: C's REP school is in 095, its 078 school is not REP");
    }

    [Test]
    public async Task A_list_item_is_a_summary_without_the_team()
    {
        var (a, _, _, _) = await KnownProjects();

        var page = await Ok(await Admin.GetAsync("/api/v1/projects?status=validated"));
        var item = page.GetProperty("items")[0];
        item.GetProperty("id").GetString().Should().Be(a.ToString());
        item.GetProperty("title").GetString().Should().Be("Classe dehors");
        item.GetProperty("status").GetString().Should().Be("validated");
        item.GetProperty("academie").GetString().Should().Be("25");
        item.GetProperty("schools")[0].GetProperty("uai").GetString().Should().Be(Galois);
        item.GetProperty("schools")[0].GetProperty("name").GetString().Should().Be($"École {Galois}");
        item.GetProperty("schools")[0].GetProperty("departement").GetString().Should().Be("095");
        item.GetProperty("themes").EnumerateArray().Select(t => t.GetString()).Should().Equal("wellBeing");
        item.GetProperty("plannedStart").GetString().Should().Be("2026-09-01");
        item.GetProperty("version").GetInt32().Should().Be(
            (await Ok(await Admin.GetAsync($"/api/v1/projects/{a}"))).GetProperty("version").GetInt32(), "the list carries the current version");
        item.TryGetProperty("team", out _).Should().BeFalse();
        page.TryGetProperty("nextCursor", out _).Should().BeFalse("one page holds everything");
    }

    [Test]
    public async Task Full_text_finds_words_of_the_title_summary_and_canvas_ignoring_case_and_accents()
    {
        var (a, b, c, m) = await KnownProjects();

        (await ListIds(Admin, "q=ORAL")).Should().BeEquivalentTo([a], "'oral' is in A's canvas (needs)");
        (await ListIds(Admin, "q=eleves")).Should().BeEquivalentTo([a], "accents are ignored: élèves");
        (await ListIds(Admin, "q=%C3%89CO-D%C3%89L%C3%89GU%C3%89S")).Should().BeEquivalentTo([b], "ÉCO-DÉLÉGUÉS finds éco-délégués in B's key steps");
        (await ListIds(Admin, "q=potag")).Should().BeEquivalentTo([b], "a word matches the start of a word");
        (await ListIds(Admin, "q=garrigue")).Should().BeEquivalentTo([m], "the title is searched");
        (await ListIds(Admin, "q=semaine")).Should().BeEquivalentTo([a, b, c, m], "the summary is searched");
        (await ListIds(Admin, "q=oral%20potager")).Should().BeEmpty("every word is required");
        (await ListIds(Admin, "q=l%27oral%20classe")).Should().BeEquivalentTo([a]);
        (await ListIds(Admin, "q=oral&status=draft")).Should().BeEmpty("full text combines with the filters");
        (await ListIds(Admin, "q=100%25_")).Should().BeEmpty("punctuation separates words and never acts as a LIKE wildcard");

        // Any write through ProjectTable.ReplaceAsync (edits, lifecycle, imports) rewrites the terms.
        await Db.WriteAsync(async (conn, t) =>
        {
            var record = (await ProjectTable.LoadAsync(conn, a, t))!;
            var next = record with { Row = Copy(record.Row, needs: "Un jardin pédagogique.") };
            (await ProjectTable.ReplaceAsync(conn, t, record.Row, next, "test", DateTimeOffset.UtcNow)).Should().BeTrue();
        }, CancellationToken.None);
        (await ListIds(Admin, "q=oral")).Should().BeEmpty("the old canvas words are gone");
        (await ListIds(Admin, "q=PEDAGOGIQUE")).Should().BeEquivalentTo([a]);
    }

    [Test]
    public async Task Pagination_walks_every_project_once_in_id_order()
    {
        await SearchSchools();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await Project($"Projet {i}", [Galois]));
        }

        // With a filter and without one (each has its own statement).
        foreach (var filter in new[] { "&theme=wellBeing", "" })
        {
            var seen = new List<Guid>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var page = await Ok(await Admin.GetAsync($"/api/v1/projects?limit=2{filter}{(cursor is null ? "" : "&cursor=" + cursor)}"));
                seen.AddRange(Ids(page));
                cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
                pages++;
            }
            while (cursor is not null && pages < 10);

            pages.Should().Be(3, filter);
            seen.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(created);
            seen.Should().Equal(created, "ids are version 7 GUIDs: id order is creation order");
        }
    }

    [Test]
    public async Task A_listed_page_leaves_no_read_open_behind_it()
    {
        Assume.That(_engine, Is.EqualTo(Engine.Sqlite), "SQLite's write-ahead log");
        await SearchSchools();
        await Project("Projet lu", [Galois]);
        foreach (var query in new[] { "", "theme=wellBeing", "", "limit=1" })
        {
            await Ok(await Admin.GetAsync($"/api/v1/projects?{query}"));
        }

        // A read left open on an idle pooled connection keeps its snapshot: the log could never
        // be checkpointed past it and would grow, and every write after it would cost more.
        await Eventually(async () => await Db.ReadAsync(async c =>
        {
            var (busy, _, _) = await c.QuerySingleAsync<(long, long, long)>("PRAGMA projects.wal_checkpoint(TRUNCATE)");
            return busy == 0;
        }, CancellationToken.None), "every reader let the log go");
    }

    [Test]
    public async Task Bad_filters_are_precise_400s()
    {
        foreach (var (query, field) in new[]
        {
            ("status=bogus", "status"), ("theme=astrology", "theme"), ("fundingScheme=lottery", "fundingScheme"), ("schoolType=castle", "schoolType"),
            ("priorityEducation=max", "priorityEducation"), ("year=1900", "year"), ("departement=abc", "departement"),
                ("academie=Atlantis", "academie"),
            ("limit=0", "limit"), ("cursor=%21%21", "cursor"), ("q=a%20b%20c%20d%20e%20f", "q"), ("colour=blue", "colour"),
        })
        {
            var problem = await Problem(await Admin.GetAsync($"/api/v1/projects?{query}"), HttpStatusCode.BadRequest, "validation_failed");
            problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"{query} names {field}: {problem}");
        }
    }

    [Test]
    public async Task A_credential_of_another_academie_never_sees_its_projects()
    {
        var (_, _, _, m) = await KnownProjects();
        var montpellier = await ClientFor("11", "projects:read");

        (await ListIds(montpellier, "")).Should().Equal(m);
        (await ListIds(montpellier, "academie=25")).Should().BeEmpty();
        (await ListIds(montpellier, "q=dehors")).Should().BeEmpty("only Versailles has a project with that word");
        (await ListIds(await ClientFor("25", "projects:read"), "")).Should().NotContain(m).And.HaveCount(3);
        var withoutScope = await ClientFor("25", "schools:read");
        (await withoutScope.GetAsync("/api/v1/projects")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task With_q_a_title_hit_comes_before_a_canvas_hit_and_more_title_words_come_first()
    {
        await SearchSchools();
        var canvasOnly = await Project("Projet trois", [Galois], needs: "Un jardin potager.");
        var oneInTitle = await Project("Jardin partagé", [Galois], keySteps: "Planter le potager.");
        var bothInTitle = await Project("Jardin potager", [Galois]);
        var idOrder = await ListIds(Admin, "q=potager&sort=id");
        idOrder.Should().BeEquivalentTo([canvasOnly, oneInTitle, bothInTitle], "sort=id keeps the same matches");

        (await ListIds(Admin, "q=potager")).Should().Equal(
            [bothInTitle, .. idOrder.Where(id => id != bothInTitle)], "'potager' is in one title, the others hold it in their canvas: ties by id");
        (await ListIds(Admin, "q=jardin%20potager")).Should().Equal(
            [bothInTitle, oneInTitle, canvasOnly], "two words in the title, then one, then none");
        (await ListIds(Admin, "q=jardin%20potager&sort=relevance")).Should().Equal(bothInTitle, oneInTitle, canvasOnly);
        (await ListIds(Admin, "q=jardin%20potager&sort=id")).Should().Equal(idOrder, "sort=id chooses id order");
    }

    [Test]
    public async Task Paging_in_relevance_order_visits_every_match_once_in_order()
    {
        await SearchSchools();
        var inTitle = new List<Guid>();
        var inCanvas = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            if (i % 2 == 0)
            {
                inTitle.Add(await Project($"Verger {i}", [Galois]));
            }
            else
            {
                inCanvas.Add(await Project($"Projet {i}", [Galois], needs: "Un verger."));
            }
        }

        await Project("Sans rapport", [Galois]);
        var idOrder = await ListIds(Admin, "q=verger&sort=id");
        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Ok(await Admin.GetAsync($"/api/v1/projects?q=verger&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}"));
            seen.AddRange(Ids(page));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            if (pages == 0)
            {
                var mixed = await Admin.GetAsync($"/api/v1/projects?q=verger&sort=id&cursor={cursor}");
                (await Problem(mixed, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").TryGetProperty("cursor", out _)
                    .Should().BeTrue("a cursor of the relevance order means nothing in id order");
            }

            pages++;
        }
        while (cursor is not null && pages < 10);

        pages.Should().Be(3);
        seen.Should().OnlyHaveUniqueItems().And.Equal(
            [.. idOrder.Where(inTitle.Contains), .. idOrder.Where(inCanvas.Contains)], "title hits first, each score in id order");
    }

    [Test]
    public async Task A_bad_sort_is_a_400_naming_the_allowed_orders()
    {
        var unknown = await Problem(await Admin.GetAsync("/api/v1/projects?q=jardin&sort=title"), HttpStatusCode.BadRequest, "validation_failed");
        var message = unknown.GetProperty("errors").GetProperty("sort")[0].GetString();
        message.Should().Contain("relevance").And.Contain("id");

        var withoutQ = await Problem(await Admin.GetAsync("/api/v1/projects?sort=relevance"), HttpStatusCode.BadRequest, "validation_failed");
        withoutQ.GetProperty("errors").TryGetProperty("sort", out _).Should().BeTrue("relevance ranks the matches of a search: {0}", withoutQ);
        await Ok(await Admin.GetAsync("/api/v1/projects?sort=id"));
    }

    [Test]
    public async Task Terms_stored_before_the_weights_are_weighed_at_start_up()
    {
        await SearchSchools();
        var inCanvas = await Project("Projet un", [Galois], needs: "Un potager.");
        var inTitle = await Project("Potager", [Galois]);
        await Db.WriteAsync((c, t) => c.ExecuteAsync(UnweightSql, transaction: t), CancellationToken.None);

        await new ProjectSearchIndex.Backfill(Db).StartAsync(CancellationToken.None);

        (await Db.ReadAsync(c => c.ExecuteScalarAsync<int>(CountUnweightedSql), CancellationToken.None)).Should().Be(0);
        (await ListIds(Admin, "q=potager")).Should().Equal(inTitle, inCanvas);
    }

    [Test]
    public async Task The_start_up_look_up_of_unweighted_terms_reads_an_index_not_every_term()
    {
        Assume.That(_engine, Is.EqualTo(Engine.Sqlite), "SQLite's query plan; SQL Server's filtered index is checked by the T-SQL parse");

        var explain = "EXPLAIN QUERY PLAN " + Db.Sql(ProjectSearchIndex.UnweightedSql);
        var steps = await Db.ReadAsync(c => c.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(explain), CancellationToken.None);
        var plan = string.Join(" | ", steps.Select(step => step.Detail));

        plan.Should().Contain("USING COVERING INDEX ix_project_search_term_unweighted", "migration 0009's index serves it");
    }

    private static ProjectTable.Row Copy(ProjectTable.Row row, string needs) => new()
    {
        Id = row.Id, Academie = row.Academie, Title = row.Title, Summary = row.Summary, Status = row.Status,
            ExternalReference = row.ExternalReference,
        Levels = row.Levels, PupilsConcerned = row.PupilsConcerned, PlannedStart = row.PlannedStart, PlannedEnd = row.PlannedEnd,
            IsPublic = row.IsPublic,
        Needs = needs, Objectives = row.Objectives, Actors = row.Actors, Resources = row.Resources, KeySteps = row.KeySteps,
        EvaluationIndicators = row.EvaluationIndicators, HasExperimentation = row.HasExperimentation,
    };
}

/// <summary>
/// The cursor of a relevance-ordered page is read from the page the database composed. SQL Server's
/// CONCAT spells a GUID in upper case (SQLite stores it in lower case): the cursor is the same either way.
/// </summary>
public sealed class ProjectListCursorTests
{
    [Test]
    public void A_relevance_cursor_holds_the_last_score_and_id_whatever_the_engine_spelling()
    {
        var id = Guid.CreateVersion7();
        var item = (string position) => $"{position}\u001fdraft\u001f2026-11-23T10:00:00Z\u001f1\u001f{{}}";
        foreach (var spelling in new[] { id.ToString(), id.ToString().ToUpperInvariant() })
        {
            var composed = Encoding.UTF8.GetBytes($"{item("4:" + spelling)}\u001e{item("3:" + Guid.CreateVersion7())}");
            var page = ProjectListPage.From(composed, limit: 1);

            ListProjects.DecodeRankedCursor(page.NextCursor).Should().Be((4, id));
            Cursor.Decode(page.NextCursor).Should().Be($"4:{id}");
        }
    }
}
