using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Evaluation;

public sealed class GridTests(Engine engine) : CampaignApiTest(engine)
{
    private const string Grids = "/api/v1/evaluation/grids";

    private static object GridBody() => new
    {
        title = "Grille d'auto-positionnement de l'équipe",
        description = "Co-construite avec l'équipe le 5 octobre.",
        criteria = new object[]
        {
            new
            {
                code = "collaboration", label = "Travail collaboratif",
                levels = new[]
                {
                    new { label = "Émergent", descriptor = "Chacun travaille seul." },
                    new { label = "En construction", descriptor = "L'équipe se réunit quand un problème se pose." },
                    new { label = "Installé", descriptor = "L'équipe se réunit chaque semaine." },
                },
            },
            new
            {
                code = "reflexivite", label = "Réflexivité",
                levels = new[]
                {
                    new { label = "Rare", descriptor = "Peu de retours." }, new { label = "Régulière", descriptor = "Un carnet tenu." },
                },
            },
        },
    };

    private async Task<string> CreateGrid()
    {
        var response = await Evaluator.PostAsJsonAsync(Grids, GridBody());
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private async Task Position(string grid, object subject, string day, params (string Criterion, int Level)[] levels)
    {
        var response = await Evaluator.PostAsJsonAsync($"{Grids}/{grid}/positionings", new
        {
            subject, positionedOn = day, levels = levels.Select(l => new { criterion = l.Criterion, level = l.Level }).ToArray(),
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_person_and_a_team_position_themselves_and_their_progression_shows_per_criterion()
    {
        var person = await Person("camille.durand@ac-versailles.fr");
        var grid = await CreateGrid();
        var read = await Json(await Evaluator.GetAsync($"{Grids}/{grid}"));
        read.GetProperty("criteria")[0].GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("rank").GetInt32()).Should().Equal(1, 2, 3);
        (await Json(await Evaluator.GetAsync(Grids))).GetProperty("items").GetArrayLength().Should().Be(1);

        await Position(grid, new { personId = person, name = "Camille Durand" }, "2026-10-05", ("collaboration", 1), ("reflexivite", 1));
        await Position(grid, new { personId = person, name = "Camille Durand" }, "2027-03-10", ("reflexivite", 2), ("collaboration", 3));
        await Position(grid, new { team = "Équipe Jean Moulin" }, "2026-11-02", ("collaboration", 2));

        var progression = await Json(await Evaluator.GetAsync($"{Grids}/{grid}/progression?personId={person}"));
        var collaboration = progression.GetProperty("criteria")[0];
        collaboration.GetProperty("points").EnumerateArray()
            .Select(p => (p.GetProperty("positionedOn").GetString(), p.GetProperty("level").GetInt32()))
            .Should().Equal(("2026-10-05", 1), ("2027-03-10", 3));
        collaboration.GetProperty("points")[1].GetProperty("label").GetString().Should().Be("Installé");
        collaboration.GetProperty("change").GetInt32().Should().Be(2);
        progression.GetProperty("criteria")[1].GetProperty("change").GetInt32().Should().Be(1);
        var team = await Json(await Evaluator.GetAsync($"{Grids}/{grid}/progression?team={Uri.EscapeDataString("Équipe Jean Moulin")}"));
        team.GetProperty("criteria")[0].GetProperty("points").GetArrayLength().Should().Be(1);
        team.GetProperty("criteria")[1].GetProperty("change").ValueKind.Should().Be(JsonValueKind.Null);
        await Problem(await Evaluator.GetAsync($"{Grids}/{grid}/progression"), HttpStatusCode.BadRequest, "validation_failed");

        var invalid = await Evaluator.PostAsJsonAsync($"{Grids}/{grid}/positionings", new
        {
            subject = new { team = "Équipe Jean Moulin" }, positionedOn = "2027-01-01",
            levels = new object[] { new { criterion = "collaboration", level = 4 }, new { criterion = "inconnu", level = 1 } },
        });
        (await Problem(invalid, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo("levels[0].level", "levels[1].criterion");

        (await Admin.PostAsync($"/api/v1/people/{person}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually(async () => (await Json(await Evaluator.GetAsync($"{Grids}/{grid}/positionings"))).GetProperty("items")
            .EnumerateArray().Count(p => p.GetProperty("subjectErased").GetBoolean()) == 2, "PersonErased reaches the positionings");
        var positionings = await Evaluator.GetStringAsync($"{Grids}/{grid}/positionings");
        positionings.Should().NotContain("Camille Durand").And.NotContain(person).And.Contain("Équipe Jean Moulin");
        (await Admin.GetStringAsync($"/api/v1/audit?module=evaluation&resourceId={grid}")).Should().NotContain("Camille Durand");
    }

    [Test]
    public async Task Another_academies_grid_is_not_found_on_every_route()
    {
        var grid = await CreateGrid();
        var other = await ClientFor("70", "evaluation:read", "evaluation:write");
        await Problem(await other.GetAsync($"{Grids}/{grid}"), HttpStatusCode.NotFound, "not_found");
        await Problem(await other.GetAsync($"{Grids}/{grid}/positionings"), HttpStatusCode.NotFound, "not_found");
        await Problem(await other.GetAsync($"{Grids}/{grid}/progression?team=X"), HttpStatusCode.NotFound, "not_found");
        await Problem(await other.PostAsJsonAsync($"{Grids}/{grid}/positionings", new
        {
            subject = new { team = "X" }, positionedOn = "2027-01-01", levels = new[] { new { criterion = "collaboration", level = 1 } },
        }), HttpStatusCode.NotFound, "not_found");
        (await Json(await other.GetAsync(Grids))).GetProperty("items").GetArrayLength().Should().Be(0);
        var body = JsonSerializer.SerializeToElement(GridBody()).Deserialize<Dictionary<string, object?>>()!;
        body["academie"] = "25";
        await Problem(await other.PostAsJsonAsync(Grids, body), HttpStatusCode.Forbidden, "academie_forbidden");
    }
}
