using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Evaluation;

public sealed class ReportTests(Engine engine) : CampaignApiTest(engine)
{
    private const string Reports = "/api/v1/evaluation/reports";

    private static readonly Guid Project = Guid.Parse("0196a3f0-0000-7000-8000-0000000000a1");

    private static Dictionary<string, object?> ReportBody(string title, string kind = "practiceNarrative", params object[] authors) => new()
    {
        ["kind"] = kind,
        ["title"] = title,
        ["text"] = "Nous avons commencé par une demi-journée par semaine dans le parc, avec les élèves de CE2.",
        ["authors"] = authors.Length == 0 ? new object[] { new { name = "Léa Fontaine" } } : authors,
        ["links"] = new[] { "https://www.example.org/classe-dehors" },
        ["attachedTo"] = new { type = "project", id = Project },
    };

    private async Task<(string Id, string ETag)> Create(Dictionary<string, object?> body)
    {
        var response = await Evaluator.PostAsJsonAsync(Reports, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return (JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!, response.Headers.ETag!.ToString());
    }

    [Test]
    public async Task Narratives_and_monographs_are_recorded_searched_and_replaced()
    {
        var (narrative, etag) = await Create(ReportBody("Une classe dehors, récit d'une année"));
        var (monograph, _) = await Create(ReportBody("Monographie du projet jardin", "monograph"));

        var read = await Json(await Evaluator.GetAsync($"{Reports}/{narrative}"));
        read.GetProperty("authors")[0].GetProperty("name").GetString().Should().Be("Léa Fontaine");
        read.GetProperty("attachedTo").GetProperty("type").GetString().Should().Be("project");

        async Task<IEnumerable<string?>> Found(string query) =>
            (await Json(await Evaluator.GetAsync($"{Reports}?{query}"))).GetProperty("items").EnumerateArray()
                .Select(r => r.GetProperty("id").GetString());
        (await Found("q=RECIT")).Should().Equal(narrative);
        (await Found("q=demi%20journee")).Should().Equal(narrative, monograph);
        (await Found("kind=monograph")).Should().Equal(monograph);
        (await Found($"attachedType=project&attachedId={Project}&q=jardin")).Should().Equal(monograph);
        (await Found("q=fontaine")).Should().BeEmpty("authors' names are not searched");
        await Problem(await Evaluator.GetAsync($"{Reports}?kind=poem"), HttpStatusCode.BadRequest, "validation_failed");

        var bad = ReportBody("Lien");
        bad["links"] = new[] { "javascript:alert(1)" };
        bad["attachedTo"] = null;
        (await Problem(await Evaluator.PostAsJsonAsync(Reports, bad), HttpStatusCode.BadRequest, "validation_failed"))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(["links[0]", "attachedTo"]);

        var changed = ReportBody("Une classe dehors, deux années");
        await Problem(await Evaluator.SendAsync(Request(HttpMethod.Put, $"{Reports}/{narrative}", changed)),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        var replaced = await Evaluator.SendAsync(Request(HttpMethod.Put, $"{Reports}/{narrative}", changed, etag));
        replaced.StatusCode.Should().Be(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        (await Found("q=deux%20annees")).Should().Equal(narrative);
        (await Found("q=recit")).Should().BeEmpty("the search terms were rewritten");
        await Problem(await Evaluator.SendAsync(Request(HttpMethod.Put, $"{Reports}/{narrative}", changed, etag)),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
    }

    [Test]
    public async Task An_erased_author_loses_the_name_and_another_academie_sees_nothing()
    {
        var person = await Person("lea.fontaine@ac-versailles.fr");
        var (report, etag) = await Create(ReportBody("Récit partagé", "practiceNarrative",
            new { name = "Léa Fontaine", personId = person }, new { name = "Équipe du parc" }));
        var other = await ClientFor("70", "evaluation:read", "evaluation:write");
        await Problem(await other.GetAsync($"{Reports}/{report}"), HttpStatusCode.NotFound, "not_found");
        await Problem(await other.SendAsync(Request(HttpMethod.Put, $"{Reports}/{report}", ReportBody("Intrus"), etag)),
            HttpStatusCode.NotFound, "not_found");
        (await Json(await other.GetAsync($"{Reports}?q=recit"))).GetProperty("items").GetArrayLength().Should().Be(0);
        var foreign = ReportBody("Intrus");
        foreign["academie"] = "25";
        await Problem(await other.PostAsJsonAsync(Reports, foreign), HttpStatusCode.Forbidden, "academie_forbidden");
        var unknown = ReportBody("Inconnu", "monograph", new { name = "X", personId = Guid.NewGuid() });
        (await Problem(await Evaluator.PostAsJsonAsync(Reports, unknown), HttpStatusCode.BadRequest, "validation_failed"))
            .GetProperty("errors").TryGetProperty("authors[0].personId", out _).Should().BeTrue();

        (await Admin.PostAsync($"/api/v1/people/{person}/erase", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually(async () => (await Json(await Evaluator.GetAsync($"{Reports}/{report}"))).GetProperty("authors")[0]
            .GetProperty("erased").GetBoolean(), "PersonErased reaches the reports");
        var authors = (await Json(await Evaluator.GetAsync($"{Reports}/{report}"))).GetProperty("authors");
        authors[0].GetProperty("name").ValueKind.Should().Be(JsonValueKind.Null);
        authors[1].GetProperty("name").GetString().Should().Be("Équipe du parc");
        (await Admin.GetStringAsync($"/api/v1/audit?module=evaluation&resourceId={report}")).Should().NotContain("Léa Fontaine");
    }
}
