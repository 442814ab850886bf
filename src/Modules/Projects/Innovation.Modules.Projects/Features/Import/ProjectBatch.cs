using System.Data.Common;
using Dapper;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Projects.Features.Projects;

namespace Innovation.Modules.Projects.Features.Import;

/// <summary>
/// <see cref="ProjectTable.InsertAsync"/> and <see cref="ProjectTable.ReplaceAsync"/> for a whole
/// import batch: the same SQL texts and effects, but each statement prepared once and run for every
/// row of the batch (a project write is about ten statements; row by row, 20,000 projects took over
/// 20 s). Whatever a single project write maintains must be maintained here too (ADR 0014).
/// </summary>
internal static class ProjectBatch
{
    /// <summary>Inserts new projects (version 1) with their lists, and a "create" line in each history.</summary>
    public static async Task InsertManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ProjectTable.Record> records, string actor, DateTimeOffset now)
    {
        if (records.Count == 0)
        {
            return;
        }

        foreach (var row in records.Select(r => r.Row))
        {
            row.Version = 1;
            row.CreatedBy = row.UpdatedBy = actor;
            row.CreatedAt = row.UpdatedAt = now;
        }

        await connection.ExecuteAsync(ProjectTable.InsertSql, records.Select(r => r.Row), transaction);
        await InsertListsAsync(connection, transaction, records);
        await connection.ExecuteAsync(ProjectTable.AppendTransitionSql, records.Select(r => new
        {
            ProjectId = r.Row.Id, Action = "create", FromStatus = (string?)null, ToStatus = r.Row.Status, Reason = (string?)null, Actor = actor, Now = now,
        }), transaction);
    }

    /// <summary>
    /// Replaces each project's data and lists with the next record, one version up from the current
    /// row. False when any version moved meanwhile.
    /// </summary>
    public static async Task<bool> ReplaceManyAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(ProjectTable.Row Current, ProjectTable.Record Next)> changes, string actor, DateTimeOffset now)
    {
        if (changes.Count == 0)
        {
            return true;
        }

        foreach (var (current, next) in changes)
        {
            var row = next.Row;
            row.Version = current.Version + 1;
            row.CreatedBy = current.CreatedBy;
            row.CreatedAt = current.CreatedAt;
            row.UpdatedBy = actor;
            row.UpdatedAt = now;
        }

        if (await connection.ExecuteAsync(ProjectTable.UpdateSql, changes.Select(c => c.Next.Row), transaction) != changes.Count)
        {
            return false;
        }

        await connection.ExecuteAsync(ProjectTable.DeleteChildrenSql, changes.Select(c => new { c.Next.Row.Id }), transaction);
        await InsertListsAsync(connection, transaction, [.. changes.Select(c => c.Next)]);
        return true;
    }

    private static async Task InsertListsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ProjectTable.Record> records)
    {
        await connection.ExecuteAsync(ProjectTable.InsertSchoolSql,
            records.SelectMany(r => r.Schools.Select((s, i) => new { ProjectId = r.Row.Id, s.Uai, Position = i + 1 })), transaction);
        await connection.ExecuteAsync(ProjectTable.InsertThemeSql,
            records.SelectMany(r => r.Themes.Select(t => new { ProjectId = r.Row.Id, Theme = t })), transaction);
        await connection.ExecuteAsync(ProjectTable.InsertTagSql,
            records.SelectMany(r => r.Tags.Select(t => new { ProjectId = r.Row.Id, Tag = t })), transaction);
        await connection.ExecuteAsync(ProjectTable.InsertMemberSql, records.SelectMany(r => r.Team.Select(m => new
        {
            ProjectId = r.Row.Id, m.Position, m.Role, m.Name, m.Email, EmailKey = m.Email is null ? null : PersonErased.KeyOf(m.Email), m.ErasedAt,
        })), transaction);
    }
}
