using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Experimentation;

/// <summary>Projects learns from Experimentation's events which projects are official experimentations.</summary>
public sealed class ProjectFlagTests(Engine engine) : ExperimentationApiTest(engine)
{
    private async Task<string[]> FlaggedProjects(bool flag) =>
        [.. (await Json(await Admin.GetAsync($"/api/v1/projects?hasExperimentation={(flag ? "true" : "false")}"))).GetProperty("items")
            .EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];

    [Test]
    public async Task Has_experimentation_lists_exactly_the_projects_with_an_approved_running_or_closed_experimentation()
    {
        var approved = await KnownProject();
        await ExperimentationIn("approved", approved);
        var running = await KnownProject();
        await ExperimentationIn("running", running);
        var submitted = await KnownProject();
        var (pending, _) = await Create(submitted);
        await Ok(Team, pending, "submit");
        var rejected = await KnownProject();
        var (refused, _) = await Create(rejected);
        await Ok(Team, refused, "submit");
        await Ok(Dasen, refused, "reject", new { reason = "Aucune dérogation nécessaire." });
        var draft = await KnownProject();
        await Create(draft);

        await FeedWith("ExperimentationStarted", "ExperimentationRejected");
        await Eventually(async () => (await FlaggedProjects(true)).Length == 2, "Projects flags the approved experimentations' projects");
        (await FlaggedProjects(true)).Should().BeEquivalentTo([approved, running]);
        (await FlaggedProjects(false)).Should().BeEquivalentTo([submitted, rejected, draft]);
        (await Json(await Admin.GetAsync($"/api/v1/projects/{running}"))).GetProperty("hasExperimentation").GetBoolean().Should().BeTrue();
        (await Json(await Admin.GetAsync($"/api/v1/projects/{submitted}"))).GetProperty("hasExperimentation").GetBoolean().Should().BeFalse();
    }
}
