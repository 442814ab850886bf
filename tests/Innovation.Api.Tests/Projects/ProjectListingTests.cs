using System.Net;
using System.Text.Json;
using Dapper;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Modules.Projects.Features.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Innovation.Api.Tests.Projects;

/// <summary>
/// The list writes each project from the JSON stored on its row (ProjectListing) plus its status,
/// version and time of change: after every kind of change, an item must say what the project's
/// own read says.
/// </summary>
public sealed class ProjectListingTests(Engine engine) : ProjectSearchApiTest(engine)
{
    private static readonly string[] SummaryMembers =
        ["id", "title", "status", "academie", "schools", "themes", "plannedStart", "plannedEnd", "updatedAt", "version"];

    [Test]
    public async Task Each_item_matches_the_project_after_edits_transitions_attachments_and_renamed_schools()
    {
        await SearchSchools();
        var id = await Project("Classe dehors", [Galois, Jaures], ["wellBeing", "digitalAndAi"]);
        await ItemMatchesProject(id);

        var current = await Admin.GetAsync($"/api/v1/projects/{id}");
        var body = ValidProject("Classe dehors, deuxième année", [Jaures]);
        body["themes"] = new[] { "orientation" };
        body["plannedStart"] = null;
        body["plannedEnd"] = null;
        (await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/projects/{id}", body, current.Headers.ETag!.ToString())))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        await ItemMatchesProject(id);

        await MoveThrough(id, "submitted");
        await ItemMatchesProject(id);

        await Fund(id, "nefe");
        await ItemMatchesProject(id);

        var school = await Admin.GetAsync($"/api/v1/schools/{Jaures}");
        (await Admin.SendAsync(Request(HttpMethod.Put, $"/api/v1/schools/{Jaures}",
            new { uai = Jaures, name = "Collège Jean Jaurès (renommé)", type = "college", sector = "public", departement = "095" },
            school.Headers.ETag!.ToString()))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually(async () => (await Item(id)).GetProperty("schools")[0].GetProperty("name").GetString() == "Collège Jean Jaurès (renommé)",
            "the new name reaches the listing");
        await ItemMatchesProject(id);
    }

    [Test]
    public async Task Projects_stored_before_their_listing_existed_get_one_before_the_first_request()
    {
        await SearchSchools();
        var ids = new[] { await Project("Avant", [Galois]), await Project("Pendant", [Nimes]) };
        await Db.WriteAsync((c, t) => c.ExecuteAsync("UPDATE projects.project SET listing = NULL", transaction: t), CancellationToken.None);

        var backfill = Factory.Services.GetServices<IHostedService>().OfType<ProjectListing.Backfill>().Single();
        await backfill.StartAsync(CancellationToken.None);

        (await Db.ReadAsync(c => c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM projects.project WHERE listing IS NULL"), CancellationToken.None))
            .Should().Be(0);
        foreach (var id in ids)
        {
            await ItemMatchesProject(id);
        }
    }

    private async Task<JsonElement> Item(Guid id)
    {
        var page = await Ok(await Admin.GetAsync("/api/v1/projects?limit=200"));
        return page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
    }

    /// <summary>The item has exactly the summary's members, each written as the project's own read writes it.</summary>
    private async Task ItemMatchesProject(Guid id)
    {
        var project = await Ok(await Admin.GetAsync($"/api/v1/projects/{id}"));
        var item = await Item(id);
        item.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(SummaryMembers);
        foreach (var member in SummaryMembers.Where(m => m != "schools"))
        {
            item.GetProperty(member).GetRawText().Should().Be(project.GetProperty(member).GetRawText(), member);
        }

        Schools(item).Should().Equal(Schools(project));
    }

    private static List<(string? Uai, string? Name, string? Departement)> Schools(JsonElement project) =>
        [.. project.GetProperty("schools").EnumerateArray()
            .Select(s => (s.GetProperty("uai").GetString(), s.GetProperty("name").GetString(), s.GetProperty("departement").GetString()))];
}
