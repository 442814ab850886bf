using System.Data.Common;
using System.Text.Json;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.Modules.Projects.Domain;
using Innovation.Modules.Projects.Features.Search;
using Microsoft.Extensions.Hosting;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// A project as the API shows it, kept as JSON on its row (ADR 0017): <c>listing</c>, the item of
/// the projects list, and <c>document</c>, the answer of GET /projects/{id}. Reading one is then a
/// single statement of a few columns, sent without serialization. They hold what only a replace
/// of the project, a change of one of its schools in the directory or an erasure changes. Status,
/// version, the time of the last change and the experimentation flag move with transitions,
/// attachments and other modules, so they are read from their own columns and added when the
/// view is written (<see cref="StoredJson"/>).
/// </summary>
internal static class ProjectViews
{
    internal const string SchoolsSql = """
        SELECT uai AS Uai, name AS Name, departement AS Departement, type AS Type, status AS Status
        FROM projects.school WHERE uai IN @Uais
        """;

    internal const string ProjectsOfSchoolSql = "SELECT project_id FROM projects.project_school WHERE uai = @Uai";

    internal const string WriteSql = "UPDATE projects.project SET listing = @Listing, document = @Document WHERE id = @Id";

    internal const string MissingSql = "SELECT id FROM projects.project WHERE listing IS NULL OR document IS NULL ORDER BY id {{limit @Take}}";

    /// <summary>The stored part of a <see cref="ProjectSummary"/>.</summary>
    internal sealed record Listing(
        Guid Id, string Title, string Academie, IReadOnlyList<ProjectSummarySchool> Schools, IReadOnlyList<ProjectTheme> Themes,
        DateOnly? PlannedStart, DateOnly? PlannedEnd);

    /// <summary>The stored part of a <see cref="Project"/>.</summary>
    internal sealed record Document(
        Guid Id, string Title, string Summary, string Academie, IReadOnlyList<ProjectSchool> Schools, IReadOnlyList<ProjectTheme> Themes,
        IReadOnlyList<string> Tags, IReadOnlyList<EducationLevel> Levels, int? PupilsConcerned, DateOnly? PlannedStart, DateOnly? PlannedEnd,
        bool IsPublic, string? ExternalReference, IReadOnlyList<TeamMember> Team, Canvas Canvas, DateTimeOffset CreatedAt);

    /// <summary>
    /// Sets <paramref name="record"/>'s listing and document, its schools described by Projects' copy of
    /// the directory (a draft names its schools by UAI only), and returns the project they describe.
    /// </summary>
    public static async Task<Project> ComposeAsync(DbConnection connection, DbTransaction? transaction, ProjectTable.Record record)
    {
        var known = (await connection.QueryAsync<ProjectTable.SchoolRow>(SchoolsSql, new { Uais = record.Schools.Select(s => s.Uai).ToList() }, transaction))
            .ToDictionary(s => s.Uai, StringComparer.Ordinal);
        var project = (record with { Schools = [.. record.Schools.Select(s => known.GetValueOrDefault(s.Uai) ?? s)] }).ToProject();
        record.Row.Listing = JsonSerializer.Serialize(
            new Listing(
                project.Id, project.Title, project.Academie, [.. project.Schools.Select(s => new ProjectSummarySchool(s.Uai, s.Name, s.Departement))],
                project.Themes, project.PlannedStart, project.PlannedEnd),
            ApiJson.Options);
        record.Row.Document = JsonSerializer.Serialize(
            new Document(
                project.Id, project.Title, project.Summary, project.Academie, project.Schools, project.Themes, project.Tags, project.Levels,
                project.PupilsConcerned, project.PlannedStart, project.PlannedEnd, project.IsPublic, project.ExternalReference, project.Team,
                project.Canvas, project.CreatedAt),
            ApiJson.Options);
        return project;
    }

    /// <summary>Rewrites the views of every project of a school the directory has just described anew.</summary>
    public static async Task RefreshSchoolAsync(DbConnection connection, DbTransaction transaction, string uai) =>
        await RefreshAsync(connection, transaction, await connection.QueryAsync<Guid>(ProjectsOfSchoolSql, new { Uai = uai }, transaction));

    /// <summary>Rewrites the views of these projects from their current data.</summary>
    public static async Task RefreshAsync(DbConnection connection, DbTransaction transaction, IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            if (await ProjectTable.LoadAsync(connection, id, transaction) is { } record)
            {
                await ComposeAsync(connection, transaction, record);
                await connection.ExecuteAsync(WriteSql, new { Id = id, record.Row.Listing, record.Row.Document }, transaction);
            }
        }
    }

    /// <summary>
    /// Composes the views of projects stored before the views existed, before the API serves its
    /// first request (hosted services start before the server listens).
    /// </summary>
    internal sealed class Backfill(Db db) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var sql = db.Sql(MissingSql);
            while ((await db.ReadAsync(c => c.QueryAsync<Guid>(sql, new { Take = 200 }), cancellationToken)).ToList() is { Count: > 0 } ids)
            {
                await db.WriteAsync((c, t) => RefreshAsync(c, t, ids), cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
