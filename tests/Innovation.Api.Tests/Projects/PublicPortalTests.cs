using System.Net;
using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests.Projects;

public sealed class PublicPortalTests(Engine engine) : ProjectSearchApiTest(engine)
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["RateLimiting:PublicBurst"] = "1000";
            settings["RateLimiting:AnonymousBurst"] = "1000";
            return settings;
        }
    }

    private Guid _validated, _inProgress, _archived, _private, _draft, _rejected;

    [SetUp]
    public async Task PublishedAndUnpublishedProjects()
    {
        await SearchSchools();
        _validated = await Project("Classe dehors", [Galois], ["wellBeing"], needs: "Des élèves peu à l'aise à l'oral.");
        await MoveThrough(_validated, "submitted", "validated");
        _inProgress = await Project("Garrigue vivante", [Nimes], ["scienceAndGenderMix"]);
        await MoveThrough(_inProgress, "submitted", "validated", "inProgress");
        _archived = await Project("Robotique", [Jaures], ["digitalAndAi"]);
        await MoveThrough(_archived, "submitted", "validated", "inProgress", "completed", "archived");
        _private = await Project("Projet confidentiel", [Galois], isPublic: false);
        await MoveThrough(_private, "submitted", "validated");
        _draft = await Project("Brouillon public", [Galois]);
        _rejected = await Project("Projet rejeté", [Galois]);
        await MoveThrough(_rejected, "submitted", "rejected");
    }

    [Test]
    public async Task The_portal_lists_only_public_projects_validated_or_later_without_credentials()
    {
        var response = await Anonymous().GetAsync("/api/v1/public/projects");

        Ids(await Ok(response)).Should().BeEquivalentTo([_validated, _inProgress, _archived]);
    }

    [Test]
    public async Task The_portal_leaks_nothing_personal()
    {
        var list = await Anonymous().GetStringAsync("/api/v1/public/projects");
        var one = await Anonymous().GetStringAsync($"/api/v1/public/projects/{_validated}");

        foreach (var body in new[] { list, one })
        {
            body.Should().NotContainAny("Ada", "Lovelace", "Blaise", "Pascal", "ac-versailles", "@", "team", "email", "externalReference",
                "createdBy",
                "updatedBy", "actors", "Deux professeurs");
        }

        var project = System.Text.Json.JsonDocument.Parse(one).RootElement;
        project.GetProperty("title").GetString().Should().Be("Classe dehors");
        project.GetProperty("status").GetString().Should().Be("validated");
        project.GetProperty("schools")[0].GetProperty("uai").GetString().Should().Be(Galois);
        project.GetProperty("objectives").GetString().Should().Be("Des objectifs.");
        project.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            ["id", "title", "summary", "academie", "status", "schools", "themes", "tags", "levels", "objectives", "plannedStart", "plannedEnd",
                "updatedAt"]);
    }

    [Test]
    public async Task An_unpublished_or_unknown_project_is_a_404()
    {
        foreach (var id in new[] { _private, _draft, _rejected, Guid.CreateVersion7() })
        {
            await Problem(await Anonymous().GetAsync($"/api/v1/public/projects/{id}"), HttpStatusCode.NotFound, "not_found");
        }

        (await Anonymous().GetAsync($"/api/v1/public/projects/{_archived}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_portal_filters_and_pages()
    {
        var anonymous = Anonymous();
        Ids(await Ok(await anonymous.GetAsync("/api/v1/public/projects?theme=wellBeing"))).Should().Equal(_validated);
        Ids(await Ok(await anonymous.GetAsync("/api/v1/public/projects?academie=11"))).Should().Equal(_inProgress);
        Ids(await Ok(await anonymous.GetAsync("/api/v1/public/projects?departement=95"))).Should().BeEquivalentTo([_validated, _archived]);
        Ids(await Ok(await anonymous.GetAsync("/api/v1/public/projects?q=ORAL"))).Should().Equal(_validated);
        Ids(await Ok(await anonymous.GetAsync("/api/v1/public/projects?q=confidentiel"))).Should().BeEmpty();

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Ok(await anonymous.GetAsync($"/api/v1/public/projects?limit=1{(cursor is null ? "" : "&cursor=" + cursor)}"));
            seen.AddRange(Ids(page));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null && seen.Count < 10);

        seen.Should().Equal(new[] { _validated, _inProgress, _archived }.OrderBy(g => g.ToString(), StringComparer.Ordinal));
        await Problem(await anonymous.GetAsync("/api/v1/public/projects?status=draft"), HttpStatusCode.BadRequest, "validation_failed");
    }
}

public sealed class PublicPortalRateLimitTests(Engine engine) : ProjectSearchApiTest(engine)
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["RateLimiting:PublicBurst"] = "3";
            settings["RateLimiting:PublicPermitsPerMinute"] = "1";
            return settings;
        }
    }

    [Test]
    public async Task The_portal_is_rate_limited_more_strictly_than_authenticated_calls()
    {
        var anonymous = Anonymous();
        for (var i = 0; i < 3; i++)
        {
            (await anonymous.GetAsync("/api/v1/public/projects")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var refused = await anonymous.GetAsync("/api/v1/public/projects");
        await Problem(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeGreaterThanOrEqualTo(1);

        for (var i = 0; i < 5; i++)
        {
            (await Admin.GetAsync("/api/v1/projects")).StatusCode.Should().Be(HttpStatusCode.OK, "authenticated calls have a larger allowance");
        }
    }
}
