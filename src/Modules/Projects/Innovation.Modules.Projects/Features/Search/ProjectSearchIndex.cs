using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.Modules.Projects.Features.Projects;

namespace Innovation.Modules.Projects.Features.Search;

/// <summary>
/// The portable full-text index (ADR 0013): every distinct word of a project's title, summary and
/// canvas, lower-cased and stripped of accents, one row per word in <c>projects.project_search_term</c>.
/// A query word matches a term it begins ("pedago" finds "pédagogique"); several words are AND-ed.
/// The same SQL runs on SQLite and SQL Server, with no engine-specific full-text feature.
/// </summary>
internal static class ProjectSearchIndex
{
    /// <summary>Longest term kept (longer words are cut; a prefix query still finds them).</summary>
    internal const int MaxTermLength = 64;

    /// <summary>Most words a query may hold (each is one EXISTS in the shared filter SQL).</summary>
    internal const int MaxQueryWords = 5;

    internal const string DeleteSql = "DELETE FROM projects.project_search_term WHERE project_id = @Id";

    internal const string InsertSql = "INSERT INTO projects.project_search_term (project_id, term) VALUES (@ProjectId, @Term)";

    // One single-row INSERT, prepared once per project and stepped once per term (on SQL Server,
    // one command of all the terms). It replaced an INSERT ... SELECT of sixteen UNION ALL slots:
    // a statement that may write several rows makes SQLite keep a statement journal, copying each
    // page it changes first, and the terms are most of a project write (ADR 0010).
    private static readonly BulkStatement<(Guid ProjectId, string Term)> Insert =
        new(InsertSql, ("ProjectId", t => t.ProjectId), ("Term", t => t.Term));

    /// <summary>Rewrites the project's terms from its row (called by every insert and replace of a project).</summary>
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, ProjectTable.Row row)
    {
        await connection.ExecuteAsync(DeleteSql, new { row.Id }, transaction);
        var terms = Terms(row.Title, row.Summary, row.Needs, row.Objectives, row.Actors, row.Resources, row.KeySteps, row.EvaluationIndicators);
        await Insert.ExecuteAsync(connection, transaction, terms.Select(term => (row.Id, term)));
    }

    /// <summary>The distinct folded words of <paramref name="texts"/>.</summary>
    public static IReadOnlyCollection<string> Terms(params string?[] texts)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var word in Words(text))
            {
                terms.Add(word.Length > MaxTermLength ? word[..MaxTermLength] : word);
            }
        }

        return terms;
    }

    /// <summary>The words of a text: runs of letters and digits, lower-cased, accents removed.</summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>The LIKE prefix patterns of a query (ESCAPE '\'), at most <see cref="MaxQueryWords"/>, or a 400.</summary>
    public static IReadOnlyList<string> Patterns(string? q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return [];
        }

        if (q.Length > 200)
        {
            throw BuildingBlocks.Http.RequestValidationException.For("q", "Search text is at most 200 characters.");
        }

        var words = Words(q).Distinct().ToList();
        if (words.Count > MaxQueryWords)
        {
            throw BuildingBlocks.Http.RequestValidationException.For("q", $"Search at most {MaxQueryWords} words at once.");
        }

        return [.. words.Select(w => (w.Length > MaxTermLength ? w[..MaxTermLength] : w).Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").Replace("[", "\\[") + "%")];
    }
}
