using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Evaluation.Features.Indicators;

internal static class ListIndicators
{
    internal const string ListSql = IndicatorTable.SelectSql + """
        WHERE (@Academie IS NULL OR academie = @Academie) AND (@Scope IS NULL OR scope = @Scope) AND (@ScopeId IS NULL OR scope_id = @ScopeId)
          AND (@Code IS NULL OR code = @Code) AND (@After IS NULL OR id > @After)
        ORDER BY id
        {{limit @Take}}
        """;

    /// <summary>The list's filters and paging.</summary>
    internal sealed record Filters(
        [property: FromQuery(Name = "scope"), EnumCodes(typeof(IndicatorScope))] string? Scope,
        [property: FromQuery(Name = "scopeId")] Guid? ScopeId,
        [property: FromQuery(Name = "code")] string? Code,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<Indicator>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<Indicator>>
    {
        public Task<Page<Indicator>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var scope = EnumCodesAttribute.Parse<IndicatorScope>(filters.Scope, "scope");
            var page = PageRequest.AfterId(Limit.Resolve(filters.Limit), filters.Cursor);
            return db.ReadAsync(async c =>
            {
                var rows = await c.QueryAsync<IndicatorTable.Row>(db.Sql(ListSql), new
                {
                    query.Caller.Academie, Scope = scope is { } s ? StableCode.Of(s) : null, filters.ScopeId, Code = filters.Code?.Trim(),
                    page.After, page.Take,
                });
                return page.PageOf([.. rows.Select(r => r.ToIndicator())], i => i.Id.ToString());
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder indicators) =>
        indicators.MapQuery("/", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("ListIndicators")
            .WithSummary("List indicators")
            .WithDescription("The indicators of the caller's académie in the order they were created, filtered by `scope`, `scopeId` and "
                + "`code`, with cursor pagination (`limit` 1–200, default 50). An unknown filter or scope code is a 400.");
}
