using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Experimentation.Features.Experimentations;

internal static class GetExperimentationHistory
{
    internal const string ListSql = """
        SELECT sequence AS Sequence, action AS Action, from_status AS FromStatus, to_status AS ToStatus, reason AS Reason, details AS Details,
               actor AS Actor, occurred_at AS OccurredAt
        FROM experimentation.experimentation_transition
        WHERE experimentation_id = @Id AND sequence > @After
        ORDER BY sequence
        {{limit @Take}}
        """;

    /// <summary>One step of an experimentation's history.</summary>
    /// <param name="Sequence" example="2">Position in the history (the experimentation's version after the step).</param>
    /// <param name="Action" example="approve">create, submit, approve, reject, return, adopt, enterInSchoolProject, start, familiesInformed,
    /// reviewSubmitted, finalReportSubmitted, renew or close.</param>
    /// <param name="FromStatus">The status before (absent for the creation).</param>
    /// <param name="ToStatus">The status after.</param>
    /// <param name="Reason">The DASEN's reason for a rejection, a return or a renewal.</param>
    /// <param name="Details">What the step recorded (the council and the date of its vote, a date, the families' information).</param>
    /// <param name="Actor" example="key_1f2e">Who acted: the API key id or the token's subject.</param>
    /// <param name="OccurredAt">When.</param>
    internal sealed record Step(
        int Sequence, string Action, ExperimentationStatus? FromStatus, ExperimentationStatus ToStatus, string? Reason, JsonElement? Details,
        string Actor, DateTimeOffset OccurredAt);

    internal sealed class Row
    {
        public int Sequence { get; set; }
        public string Action { get; set; } = "";
        public string? FromStatus { get; set; }
        public string ToStatus { get; set; } = "";
        public string? Reason { get; set; }
        public string? Details { get; set; }
        public string Actor { get; set; } = "";
        public DateTimeOffset OccurredAt { get; set; }

        public Step ToStep() => new(
            Sequence, Action, FromStatus is null ? null : StableCode.Parse<ExperimentationStatus>(FromStatus),
            StableCode.Parse<ExperimentationStatus>(ToStatus), Reason, Details is null ? null : JsonDocument.Parse(Details).RootElement.Clone(),
            Actor, OccurredAt);
    }

    /// <summary>The experimentation and the paging of its history.</summary>
    internal sealed record Paging(
        [property: FromRoute(Name = "id")] Guid Id,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Paging Paging, Caller Caller) : IRequest<Page<Step>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Step>>
    {
        public async Task<Page<Step>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.AfterSequence(Limit.Resolve(query.Paging.Limit), query.Paging.Cursor);
            var rows = await db.ReadAsync(async c =>
            {
                await ExperimentationTable.FindVisibleAsync(c, query.Paging.Id, query.Caller);
                return (await c.QueryAsync<Row>(db.Sql(ListSql), new { query.Paging.Id, After = page.After ?? 0, page.Take })).ToList();
            }, cancellationToken);
            return page.PageOf([.. rows.Select(r => r.ToStep())], s => s.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapQuery("/{id:guid}/history", (Paging paging, Caller caller) => new Query(paging, caller))
            .RequireAuthorization(Scopes.ExperimentationsRead)
            .WithName("GetExperimentationHistory")
            .WithSummary("An experimentation's history")
            .WithDescription("Every step of the experimentation, oldest first, its creation included: the workflow's actions, the families' "
                + "information, the reviews' submissions and the renewal, each with who, when, from, to, the reason and what it recorded. Cursor "
                + "pagination (`limit` 1–200, default 50). An experimentation of another académie is a 404.");
}
