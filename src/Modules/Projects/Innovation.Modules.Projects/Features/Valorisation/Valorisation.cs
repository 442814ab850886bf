using System.Data.Common;
using Innovation.Modules.Projects.Features.Lifecycle;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Innovation.Modules.Projects.Features.Valorisation;

/// <summary>A project's standing for the académie's annual innovation prize.</summary>
internal enum PrizeStanding
{
    /// <summary>Shortlisted for the year's prize.</summary>
    Candidate,

    /// <summary>On the year's laureate list.</summary>
    Laureate,
}

/// <summary>How a project was valorised: its prize standings and the gazette issues that featured it.</summary>
/// <param name="ProjectId">The project's id.</param>
/// <param name="Prizes">Prize standings, most recent year first.</param>
/// <param name="Gazette">Gazette features, most recent issue first.</param>
/// <param name="Version">The project's version (also the ETag): valorisation changes move it.</param>
internal sealed record ProjectValorisation(Guid ProjectId, IReadOnlyList<PrizeEntry> Prizes, IReadOnlyList<GazetteFeature> Gazette, int Version);

/// <summary>A project's standing for one year's prize.</summary>
/// <param name="Year" example="2026">Prize year.</param>
/// <param name="Standing">candidate or laureate.</param>
/// <param name="MarkedAt">When the standing was last set.</param>
internal sealed record PrizeEntry(int Year, PrizeStanding Standing, DateTimeOffset MarkedAt);

/// <summary>A gazette issue featuring the project.</summary>
/// <param name="Issue" example="2026-03">The issue, as year-month.</param>
/// <param name="Title" example="La classe dehors, un an après">The article's title.</param>
/// <param name="FeaturedAt">When the feature was recorded.</param>
internal sealed record GazetteFeature(string Issue, string Title, DateTimeOffset FeaturedAt);

/// <summary>The valorisation tables and the rule every valorisation write shares.</summary>
internal static class ValorisationTable
{
    internal const string LoadSql = """
        SELECT year AS Year, standing AS Standing, marked_at AS MarkedAt FROM projects.project_prize WHERE project_id = @Id ORDER BY year DESC;
        SELECT issue AS Issue, title AS Title, featured_at AS FeaturedAt FROM projects.project_gazette WHERE project_id = @Id ORDER BY issue DESC
        """;

    internal sealed class PrizeRow
    {
        public int Year { get; set; }
        public string Standing { get; set; } = "";
        public DateTimeOffset MarkedAt { get; set; }
    }

    internal sealed class GazetteRow
    {
        public string Issue { get; set; } = "";
        public string Title { get; set; } = "";
        public DateTimeOffset FeaturedAt { get; set; }
    }

    public static async Task<ProjectValorisation> LoadAsync(DbConnection connection, ProjectTable.Row project, DbTransaction? transaction = null)
    {
        using var reader = await connection.QueryMultipleAsync(LoadSql, new { project.Id }, transaction);
        var prizes = (await reader.ReadAsync<PrizeRow>())
            .Select(p => new PrizeEntry(p.Year, StableCode.Parse<PrizeStanding>(p.Standing), p.MarkedAt)).ToList();
        var gazette = (await reader.ReadAsync<GazetteRow>()).Select(g => new GazetteFeature(g.Issue, g.Title, g.FeaturedAt)).ToList();
        return new ProjectValorisation(project.Id, prizes, gazette, project.Version);
    }

    /// <summary>
    /// The project a valorisation write applies to: visible (404), at the version the client read
    /// (412), validated or later (409 <c>not_valorisable</c>). The caller's scope is the endpoint's.
    /// </summary>
    public static async Task<ProjectTable.Row> FindValorisableAsync(
        DbConnection connection, DbTransaction transaction, Guid id, int? ifMatch, Caller caller)
    {
        var row = await ProjectAccess.FindVisibleAsync(connection, id, caller, transaction);
        ETags.EnsureCurrent(ifMatch, row.Version);

        return ProjectLifecycle.IsValidatedOrLater(row.StatusCode)
            ? row
            : throw ProblemException.Conflict("not_valorisable",
                    "Only validated projects (validated, inProgress, completed or archived) can be prize candidates, laureates or featured "
                    + $"in the gazette; this one is {row.Status}.")
                .With("currentStatus", row.Status);
    }

    /// <summary>Moves the project one version up after a valorisation change, and returns the new valorisation.</summary>
    public static async Task<ProjectValorisation> TouchAsync(
        DbConnection connection, DbTransaction transaction, ProjectTable.Row row, Caller caller, DateTimeOffset now, ProjectValorisation before,
        string action)
    {
        if (!await ProjectTable.TouchAsync(connection, transaction, row.Id, row.Version, caller.Id, now))
        {
            throw ETags.Stale(row.Version);
        }

        row.Version++;
        var after = await LoadAsync(connection, row, transaction);
        await ProjectAttachments.Rules.AuditAsync(connection, transaction, row, caller, now, "valorisation", null, action, before, after);
        return after;
    }

    /// <summary>
    /// Deletes one valorisation record (<paramref name="deleteSql"/> with <paramref name="key"/>) of a visible project at
    /// the version the client read (412); a record that is not there is a 404 naming <paramref name="what"/>. No status rule:
    /// what was set while the project qualified can always be withdrawn.
    /// </summary>
    public static Task<ProjectValorisation> RemoveAsync(
        Db db, TimeProvider time, Guid id, int? ifMatch, Caller caller, string deleteSql, object key, string what, string keyText,
        CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            var row = await ProjectAccess.FindVisibleAsync(c, id, caller, t);
            ETags.EnsureCurrent(ifMatch, row.Version);

            var before = await LoadAsync(c, row, t);
            if (await c.ExecuteAsync(deleteSql, key, t) == 0)
            {
                throw ProblemException.NotFound(what, keyText);
            }

            return await TouchAsync(c, t, row, caller, time.GetUtcNow(), before, "remove");
        }, cancellationToken);
}

/// <summary>The HTTP side of removing a valorisation record: If-Match required, 204 with the project's new ETag, 404.</summary>
internal static class ValorisationRemoval
{
    public static async Task<NoContent> RemovedAsync(
        HttpContext http, IMediator mediator, Func<int?, IRequest<ProjectValorisation>> command, CancellationToken cancellationToken)
    {
        var valorisation = await mediator.Send(command(ETags.RequiredIfMatch(http.Request)), cancellationToken);
        http.Response.Headers.ETag = ETags.For(valorisation.Version);
        return TypedResults.NoContent();
    }

    public static RouteHandlerBuilder RemovesValorisation(this RouteHandlerBuilder endpoint, string name, string summary, string description) =>
        endpoint.RequireAuthorization(Scopes.ProjectsWrite)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description)
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
