using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Projects.Features.Lifecycle;

internal static class GetProjectHistory
{
    internal const string ListSql = """
        SELECT sequence AS Sequence, action AS Action, from_status AS FromStatus, to_status AS ToStatus, reason AS Reason,
               actor AS Actor, occurred_at AS OccurredAt
        FROM projects.project_transition
        WHERE project_id = @Id AND sequence > @After
        ORDER BY sequence
        {{limit @Take}}
        """;

    /// <summary>One line of a project's history.</summary>
    /// <param name="Sequence" example="2">Position in the history (1 = creation).</param>
    /// <param name="Action" example="submit">create, submit, validate, reject, return, start, complete or archive.</param>
    /// <param name="FromStatus">The status before (absent for the creation).</param>
    /// <param name="ToStatus">The status after.</param>
    /// <param name="Reason">The rejection reason or the return comment, when there is one.</param>
    /// <param name="Actor" example="key_1f2e">Who acted: the API key id or the token's subject.</param>
    /// <param name="OccurredAt">When.</param>
    internal sealed record Transition(
        int Sequence, string Action, ProjectStatus? FromStatus, ProjectStatus ToStatus, string? Reason, string Actor, DateTimeOffset OccurredAt);

    internal sealed class Row
    {
        public int Sequence { get; set; }
        public string Action { get; set; } = "";
        public string? FromStatus { get; set; }
        public string ToStatus { get; set; } = "";
        public string? Reason { get; set; }
        public string Actor { get; set; } = "";
        public DateTimeOffset OccurredAt { get; set; }

        public Transition ToTransition() => new(
            Sequence, Action, FromStatus is null ? null : StableCode.Parse<ProjectStatus>(FromStatus), StableCode.Parse<ProjectStatus>(ToStatus),
            Reason, Actor, OccurredAt);
    }

    /// <summary>The project and the page of its history.</summary>
    internal sealed record Paging(
        [property: FromRoute(Name = "id")] Guid Id,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Paging Paging, Caller Caller) : IRequest<Page<Transition>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Transition>>
    {
        public async Task<Page<Transition>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Limit.Resolve(query.Paging.Limit);
            var page = PageRequest.AfterSequence(limit, query.Paging.Cursor);
            var rows = await db.ReadAsync(async c =>
            {
                await ProjectAccess.FindVisibleAsync(c, query.Paging.Id, query.Caller);
                return (await c.QueryAsync<Row>(db.Sql(ListSql), new { query.Paging.Id, After = page.After ?? 0, Take = page.Take })).ToList();
            }, cancellationToken);
            return page.PageOf([.. rows.Select(r => r.ToTransition())], t => t.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapQuery("/{id:guid}/history", (Paging paging, Caller caller) => new Query(paging, caller))
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProjectHistory")
            .WithSummary("A project's lifecycle history")
            .WithDescription("Every transition of the project, oldest first, its creation included: who (API key id or token subject), when, from, " +
                "to, and the rejection reason or return comment. Cursor pagination (`limit` 1–200, default 50). A project of another académie is a " +
                "404.");
}
