using System.Net;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Projects.Features.Projects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Innovation.Api.Tests.Projects;

/// <summary>
/// GET /projects/{id} and the projects list write a project from the JSON stored on its row
/// (ProjectViews) plus the members read from their columns: after every kind of change, both must
/// say what the project's data says, composed afresh.
/// </summary>
public sealed class ProjectViewsTests(Engine engine) : ProjectSearchApiTest(engine)
{
    private static readonly string[] SummaryMembers =
        ["id", "title", "status", "academie", "schools", "themes", "plannedStart", "plannedEnd", "updatedAt", "version"];

    [Test]
    public async Task Both_views_follow_edits_transitions_attachments_renamed_schools_erasure_and_other_modules()
    {
        await SearchSchools();
        var created = await CreateProject(ValidProject("Classe dehors", [Galois, Jaures]));
        var id = created.GetProperty("id").GetGuid();
        SameMembers(created, await Composed(id), "the creation answers the project as stored");
        await ViewsMatchProject(id);

        var current = await Admin.GetAsync($"/api/v1/projects/{id}");
        var body = ValidProject("Classe dehors, deuxième année", [Jaures]);
        body["themes"] = new[] { "orientation" };
        body["plannedStart"] = null;
        body["plannedEnd"] = null;
        (await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}", body, current.Headers.ETag!.ToString())))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        await ViewsMatchProject(id);

        await MoveThrough(id, "submitted");
        await ViewsMatchProject(id);

        await Fund(id, "nefe");
        await MarkExperimentation(id);
        await ViewsMatchProject(id);

        var school = await Admin.GetAsync($"/api/v1/schools/{Jaures}");
        (await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/schools/{Jaures}",
            new { uai = Jaures, name = "Collège Jean Jaurès (renommé)", type = "college", sector = "public", departement = "095", status = "closed" },
            school.Headers.ETag!.ToString()))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually(async () => (await Item(id)).GetProperty("schools")[0].GetProperty("name").GetString() == "Collège Jean Jaurès (renommé)",
            "the new name reaches the views");
        await ViewsMatchProject(id);

        await Db.WriteAsync((c, t) => Outbox.EnqueueAsync(c, t, "networks",
            new PersonErased(Guid.NewGuid(), "25", PersonErased.KeyOf("ada.lovelace@ac-versailles.fr")), DateTimeOffset.UtcNow),
                CancellationToken.None);
        await Eventually(async () => !(await Admin.GetStringAsync($"/api/v1/projects/{id}")).Contains("Lovelace"),
            "the erasure reaches the document");
        await ViewsMatchProject(id);
    }

    [Test]
    public async Task Projects_stored_before_their_views_existed_get_them_before_the_first_request()
    {
        await SearchSchools();
        var ids = new[] { await Project("Avant", [Galois]), await Project("Pendant", [Nimes]) };
        await Db.WriteAsync((c, t) => c.ExecuteAsync("UPDATE projects.project SET listing = NULL, document = NULL", transaction: t),
            CancellationToken.None);

        var backfill = Factory.Services.GetServices<IHostedService>().OfType<ProjectViews.Backfill>().Single();
        await backfill.StartAsync(CancellationToken.None);

        (await Db.ReadAsync(c => c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM projects.project WHERE listing IS NULL OR document IS NULL"),
            CancellationToken.None)).Should().Be(0);
        foreach (var id in ids)
        {
            await ViewsMatchProject(id);
        }
    }

    private async Task<JsonElement> Item(Guid id)
    {
        var page = await Ok(await Admin.GetAsync("/api/v1/projects?limit=200"));
        return page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
    }

    /// <summary>
    /// The project composed afresh from its tables, serialized as the API serializes: GET answers
    /// exactly its members, and the list item the summary's, spelt alike.
    /// </summary>
    private async Task ViewsMatchProject(Guid id)
    {
        var expected = await Composed(id);
        SameMembers(await Ok(await Admin.GetAsync($"/api/v1/projects/{id}")), expected, "GET answers the project as stored");

        var item = await Item(id);
        item.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(SummaryMembers);
        foreach (var member in SummaryMembers.Where(m => m != "schools"))
        {
            item.GetProperty(member).GetRawText().Should().Be(expected.GetProperty(member).GetRawText(), member);
        }

        Schools(item).Should().Equal(Schools(expected));
    }

    private async Task<JsonElement> Composed(Guid id)
    {
        var record = await Db.ReadAsync(c => ProjectTable.LoadAsync(c, id), CancellationToken.None);
        return JsonDocument.Parse(JsonSerializer.Serialize(record!.ToProject(), ApiJson.Options)).RootElement;
    }

    private static void SameMembers(JsonElement actual, JsonElement expected, string because)
    {
        actual.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(expected.EnumerateObject().Select(p => p.Name), because);
        foreach (var member in expected.EnumerateObject())
        {
            actual.GetProperty(member.Name).GetRawText().Should().Be(member.Value.GetRawText(), $"{because} ({member.Name})");
        }
    }

    private static List<(string? Uai, string? Name, string? Departement)> Schools(JsonElement project) =>
        [.. project.GetProperty("schools").EnumerateArray()
            .Select(s => (s.GetProperty("uai").GetString(), s.GetProperty("name").GetString(), s.GetProperty("departement").GetString()))];
}
