using System.Data.Common;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Projects.Contracts;

namespace Innovation.Modules.Accompaniment.Features.Projects;

/// <summary>
/// The rules every use case applies to the project it works on: a project Accompaniment does not know (never
/// submitted) or of another académie is a 404; a carrier is recognised by Projects' <see cref="IsProjectCarrier"/>;
/// people named in a diagnosis or a plan must be in the académie's directory (Networks' <see cref="FindPeople"/>).
/// </summary>
internal static class AccompaniedProject
{
    public static async Task<ProjectReadModel.Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null)
    {
        var row = await c.QuerySingleOrDefaultAsync<ProjectReadModel.Row>(ProjectReadModel.FindSql, new { Id = id }, t);
        return row is not null && caller.Sees(row.Academie) ? row : throw ProblemException.NotFound("project", id.ToString());
    }

    /// <summary>403 <c>not_a_carrier</c> unless the caller's e-mail names a carrier or co-carrier of the project.</summary>
    public static async Task EnsureCarrierAsync(IMediator mediator, Guid projectId, Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Email is not { } email || !await mediator.Send(new IsProjectCarrier(projectId, email), cancellationToken))
        {
            throw ProblemException.Forbidden("not_a_carrier",
                "Only a carrier or co-carrier of the project (projects:carry, recognised by the token's e-mail) decides on its accompaniment.");
        }
    }

    /// <summary>
    /// A 400 naming every field whose person is not in the directory of <paramref name="academie"/> (unknown, erased or of
    /// another académie), all at once.
    /// </summary>
    public static async Task EnsureInDirectoryAsync(
        IMediator mediator, string academie, IReadOnlyList<(string Field, Guid PersonId)> people, CancellationToken cancellationToken)
    {
        var found = (await mediator.Send(new FindPeople([.. people.Select(p => p.PersonId).Distinct()]), cancellationToken))
            .Where(p => p.Academie == academie).Select(p => p.PersonId).ToHashSet();
        var errors = people.Where(p => !found.Contains(p.PersonId))
            .GroupBy(p => p.Field)
            .ToDictionary(g => g.Key, g => new[] { $"Person '{g.First().PersonId}' is not in the people directory of académie {academie}." });
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}
