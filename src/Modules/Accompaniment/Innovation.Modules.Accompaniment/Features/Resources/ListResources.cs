using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Accompaniment.Features.Resources;

/// <summary>Orders of the resource lists (<c>sort</c>).</summary>
internal enum ResourceListOrder
{
    /// <summary>Best match of <c>q</c> first (<see cref="ResourceFilters.ScoreSql"/>), then by id.</summary>
    Relevance,

    /// <summary>By id: creation order, since ids are version 7 GUIDs.</summary>
    Id,
}

internal static class ListResources
{
    internal const string ListSql = ResourceTable.SelectSql + ResourceFilters.WhereSql + """
          AND (@After IS NULL OR r.id > @After)
        ORDER BY r.id
        {{limit @Take}}
        """;

    // Best match first, then by id; the next page's cursor carries "score:id".
    internal const string ListByRelevanceSql = "SELECT ranked.* FROM (\n" + ResourceTable.ColumnsSql + ",\n" + ResourceFilters.ScoreSql
        + " AS Score\nFROM accompaniment.resource r\n" + ResourceFilters.WhereSql + """
        ) ranked
        WHERE @AfterScore IS NULL OR ranked.Score < @AfterScore OR (ranked.Score = @AfterScore AND ranked.Id > @After)
        ORDER BY ranked.Score DESC, ranked.Id
        {{limit @Take}}
        """;

    /// <summary>Order and paging of the resource list.</summary>
    /// <param name="Sort" example="relevance">`relevance`: best match first, then by id (the default with `q`, only with it); `id`: by id.</param>
    /// <param name="Limit" example="50">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page (of the same order).</param>
    internal sealed record Paging(
        [property: FromQuery(Name = "sort"), EnumCodes(typeof(ResourceListOrder))] string? Sort,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(ResourceFilters Filters, Publication Publication, Paging Paging, Caller Caller) : IRequest<Page<BankResource>>;

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<Query, Page<BankResource>>
    {
        public async Task<Page<BankResource>> Handle(Query query, CancellationToken cancellationToken)
        {
            var parameters = await query.Filters.ResolveAsync(query.Caller, query.Publication.Published, mediator, cancellationToken);
            return await PageAsync(db, parameters, query.Filters.Q, query.Paging.Sort, query.Paging.Limit, query.Paging.Cursor, cancellationToken);
        }
    }

    /// <summary>A page of the resources <paramref name="parameters"/> select, in the order <paramref name="sort"/> names (or a 400).</summary>
    internal static async Task<Page<BankResource>> PageAsync(
        Db db, ResourceFilters.Parameters parameters, string? q, string? sort, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = Limit.Resolve(limit);
        parameters.Take = size + 1;
        var byRelevance = Order(sort, q) == ResourceListOrder.Relevance;
        if (byRelevance)
        {
            var after = DecodeRankedCursor(cursor);
            (parameters.AfterScore, parameters.After) = (after?.Score, after?.Id);
        }
        else
        {
            parameters.After = Cursor.DecodeId(cursor);
        }

        var sql = db.Sql(byRelevance ? ListByRelevanceSql : ListSql);
        return await db.ReadAsync(async c =>
        {
            var rows = (await c.QueryAsync<ResourceTable.Row>(sql, parameters)).ToList();
            var page = Page<ResourceTable.Row>.From(rows, size, r => byRelevance ? $"{r.Score}:{r.Id}" : r.Id.ToString());
            return new Page<BankResource>(await ResourceTable.LoadAsync(db, c, page.Items), page.NextCursor);
        }, cancellationToken);
    }

    /// <summary>The order <paramref name="sort"/> names, else relevance when <paramref name="q"/> is given, else id order; or a 400.</summary>
    internal static ResourceListOrder Order(string? sort, string? q) =>
        EnumCodesAttribute.Parse<ResourceListOrder>(sort, "sort") switch
        {
            null => string.IsNullOrWhiteSpace(q) ? ResourceListOrder.Id : ResourceListOrder.Relevance,
            ResourceListOrder.Relevance when string.IsNullOrWhiteSpace(q) =>
                throw RequestValidationException.For("sort", "sort=relevance ranks the matches of a search: give q too, or sort=id."),
            { } given => given,
        };

    private static (int Score, Guid Id)? DecodeRankedCursor(string? cursor)
    {
        if (Cursor.Decode(cursor) is not { } key)
        {
            return null;
        }

        var colon = key.IndexOf(':');
        return colon > 0 && int.TryParse(key.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var score)
            && Guid.TryParse(key.AsSpan(colon + 1), out var id)
            ? (score, id)
            : throw RequestValidationException.For("cursor", "The cursor is not one this API issued for this order.");
    }

    public static void Map(IEndpointRouteBuilder resources) =>
        resources.MapGet("/", async ([AsParameters] ResourceFilters filters, [AsParameters] Publication publication, [AsParameters] Paging paging,
                HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(filters, publication, paging, http.Caller()), ct)))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("ListBankResources")
            .WithSummary("List and search the resource bank")
            .WithDescription("Resources of the caller's académie (a national credential sees every académie and may filter on one), published "
                + "or not, ordered by id (creation order), with cursor pagination (`limit` 1–200, default 50). Every filter given must hold; "
                + "`published` keeps published or unpublished ones. "
                + "`q` searches words in the title, description, themes and audience, ignoring case and accents; each word matches the start "
                + "of a word, and all words are required. With `q` the list comes best match first (`sort=relevance`; `sort=id` keeps id "
                + "order): a word found in the title counts above one found elsewhere; ties in id order. Unknown query parameters are rejected.")
            .Produces<Page<BankResource>>()
            .ProducesValidationProblem();
}
