using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Experimentation.Features.Experimentations;

internal static class ListExperimentations
{
    /// <summary>
    /// The list's one SQL text, scoped to what the caller sees (<see cref="ExperimentationTable.VisibleToCallerSql"/>).
    /// </summary>
    internal const string ListSql = ExperimentationTable.SelectSql + "WHERE " + ExperimentationTable.VisibleToCallerSql + "\n" + """
          AND (@Status IS NULL OR e.status = @Status)
          AND (@ProjectId IS NULL OR e.project_id = @ProjectId)
          AND (@Departement IS NULL OR EXISTS (SELECT 1 FROM experimentation.experimentation_departement d
                                               WHERE d.experimentation_id = e.id AND d.departement = @Departement))
          AND (@Overdue = 0 OR (e.status IN ('approved', 'adopted', 'enteredInSchoolProject', 'running')
                                AND EXISTS (SELECT 1 FROM experimentation.review r
                                            WHERE r.experimentation_id = e.id AND r.submitted_at IS NULL AND r.due_on < @Today)))
          AND (@After IS NULL OR e.id > @After)
        ORDER BY e.id
        {{limit @Take}}
        """;

    /// <summary>Filters and paging of the experimentations list.</summary>
    /// <param name="Status" example="running">Only this status.</param>
    /// <param name="ProjectId">Only this project's experimentations.</param>
    /// <param name="Departement" example="095">Only experimentations with a perimeter school in this département.</param>
    /// <param name="Overdue" example="true">Only experimentations with an overdue review (true).</param>
    /// <param name="Limit">Page size (1–200, default 50).</param>
    /// <param name="Cursor">The previous page's nextCursor.</param>
    internal sealed record Filters(
        [property: FromQuery(Name = "status"), EnumCodes(typeof(ExperimentationStatus))] string? Status,
        [property: FromQuery(Name = "projectId")] Guid? ProjectId,
        [property: FromQuery(Name = "departement")] string? Departement,
        [property: FromQuery(Name = "overdue")] bool? Overdue,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<ExperimentationView>>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Query, Page<ExperimentationView>>
    {
        public Task<Page<ExperimentationView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var status = EnumCodesAttribute.Parse<ExperimentationStatus>(filters.Status, "status");
            var page = PageRequest.AfterId(Limit.Resolve(filters.Limit), filters.Cursor);
            var today = Today.Of(time);
            return db.ReadAsync(async c =>
            {
                var rows = (await c.QueryAsync<ExperimentationTable.Row>(db.Sql(ListSql), new
                {
                    CallerAcademie = query.Caller.Academie,
                    CallerDepartement = query.Caller.Departement,
                    Status = status is { } s ? StableCode.Of(s) : null,
                    filters.ProjectId,
                    Departement = string.IsNullOrWhiteSpace(filters.Departement) ? null : Normalize(filters.Departement),
                    Overdue = filters.Overdue == true ? 1 : 0,
                    Today = today,
                    page.After,
                    page.Take,
                })).ToList();
                return page.PageOf(await ExperimentationTable.LoadAsync(db, c, rows, today), e => e.Id.ToString());
            }, cancellationToken);
        }

        private static string Normalize(string code)
        {
            var trimmed = code.Trim().ToUpperInvariant();
            return trimmed.Length < 3 && trimmed.All(char.IsAsciiDigit) ? trimmed.PadLeft(3, '0') : trimmed;
        }
    }

    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapQuery("/", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.ExperimentationsRead)
            .WithName("ListExperimentations")
            .WithSummary("List experimentations")
            .WithDescription("The experimentations of the caller's académie (all for a national caller), by id, with cursor pagination (`limit` "
                + "1–200, default 50). Filters: `status`, `projectId`, `departement` (a perimeter school's) and `overdue=true` (an "
                + "experimentation under way with a review past its due date and not submitted). An unknown filter or status is a 400.");
}
