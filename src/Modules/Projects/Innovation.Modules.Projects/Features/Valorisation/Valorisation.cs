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

/// <summary>
/// The removal of one valorisation record of a project (a prize standing, a gazette feature): what tells the records apart is
/// the table's <paramref name="DeleteSql"/> and the record's <paramref name="Key"/>; the rule is <see cref="ValorisationTable.RemoveAsync"/>.
/// </summary>
/// <param name="Id">The project's id.</param>
/// <param name="DeleteSql">Deletes the record by <c>@ProjectId</c> and its key.</param>
/// <param name="Key">The statement's parameters.</param>
/// <param name="What">What the 404 of a missing record names.</param>
/// <param name="KeyText">The record's key as the 404 says it.</param>
/// <param name="IfMatch">The project's version the client read.</param>
/// <param name="Caller">Who removes it.</param>
internal sealed record ValorisationRemoval(Guid Id, string DeleteSql, object Key, string What, string KeyText, int? IfMatch, Caller Caller)
    : IRequest<ProjectValorisation>
{
    /// <summary>What every removal says after its own sentence.</summary>
    internal const string Rules = "Requires If-Match with the project's ETag; the new ETag comes back in the response header. "
        + "Needs `projects:write`. A project of another académie is a 404.";

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<ValorisationRemoval, ProjectValorisation>
    {
        public Task<ProjectValorisation> Handle(ValorisationRemoval command, CancellationToken cancellationToken) =>
            ValorisationTable.RemoveAsync(
                db, time, command.Id, command.IfMatch, command.Caller, command.DeleteSql, command.Key, command.What, command.KeyText,
                cancellationToken);
    }

    /// <summary>Sends the removal of the record with the request's If-Match (428 without); 204 with the project's new ETag.</summary>
    public static async Task<NoContent> RemovedAsync(
        HttpContext http, IMediator mediator, Func<int?, Caller, ValorisationRemoval> command, CancellationToken cancellationToken)
    {
        var valorisation = await mediator.Send(command(ETags.RequiredIfMatch(http.Request), http.Caller()), cancellationToken);
        http.Response.Headers.ETag = ETags.For(valorisation.Version);
        return TypedResults.NoContent();
    }
}

internal static class ValorisationRemovalEndpoint
{
    /// <summary>A removal's authorization, names and answers: 204 with the new ETag, 404; its description ends with the shared rules.</summary>
    public static RouteHandlerBuilder RemovesValorisation(this RouteHandlerBuilder endpoint, string name, string summary, string description) =>
        endpoint.RequireAuthorization(Scopes.ProjectsWrite)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description + " " + ValorisationRemoval.Rules)
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
}

/// <summary>
/// What the valorisation lists (a year's prize list, a gazette issue) share: each lists projects of one valorisation table
/// (aliased <c>v</c>, joined to <c>projects.project p</c>) with their title, status and académie, within the caller's
/// académie (or the one a national caller names), by project id with cursor pagination.
/// </summary>
internal static class ValorisationList
{
    /// <summary>The listed project's columns, first in the SELECT list: a list's own columns follow.</summary>
    internal const string ProjectColumns = "v.project_id AS ProjectId, p.title AS ProjectTitle, p.status AS Status, v.academie AS Academie, ";

    /// <summary>The académie filters and the page, after a list's own conditions.</summary>
    internal const string PageConditions = """

          AND (@CallerAcademie IS NULL OR v.academie = @CallerAcademie)
          AND (@Academie IS NULL OR v.academie = @Academie)
          AND v.project_id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY v.project_id
        {{limit @Take}}
        """;

    /// <summary>A listed project as <see cref="ProjectColumns"/> reads it.</summary>
    internal abstract class Row
    {
        public Guid ProjectId { get; set; }
        public string ProjectTitle { get; set; } = "";
        public string Status { get; set; } = "";
        public string Academie { get; set; } = "";

        public ProjectStatus ProjectStatus => StableCode.Parse<ProjectStatus>(Status);
    }

    /// <summary>
    /// A page of <paramref name="listSql"/> with the list's own <paramref name="parameters"/>, in the académie a national caller
    /// names in <paramref name="academie"/> (or the caller's own).
    /// </summary>
    public static async Task<Page<TEntry>> ListAsync<TRow, TEntry>(
        Db db, IMediator mediator, Caller caller, string listSql, object parameters, string? academie, int limit, string? cursor,
        Func<TRow, TEntry> toEntry, Func<TEntry, Guid> projectId, CancellationToken cancellationToken)
        where TRow : Row
    {
        var named = await CreateProject.NamedAcademieAsync(mediator, academie, cancellationToken);
        var page = PageRequest.AfterId(limit, cursor);
        var arguments = new DynamicParameters(parameters);
        arguments.AddDynamicParams(new { CallerAcademie = caller.Academie, Academie = named, page.After, page.Take });
        var rows = await db.ReadAsync(c => c.QueryAsync<TRow>(db.Sql(listSql), arguments), cancellationToken);
        return page.PageOf([.. rows.Select(toEntry)], e => projectId(e).ToString());
    }
}
