using System.Data.Common;

namespace Innovation.Modules.Projects.Features.Import;

/// <summary>
/// The projects an import batch's external references already name, read with their lists (one query for
/// the rows, one for the lists), the schools its rows name, the comparison that tells an unchanged row
/// from a replacement, and the batch's writes.
/// </summary>
internal static class ExistingProjects
{
    internal const string FindByReferencesSql = ProjectTable.SelectColumns + "WHERE academie = @Academie AND external_reference IN @References";

    internal const string ListsSql = """
        SELECT project_id AS ProjectId, position AS Position, uai AS Value FROM projects.project_school WHERE project_id IN @Ids;
        SELECT project_id AS ProjectId, 0 AS Position, theme AS Value FROM projects.project_theme WHERE project_id IN @Ids;
        SELECT project_id AS ProjectId, 0 AS Position, tag AS Value FROM projects.project_tag WHERE project_id IN @Ids;
        SELECT project_id AS ProjectId, position AS Position, role AS Role, name AS Name, email AS Email, erased_at AS ErasedAt
        FROM projects.project_member WHERE project_id IN @Ids
        """;

    /// <summary>At most this many values in one <c>IN</c> list (SQL Server takes 2,100 parameters per statement).</summary>
    internal const int MaxInList = 1000;

    /// <summary>A value of one of a project's lists, as read for the comparison.</summary>
    internal sealed class ListRow
    {
        public Guid ProjectId { get; set; }
        public int Position { get; set; }
        public string Value { get; set; } = "";
    }

    /// <summary>A team member as read for the comparison.</summary>
    internal sealed class MemberListRow
    {
        public Guid ProjectId { get; set; }
        public int Position { get; set; }
        public string Role { get; set; } = "";
        public string? Name { get; set; }
        public string? Email { get; set; }
        public DateTimeOffset? ErasedAt { get; set; }
    }

    /// <summary>An existing project of the batch and its lists.</summary>
    internal sealed record Existing(ProjectTable.Row Row, List<string> Schools, List<string> Themes, List<string> Tags, List<MemberListRow> Team)
    {
        /// <summary>The project as its audit shows it before the import replaces it.</summary>
        public ProjectTable.Record ToRecord() => new(Row, [.. Schools.Select(u => new ProjectTable.SchoolRow { Uai = u })], Themes, Tags,
            [.. Team.Select(m => new ProjectTable.MemberRow { Position = m.Position, Role = m.Role, Name = m.Name, Email = m.Email,
                ErasedAt = m.ErasedAt })]);
    }

    /// <summary>The existing projects <paramref name="keys"/> name, with their lists, by (académie, reference as written in the file).</summary>
    public static async Task<Dictionary<(string Academie, string Reference), Existing>> FindAsync(
        DbConnection connection, DbTransaction? transaction, IEnumerable<(string Academie, string Reference)> keys)
    {
        var found = new Dictionary<(string, string), Existing>();
        foreach (var group in keys.GroupBy(k => k.Academie, StringComparer.Ordinal))
        {
            var references = group.Select(k => k.Reference).ToList();
            foreach (var chunk in references.Chunk(MaxInList))
            {
                var matches = (await connection.QueryAsync<ProjectTable.Row>(FindByReferencesSql,
                    new { Academie = group.Key, References = chunk }, transaction)).ToList();

                // Exact match first; a case variant only when the engine's collation matched it (SQL Server's default).
                var exact = matches.ToDictionary(r => r.ExternalReference!, StringComparer.Ordinal);
                var folded = new Dictionary<string, ProjectTable.Row>(StringComparer.OrdinalIgnoreCase);
                foreach (var match in matches)
                {
                    folded.TryAdd(match.ExternalReference!, match);
                }

                foreach (var reference in chunk)
                {
                    if ((exact.GetValueOrDefault(reference) ?? folded.GetValueOrDefault(reference)) is { } row)
                    {
                        found[(group.Key, reference)] = new Existing(row, [], [], [], []);
                    }
                }
            }
        }

        var byId = found.Values.GroupBy(e => e.Row.Id).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var chunk in byId.Keys.Chunk(MaxInList))
        {
            // As text: Dapper expands a list without the Guid type handler, and both engines compare text with their id column.
            using var reader = await connection.QueryMultipleAsync(ListsSql, new { Ids = chunk.Select(id => id.ToString("D")).ToList() },
                transaction);
            foreach (var school in (await reader.ReadAsync<ListRow>()).OrderBy(s => s.Position))
            {
                byId[school.ProjectId].ForEach(e => e.Schools.Add(school.Value));
            }

            foreach (var theme in await reader.ReadAsync<ListRow>())
            {
                byId[theme.ProjectId].ForEach(e => e.Themes.Add(theme.Value));
            }

            foreach (var tag in await reader.ReadAsync<ListRow>())
            {
                byId[tag.ProjectId].ForEach(e => e.Tags.Add(tag.Value));
            }

            foreach (var member in (await reader.ReadAsync<MemberListRow>()).OrderBy(m => m.Position))
            {
                byId[member.ProjectId].ForEach(e => e.Team.Add(member));
            }
        }

        return found;
    }

    /// <summary>The schools of Projects' copy of the directory that <paramref name="uais"/> name, by UAI.</summary>
    public static async Task<Dictionary<string, ProjectSchools.Row>> SchoolsAsync(
        DbConnection connection, DbTransaction? transaction, IEnumerable<string> uais)
    {
        var known = new Dictionary<string, ProjectSchools.Row>(StringComparer.Ordinal);
        foreach (var chunk in uais.Distinct(StringComparer.Ordinal).Chunk(MaxInList))
        {
            foreach (var school in await connection.QueryAsync<ProjectSchools.Row>(
                ProjectSchools.FindSql, new { Uais = SqlDialect.For(connection).AnsiList(chunk) }, transaction))
            {
                known[school.Uai] = school;
            }
        }

        return known;
    }

    /// <summary>
    /// Writes a compared batch with ProjectTable's own writes, so whatever a project write maintains (history, search terms…) holds for
    /// imported projects too, then audits it; false when a project changed since the batch read it. Inside the batch's one transaction;
    /// a batched variant saved too little to be worth a second write path (ADR 0014).
    /// </summary>
    public static async Task<bool> SaveAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ProjectTable.Record> inserts,
        IReadOnlyList<(Existing Current, ProjectTable.Record Row)> updates, Caller caller, DateTimeOffset now)
    {
        foreach (var record in inserts)
        {
            await ProjectTable.InsertAsync(connection, transaction, record, caller.Id, now);
        }

        foreach (var (current, next) in updates)
        {
            if (!await ProjectTable.ReplaceAsync(connection, transaction, current.Row, next, caller.Id, now))
            {
                return false;
            }
        }

        await ProjectTable.AuditManyAsync(connection, transaction, [
            .. inserts.Select(r => ((ProjectTable.Record?)null, r)),
            .. updates.Select(u => ((ProjectTable.Record?)u.Current.ToRecord(), u.Row))], caller, now);
        return true;
    }

    /// <summary>True when the replacement would write exactly what the project already holds.</summary>
    internal static bool SameData(Existing current, ProjectTable.Record next)
    {
        var (a, b) = (current.Row, next.Row);
        return a.Title == b.Title && a.Summary == b.Summary && a.ExternalReference == b.ExternalReference && a.Levels == b.Levels
            && a.PupilsConcerned == b.PupilsConcerned && a.PlannedStart == b.PlannedStart && a.PlannedEnd == b.PlannedEnd && a.IsPublic == b.IsPublic
            && a.Needs == b.Needs && a.Objectives == b.Objectives && a.Actors == b.Actors && a.Resources == b.Resources
            && a.KeySteps == b.KeySteps && a.EvaluationIndicators == b.EvaluationIndicators
            && current.Schools.SequenceEqual(next.Schools.Select(s => s.Uai), StringComparer.Ordinal)
            && current.Themes.Order(StringComparer.Ordinal).SequenceEqual(next.Themes.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            && current.Tags.Order(StringComparer.Ordinal).SequenceEqual(next.Tags.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            && current.Team.Count == next.Team.Count
            && current.Team.Zip(next.Team).All(p => p.First.ErasedAt is null && p.First.Role == p.Second.Role && p.First.Name == p.Second.Name
                && p.First.Email == p.Second.Email);
    }
}
