using Innovation.Modules.Evaluation.Features.Indicators;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Evaluation.Features.Measurements;

internal static class ListMeasurements
{
    internal const string ListSql = MeasurementTable.ColumnsSql + """
        WHERE indicator_id = @IndicatorId AND (@Status IS NULL OR status = @Status) AND (@SchoolYear IS NULL OR school_year = @SchoolYear)
          AND (@AfterEnd IS NULL OR period_end > @AfterEnd OR (period_end = @AfterEnd AND period > @AfterPeriod))
        ORDER BY period_end, period
        {{limit @Take}}
        """;

    /// <summary>The list's filters and paging.</summary>
    internal sealed record Filters(
        [property: FromQuery(Name = "status"), EnumCodes(typeof(MeasurementStatus))] string? Status,
        [property: FromQuery(Name = "schoolYear")] string? SchoolYear,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Guid IndicatorId, Filters Filters, Caller Caller) : IRequest<Page<Measurement>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Measurement>>
    {
        public Task<Page<Measurement>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var status = EnumCodesAttribute.Parse<MeasurementStatus>(filters.Status, "status");
            if (filters.SchoolYear is not null && Period.SchoolYearStart(filters.SchoolYear) is null)
            {
                throw RequestValidationException.For("schoolYear", Period.SchoolYearRule);
            }

            var page = PageRequest.AfterKey(Limit.Resolve(filters.Limit), filters.Cursor);
            var after = page.After?.Split('|', 2);
            if (after is not null && (after.Length != 2 || !DateOnly.TryParse(after[0], System.Globalization.CultureInfo.InvariantCulture, out _)))
            {
                throw RequestValidationException.For("cursor", Cursor.NotIssued);
            }

            return db.ReadAsync(async c =>
            {
                var indicator = await IndicatorTable.FindVisibleAsync(c, query.IndicatorId, query.Caller);
                var rows = await c.QueryAsync<MeasurementTable.Row>(db.Sql(ListSql), new
                {
                    IndicatorId = indicator.Id, Status = status is { } s ? StableCode.Of(s) : null, filters.SchoolYear,
                    AfterEnd = after is null ? (DateOnly?)null : DateOnly.Parse(after[0], System.Globalization.CultureInfo.InvariantCulture),
                    AfterPeriod = after?[1], page.Take,
                });
                return page.PageOf([.. rows.Select(r => r.ToMeasurement())], m => $"{m.PeriodEnd:yyyy-MM-dd}|{m.Period}");
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder evaluation) =>
        evaluation.MapGet("/indicators/{indicatorId:guid}/measurements", async (
                Guid indicatorId, [AsParameters] Filters filters, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(indicatorId, filters, http.Caller()), ct)))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("ListMeasurements")
            .WithSummary("List an indicator's measurements")
            .WithDescription("The indicator's time series in period order, every status (filter with `status`), optionally of one "
                + "`schoolYear` (2024-2025), with cursor pagination (`limit` 1–200, default 50). An indicator of another académie is a 404.")
            .Produces<Page<Measurement>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
