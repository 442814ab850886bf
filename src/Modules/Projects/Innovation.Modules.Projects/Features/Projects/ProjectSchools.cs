using System.Data.Common;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// The school rules of a project, checked against Projects' own copy of the directory: every
/// school is known, all are in the project's académie, and a closed school may stay on a project
/// it already belonged to but cannot join one.
/// </summary>
internal static class ProjectSchools
{
    internal const string FindSql = """
        SELECT uai AS Uai, academie AS Academie, status AS Status FROM projects.school WHERE uai IN @Uais
        """;

    internal sealed class Row
    {
        public string Uai { get; set; } = "";
        public string Academie { get; set; } = "";
        public string Status { get; set; } = "";
    }

    /// <summary>
    /// The académie of the project these schools describe, or the 400 listing every school problem
    /// (field <c>schools[i]</c>). <paramref name="academie"/> is the académie the client named, if any;
    /// <paramref name="alreadyOnProject"/> lists the schools the project had before this change.
    /// </summary>
    public static async Task<string> ResolveAcademieAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<string> uais, string? academie,
            IReadOnlyCollection<string> alreadyOnProject)
    {
        var known = (await connection.QueryAsync<Row>(FindSql, new { Uais = uais }, transaction)).ToDictionary(s => s.Uai, StringComparer.Ordinal);
        academie ??= AcademieOf(uais, known);
        var errors = Problems(uais, known, academie, alreadyOnProject).ToDictionary(p => $"schools[{p.Index}]", p => new[] { p.Message });
        return errors.Count > 0 ? throw new RequestValidationException(errors) : academie!;
    }

    /// <summary>The académie of the first known school, when the client named none.</summary>
    public static string? AcademieOf(IEnumerable<string> uais, IReadOnlyDictionary<string, Row> known) =>
        uais.Select(u => known.GetValueOrDefault(u)?.Academie).FirstOrDefault(a => a is not null);

    /// <summary>
    /// Every school problem (index in <paramref name="uais"/>, message) against schools already read
    /// from the read model: the rules shared by the endpoints and the bulk import (which reads the
    /// schools of a whole batch at once).
    /// </summary>
    public static IEnumerable<(int Index, string Message)> Problems(
        IReadOnlyList<string> uais, IReadOnlyDictionary<string, Row> known, string? academie, IReadOnlyCollection<string> alreadyOnProject)
    {
        for (var i = 0; i < uais.Count; i++)
        {
            var uai = uais[i];
            string? problem = known.GetValueOrDefault(uai) switch
            {
                null => $"School {uai} is not in the school directory (or its registration has not reached Projects yet).",
                { Status: "closed" } when !alreadyOnProject.Contains(uai) =>
                    $"School {uai} is closed: it stays on the projects it belonged to but cannot join a project.",
                var school when school.Academie != academie =>
                    $"School {uai} belongs to académie {school.Academie}, not to the project's académie {academie}.",
                _ => null,
            };
            if (problem is not null)
            {
                yield return (i, problem);
            }
        }
    }
}
