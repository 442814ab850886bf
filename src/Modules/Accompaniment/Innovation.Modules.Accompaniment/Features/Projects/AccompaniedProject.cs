using System.Data.Common;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Projects.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Accompaniment.Features.Projects;

/// <summary>The project of a list of its records (its diagnoses, its plans) and the list's paging.</summary>
internal sealed record ProjectPaging(
    [property: FromRoute(Name = "projectId")] Guid ProjectId,
    [property: FromQuery(Name = "limit")] int? Limit,
    [property: FromQuery(Name = "cursor")] string? Cursor);

/// <summary>
/// The rules every use case applies to the project it works on: a project Accompaniment does not know (never
/// submitted) or of another académie is a 404; a carrier is recognised by Projects' <see cref="IsProjectCarrier"/>;
/// people named in a diagnosis or a plan must be in the académie's directory (Networks' <see cref="FindPeople"/>).
/// </summary>
internal static class AccompaniedProject
{
    /// <summary>What a list of a project's records adds to its table's SELECT: the project's rows after the cursor, by id.</summary>
    internal const string PageSql = """
        WHERE project_id = @ProjectId AND (@After IS NULL OR id > @After)
        ORDER BY id
        {{limit @Take}}
        """;

    /// <summary>
    /// A page of the project's records: <paramref name="listSql"/> (a SELECT with <see cref="PageSql"/>) read as rows, which
    /// <paramref name="load"/> makes into the records, keyed by their id. The project's read model catches up first, so a project
    /// just submitted is there; a project of another académie is a 404.
    /// </summary>
    public static async Task<Page<T>> PageAsync<TRow, T>(Db db, IMediator mediator, ProjectPaging paging, Caller caller, string listSql,
        Func<DbConnection, List<TRow>, Task<List<T>>> load, Func<T, Guid> id, CancellationToken cancellationToken)
    {
        var page = PageRequest.AfterId(Limit.Resolve(paging.Limit), paging.Cursor);
        await ProjectReadModel.CatchUpAsync(db, mediator, paging.ProjectId, cancellationToken);
        return await db.ReadAsync(async c =>
        {
            var project = await FindVisibleAsync(c, paging.ProjectId, caller);
            var rows = (await c.QueryAsync<TRow>(db.Sql(listSql), new { ProjectId = project.Id, page.After, page.Take })).ToList();
            return page.PageOf(await load(c, rows), x => id(x).ToString());
        }, cancellationToken);
    }

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
